#!/bin/sh
# Dateline tests: one article, one page: the page key comes from the
# normalised URL, so the same article crawled again over https, with
# tracking parameters or a fragment, replaces itself instead of being
# added twice.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/u.db"
line()
{
    printf '{"url": "%s", "title": "Ferry", "text": "%s"}\n' "$1" "$2"
}

test_expect_success 'dtl-test-tool url shows the identity form' '
    "$DTL_TEST_TOOL" url "HTTP://News.Example:80/a/../story?utm_source=x&id=7#top" >out &&
    test_expect_equal "$(cat out)" "https://news.example/story?id=7"
'
test_expect_success 'the first crawl' '
    line "http://news.example/ferry" "The harbour ferry sailed at noon." >c1.jsonl &&
    "$DATELINE" index --db "$DB" c1.jsonl 2>err &&
    grep -q "indexed 1 pages (1 entries)" err
'
test_expect_success 'a second crawl (https, tracking, fragment) replaces it' '
    line "https://NEWS.example/ferry?utm_campaign=rss&fbclid=abc#comments" \
        "The harbour ferry sailed at noon, an hour late." >c2.jsonl &&
    "$DATELINE" index --db "$DB" c2.jsonl 2>err &&
    grep -q "indexed 1 pages (1 entries)" err &&
    "$DATELINE" info --db "$DB" >info &&
    grep -q "entries: *1\b\|1 entries" info &&
    "$DATELINE" search --db "$DB" --json ferry >out &&
    grep -q "\"estimate\":1," out && grep -q "an hour late" out
'
test_expect_success 'another query string is another page' '
    line "https://news.example/ferry?id=2" "A second ferry sailed." >c3.jsonl &&
    "$DATELINE" index --db "$DB" c3.jsonl 2>/dev/null &&
    "$DATELINE" search --db "$DB" --json ferry >out &&
    grep -q "\"estimate\":2," out
'
test_done
