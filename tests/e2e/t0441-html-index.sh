#!/bin/sh
# Dateline tests: `dateline index` reads .html, .htm and .html.gz files
# from directories: an article is one entry holding its text and none of
# its boilerplate, a live blog one entry per update with its UTC time.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

HTML="$top_srcdir/tests/data/html"
DB="$TMP/html.db"
mkdir -p "$TMP/pages/sub"
cp "$HTML/article-gzip.html.gz" "$TMP/pages/"
cp "$HTML/liveblog-jsonld.html" "$TMP/pages/sub/storm.htm"
cp "$HTML/liveblog-microdata.html" "$TMP/pages/sub/"
cp "$HTML/liveblog-jsonld.expected" "$TMP/pages/not-a-page.expected"

test_expect_success 'index a directory of HTML pages' '
    "$DATELINE" index --db "$DB" "$TMP/pages" &&
    "$DATELINE" info --db "$DB" >info &&
    grep -q "^entries:  7$" info
'

test_expect_success 'article text is found' '
    "$DATELINE" search --db "$DB" --json "marine recovery fund" >a.json &&
    grep -q "Harbour wall repairs to start in spring" a.json
'

test_expect_success 'boilerplate is not indexed' '
    for w in Recommended cookies honoured timetable Privacy rights; do
        test_expect_code 1 "$DATELINE" search --db "$DB" "$w" >/dev/null ||
            return 1
    done
'

test_expect_success 'a live-blog update is its own entry with its time' '
    "$DATELINE" search --db "$DB" --json "ferry operator" >f.json &&
    grep -q "Ferries cancelled" f.json &&
    grep -q "2025-10-21T08:45:00Z" f.json &&
    ! grep -q "Red warning" f.json
'

test_expect_success 'indexing again changes nothing' '
    "$DATELINE" index --db "$DB" "$TMP/pages" &&
    "$DATELINE" info --db "$DB" >info2 &&
    grep -q "^entries:  7$" info2
'

test_done
