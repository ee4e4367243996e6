#!/bin/sh
# Dateline tests: `dateline extract` on the project's HTML fixtures
# (tests/data/html/: an article with boilerplate, live blogs with JSON-LD,
# microdata and bare DOM stamps, Latin-1 and lying charsets): the text and
# entries match the reviewed *.expected files, --json carries metadata,
# gzip and standard input read the same, and bad invocations fail cleanly.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

HTML="$top_srcdir/tests/data/html"

for f in "$HTML"/*.html; do
    name=$(basename "$f" .html)
    test_expect_success "extract $name matches $name.expected" '
        "$DATELINE" extract "$f" >"$TMP/$name.out" &&
        test_expect_equal_file "$TMP/$name.out" "$HTML/$name.expected"
    '
done

test_expect_success 'a gzip page reads as the page itself' '
    "$DATELINE" extract "$HTML/article-gzip.html.gz" >gz.out &&
    test_expect_equal_file gz.out "$HTML/article-boilerplate.expected"
'

test_expect_success '- reads standard input' '
    "$DATELINE" extract - <"$HTML/liveblog-jsonld.html" >stdin.out &&
    test_expect_equal_file stdin.out "$HTML/liveblog-jsonld.expected"
'

test_expect_success '--json: metadata of an article' '
    "$DATELINE" extract --json "$HTML/article-boilerplate.html" >a.json &&
    grep -q "\"title\": \"Harbour wall repairs to start in spring\"" a.json &&
    grep -q "\"site\": \"The Northern Ledger\"" a.json &&
    grep -q "\"author\": \"Morag Bell, Ian Stott\"" a.json &&
    grep -q "\"language\": \"en-GB\"" a.json &&
    grep -q "\"published\": \"2025-11-28T07:15:00Z\"" a.json &&
    grep -q "\"modified\": \"2025-11-28T09:40:12Z\"" a.json &&
    grep -q "\"canonical\": \"https://ledger.example/news/2025/11/28/harbour-wall-repairs\"" a.json &&
    ! grep -q "Recommended\|cookies\|Share on\|All rights" a.json
'

test_expect_success '--json: live-blog entries with times and fragment URLs' '
    "$DATELINE" extract --json "$HTML/liveblog-jsonld.html" >l.json &&
    test "$(grep -c "\"headline\":" l.json)" -eq 3 &&
    grep -q "\"time\": \"2025-10-21T08:45:00Z\"" l.json &&
    grep -q "storm-hesketh#block-1\"" l.json
'

test_expect_success '--url names the page and its entries' '
    "$DATELINE" extract --json --url "https://x.example/live/a" \
        "$HTML/liveblog-epoch-ms.html" >u.json &&
    grep -q "\"url\": \"https://x.example/live/a\"" u.json &&
    grep -q "\"url\": \"https://x.example/live/a#entry-3\"" u.json
'

test_expect_success '--charset is the HTTP charset' '
    printf "<p>\\261le and more text to make a page of it</p>" >l2.html &&
    "$DATELINE" extract --charset iso-8859-2 l2.html >l2.out &&
    grep -q "$(printf "\\304\\205le")" l2.out
'

test_expect_success 'a missing file is an error naming it' '
    test_expect_code 5 "$DATELINE" extract "$TMP/nope.html" 2>err &&
    grep -q "nope.html" err
'

test_expect_success 'a page over 32 MiB is refused with a message' '
    dd if=/dev/zero of=big.html bs=1048576 count=33 2>/dev/null &&
    test_expect_code 5 "$DATELINE" extract big.html 2>err &&
    grep -q "big.html: larger than 32 MiB" err
'

test_expect_success 'usage errors exit 2' '
    test_expect_code 2 "$DATELINE" extract 2>/dev/null &&
    test_expect_code 2 "$DATELINE" extract a b 2>/dev/null &&
    test_expect_code 2 "$DATELINE" extract --bogus x 2>/dev/null &&
    "$DATELINE" extract --help | grep -q "usage: dateline extract"
'

test_done
