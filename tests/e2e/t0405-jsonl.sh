#!/bin/sh
# Dateline tests: a JSON Lines dump (tests/data/ingest/dump.jsonl), plain,
# gzip and on standard input: its pages are searchable, entries keep
# their times and URLs, bad lines are reported by number and skipped.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

D="$top_srcdir/tests/data/ingest"
DB="$TMP/j.db"

# found QUERY PATTERN...: the --json results of QUERY hold every pattern.
found()
{
    q=$1
    shift
    "$DATELINE" search --db "$DB" --json "$q" >out || return 1
    for pat in "$@"; do
        grep -q -- "$pat" out || { echo "no $pat in:"; cat out; return 1; }
    done
}

test_expect_success 'the dump is read; bad lines named by number (status 1)' '
    test_expect_code 1 "$DATELINE" index --db "$DB" "$D/dump.jsonl" 2>err &&
    grep -q "dump.jsonl: line 3: malformed JSON" err &&
    grep -q "dump.jsonl: line 8: not a JSON object" err &&
    grep -q "indexed 4 pages (7 entries), 0 unchanged, 2 errors, 1 records skipped" err
'
test_expect_success 'a text page is searchable' '
    found dockers "\"source\":\"https://news.example/2025/12/02/harbour-cranes\""
'
test_expect_success 'pre-split entries keep their times and URLs' '
    found touchdown "\"time\":\"2025-12-02T09:46:00Z\"" \
        "\"url\":\"https://news.example/live/kestrel-lander#post-3\"" \
        "\"headline\":\"Touchdown confirmed\""
'
test_expect_success 'a text live blog: stamps resolved against published' '
    found diverted "\"time\":\"2025-12-02T01:40:00Z\""
'
test_expect_success 'a page without a URL is named by file and line' '
    found flood "dump.jsonl:7\""
'
test_expect_success 'the dump gzip-compressed on stdin: only the URL-less page is new' '
    gzip -c "$D/dump.jsonl" >dump.gz &&
    test_expect_code 1 "$DATELINE" index --db "$DB" - <dump.gz 2>err &&
    grep -q "indexed 1 pages (1 entries), 3 unchanged, 2 errors" err
'
test_expect_success 'entries without a URL show an empty url in --json' '
    found dockers "\"url\":\"\""
'
test_done
