#!/bin/sh
# Dateline tests: the run report of `dateline index`: the one-line summary,
# --json (added, updated, unchanged, deleted, skipped with reasons, failed
# with file and offset, bytes, seconds), the progress bar only on request
# or at a terminal, and its redraw limit.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

DB="$TMP/r.db"
mkdir -p "$TMP/in"
cp "$SAMPLE"/*.txt "$SAMPLE"/*.txt.gz "$SAMPLE/README" "$TMP/in/"

test_expect_success 'first run: --json counts every sample entry as added' '
    "$DATELINE" index --db "$DB" --json "$TMP/in" >r1.json 2>err &&
    test_expect_equal "$(ops_counts r1.json)" "39 0 0 0" &&
    test_expect_equal "$(ops_field files r1.json)" 8 &&
    test_expect_equal "$(ops_field pages_written r1.json)" 8 &&
    grep -q "^  \"status\": \"ok\",$" r1.json &&
    test "$(ops_field bytes r1.json)" -gt 20000 &&
    grep -q "^  \"seconds\": [0-9]*\.[0-9]*,$" r1.json
'
test_expect_success 'skipped inputs are listed with their reason' '
    grep -q "{\"file\": \"$TMP/in/README\", \"reason\": \"not a page file name" r1.json
'
test_expect_success 'the summary line gives the entry counts' '
    grep -q "indexed 8 pages (39 entries), 0 unchanged, 0 errors: 39 added, 0 updated, 0 unchanged, 0 deleted entries; 1 skipped; 0.0 MB in" err
'
test_expect_success 'no progress bar when stderr is not a terminal' '
    ! grep -q "$(printf "\r")" err && ! grep -q "entries/s" err
'
test_expect_success 'second run: everything unchanged' '
    "$DATELINE" index --db "$DB" --json "$TMP/in" >r2.json 2>/dev/null &&
    test_expect_equal "$(ops_counts r2.json)" "0 0 39 0" &&
    test_expect_equal "$(ops_field pages_unchanged r2.json)" 8
'
test_expect_success 'a failed file is reported with its byte offset' '
    gzip -c "$SAMPLE/01-aldmere-port-strike.txt" | head -c 1500 \
        >"$TMP/in/09-cut.txt.gz" &&
    test_expect_code 1 "$DATELINE" index --db "$DB" --json "$TMP/in" \
        >r3.json 2>err3 &&
    grep -q "^  \"status\": \"partial\",$" r3.json &&
    grep -q "{\"file\": \"$TMP/in/09-cut.txt.gz\", \"offset\": [0-9][0-9]*, \"error\": \"[^\"]*truncated\"}" r3.json &&
    grep -q "09-cut.txt.gz: byte [0-9]*: .*truncated" err3 &&
    test_expect_equal "$(ops_counts r3.json)" "0 0 39 0"
'
test_expect_success '--progress draws a bar with files, MB, rate and ETA' '
    rm -f "$TMP/in/09-cut.txt.gz" &&
    "$DATELINE" index --db "$TMP/p.db" --progress "$TMP/in" 2>perr &&
    tr "\r" "\n" <perr >bar &&
    grep -q "^\[#*\.*\] [0-9]*/9 files  [0-9.]*/[0-9.]* MB  [0-9]* entries/s" bar &&
    grep -q "indexed 8 pages" bar
'
test_expect_success 'the bar is redrawn at most about ten times a second' '
    ops_gen "$TMP/ga" 1500 5 &&
    start=$(date +%s.%N) &&
    "$DATELINE" index --db "$TMP/g.db" --progress "$TMP/ga/pages" 2>gerr &&
    end=$(date +%s.%N) &&
    draws=$(tr "\r" "\n" <gerr | grep -c "entries/s") &&
    files=$(find "$TMP/ga/pages" -type f | wc -l) &&
    echo "draws=$draws files=$files" &&
    awk -v d="$draws" -v a="$start" -v b="$end" \
        "BEGIN { exit !(d <= (b - a) * 10 + 2) }" &&
    tr "\r" "\n" <gerr | grep -q "ETA [0-9]*:[0-9][0-9]"
'
test_expect_success 'the bar follows the writing and the merge' '
    tr "\r" "\n" <gerr >gbar &&
    grep -q "^\[[#.]*\] writing [0-9]*/1568 entries  [0-9]* entries/s" gbar &&
    grep -q "^\[[#.]*\] merging [0-9]*%  [0-9]* entries/s" gbar
'
test_expect_success 'at a terminal the bar is on by default' '
    command -v script >/dev/null 2>&1 || exit 0
    script -qec "\"$DATELINE\" index --db \"$TMP/t.db\" \"$TMP/in\"" \
        /dev/null >tty.out 2>&1 </dev/null &&
    grep -q "entries/s" tty.out
'
test_done
