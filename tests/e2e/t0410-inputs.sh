#!/bin/sh
# Dateline tests: what `dateline index` takes: files, directories walked
# in name order with --include/--exclude, "-" for standard input, gzip
# told by content (multi-member, any name), a gzip bomb and a truncated
# gzip file refused with the file and byte named.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

M="$top_srcdir/tests/data/mini"
mkdir -p "$TMP/tree/a/deep" "$TMP/tree/b" "$TMP/tree/skip"
cp "$M/storm.txt" "$TMP/tree/a/storm.txt"
cp "$M/garden.txt" "$TMP/tree/a/deep/garden.txt"
gzip -c "$M/review.txt" >"$TMP/tree/b/review.txt.gz"
cp "$M/storm.txt" "$TMP/tree/skip/storm-copy.txt"
echo "not a page" >"$TMP/tree/b/notes.md"
printf '{"url": "https://x.test/j", "text": "Lighthouse keepers vote."}\n' \
    >"$TMP/tree/b/dump.jsonl"

# skip/storm-copy.txt names the URL of a/storm.txt: the same page.
test_expect_success 'a directory is walked recursively, page names only' '
    "$DATELINE" index --db "$TMP/d1.db" "$TMP/tree" 2>err &&
    grep -q "indexed 4 pages (8 entries), 1 unchanged, 0 errors" err &&
    "$DATELINE" search --db "$TMP/d1.db" lighthouse >/dev/null
'
test_expect_success '--exclude drops files and whole directories' '
    "$DATELINE" index --db "$TMP/d2.db" --exclude skip --exclude "*.jsonl" \
        "$TMP/tree" 2>err &&
    grep -q "indexed 3 pages" err &&
    test_expect_code 1 "$DATELINE" search --db "$TMP/d2.db" lighthouse
'
test_expect_success '--include takes only what matches (any name)' '
    "$DATELINE" index --db "$TMP/d3.db" --include "*.md" --include "*.gz" \
        "$TMP/tree" 2>err &&
    grep -q "indexed 2 pages" err
'
test_expect_success 'a pattern with a slash matches the path' '
    "$DATELINE" index --db "$TMP/d4.db" --include "*/a/*" "$TMP/tree" 2>err &&
    grep -q "indexed 2 pages" err
'
test_expect_success 'standard input: a page, and a gzip page' '
    "$DATELINE" index --db "$TMP/s.db" - <"$M/storm.txt" 2>err &&
    grep -q "indexed 1 pages" err &&
    gzip -c "$M/garden.txt" | "$DATELINE" index --db "$TMP/s.db" - 2>err &&
    grep -q "indexed 1 pages" err &&
    "$DATELINE" search --db "$TMP/s.db" --json gardeners >out &&
    grep -q "\"source\":\"(standard input)\"" out
'
test_expect_success 'gzip is told by content, not name' '
    gzip -c "$M/garden.txt" >"$TMP/looks-plain.txt" &&
    cp "$M/storm.txt" "$TMP/looks-gzip.txt.gz" &&
    "$DATELINE" index --db "$TMP/g.db" "$TMP/looks-plain.txt" \
        "$TMP/looks-gzip.txt.gz" 2>err &&
    grep -q "indexed 2 pages" err
'
test_expect_success 'a multi-member gzip page reads whole' '
    head -n 3 "$M/garden.txt" | gzip -c >"$TMP/multi.txt.gz" &&
    tail -n +4 "$M/garden.txt" | gzip -c >>"$TMP/multi.txt.gz" &&
    "$DTL_TEST_TOOL" source "$TMP/multi.txt.gz" >a &&
    "$DTL_TEST_TOOL" source "$M/garden.txt" >b &&
    test_expect_equal "$(grep -v ^kind a)" "$(grep -v ^kind b)" &&
    grep -q "gzip=1" a
'
test_expect_success 'a gzip bomb is stopped, named, the run goes on' '
    yes "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" | head -c 100000000 |
        gzip -9 >"$TMP/bomb.txt.gz" &&
    test "$(wc -c <"$TMP/bomb.txt.gz")" -lt 400000 &&
    test_expect_code 1 "$DATELINE" index --db "$TMP/b.db" \
        "$TMP/bomb.txt.gz" "$M/storm.txt" 2>err &&
    grep -E -q "bomb.txt.gz: (byte [0-9]*: one record inflates past the limit \(a gzip bomb\?\)|larger than 64 MiB)" err &&
    grep -q "indexed 1 pages" err
'
test_expect_success 'a truncated gzip crawl: byte named, status 1' '
    "$DATELINE" index --db "$TMP/t.db" "$TMP/tree/b/dump.jsonl" 2>/dev/null &&
    { cat "$TMP/tree/b/dump.jsonl"; cat "$M/storm.txt" | sed "s/^/x/" |
      awk "{printf \"{\\\"text\\\": \\\"%s\\\"}\\n\", \$0}"; } | gzip -c >full.gz &&
    head -c $(( $(wc -c <full.gz) - 30 )) full.gz >"$TMP/cut.jsonl.gz" &&
    test_expect_code 1 "$DATELINE" index --db "$TMP/t.db" "$TMP/cut.jsonl.gz" 2>err &&
    grep -q "cut.jsonl.gz: byte [0-9]*: gzip data cut short: the file is truncated" err &&
    "$DATELINE" search --db "$TMP/t.db" lighthouse >/dev/null
'
test_expect_success 'a missing file and an empty file' '
    : >"$TMP/empty.jsonl" &&
    test_expect_code 1 "$DATELINE" index --db "$TMP/e.db" "$TMP/nope.warc" \
        "$TMP/empty.jsonl" 2>err &&
    grep -q "nope.warc: No such file" err
'
test_done
