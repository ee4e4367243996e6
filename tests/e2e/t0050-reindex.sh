#!/bin/sh
# Dateline tests: re-indexing is idempotent, a changed page replaces its
# entries, one writer at a time, searches during writes, and an indexer
# killed mid-run loses nothing it committed.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/re.db"
mkdir -p "$TMP/pages"
cp "$top_srcdir"/tests/data/mini/*.txt "$TMP/pages/"

count()
{
    "$DATELINE" info --db "$DB" | sed -n 's/^entries: *//p'
}

test_expect_success 'first run indexes every page' '
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    grep -q "indexed 3 pages (7 entries), 0 unchanged" err &&
    test "$(count)" -eq 7
'
test_expect_success 'second run changes nothing' '
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    grep -q "indexed 0 pages (0 entries), 3 unchanged" err &&
    test "$(count)" -eq 7
'
test_expect_success 'the same page by another path spelling is the same page' '
    (cd "$TMP" && "$DATELINE" index --db "$DB" pages/./garden.txt) 2>err &&
    grep -q "1 unchanged" err && test "$(count)" -eq 7
'
test_expect_success 'a changed page replaces its entries' '
    sed -i "s/Council meets on drainage/Council meets on sewers/" \
        "$TMP/pages/review.txt" &&
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    grep -q "indexed 1 pages (3 entries), 2 unchanged" err &&
    test "$(count)" -eq 7 &&
    "$DATELINE" search --db "$DB" sewers >/dev/null &&
    test_expect_code 1 "$DATELINE" search --db "$DB" headline:drainage
'
test_expect_success 'an entry removed from a page leaves the index' '
    sed -i "/^2025-11-01T09:00:00Z$/,\$d" "$TMP/pages/review.txt" &&
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    test "$(count)" -eq 6 &&
    test_expect_code 1 "$DATELINE" search --db "$DB" sewers >/dev/null
'
test_expect_success 'an entry added on top keeps the others (ids stable)' '
    { sed -n "1,5p" "$TMP/pages/review.txt"
      printf "2025-11-02T08:00:00Z\nNew entry on top\nQuokka sighted.\n"
      sed -n "6,\$p" "$TMP/pages/review.txt"; } >"$TMP/r2" &&
    mv "$TMP/r2" "$TMP/pages/review.txt" &&
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    test "$(count)" -eq 7 &&
    "$DATELINE" search --db "$DB" quokka >/dev/null
'
test_expect_success 'a second writer is refused with status 4' '
    "$DTL_TEST_TOOL" hold-lock "$DB" 20 >lock.out &
    holder=$!
    i=0
    while ! grep -q locked lock.out 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.1; i=$((i + 1))
    done
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err
    rc=$?
    searched=0
    "$DATELINE" search --db "$DB" flood >/dev/null && searched=1
    kill $holder 2>/dev/null; wait $holder 2>/dev/null
    test "$rc" -eq 4 &&
    grep -q "locked by another indexer" err &&
    test "$searched" -eq 1
'
test_expect_success 'after the writer is gone, indexing works again' '
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    grep -q "3 unchanged" err
'
# Make many pages, kill -9 the indexer part-way, rerun: every page ends up
# indexed exactly once, and the killed run's commits were all readable.
test_expect_success 'kill -9 mid-run loses nothing committed' '
    mkdir -p "$TMP/many" &&
    awk "BEGIN { for (i = 0; i < 6000; i++) {
        f = sprintf(\"$TMP/many/p%05d.txt\", i);
        printf \"Title: Page %d\\n\\nLead of page %d about topic%d.\\n\", i, i, i % 97 > f;
        printf \"2025-10-%02dT%02d:00:00Z\\nHeadline %d\\nBody word%d of page %d.\\n\", i % 28 + 1, i % 24, i, i, i > f;
        close(f) } }" || exit 1
    # On its own, so that $! is the indexer and not a subshell.
    "$DATELINE" index --quiet --db "$TMP/k.db" "$TMP/many" &
    pid=$!
    sleep 1.5
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    n1=$("$DATELINE" info --db "$TMP/k.db" 2>/dev/null |
         sed -n "s/^entries: *//p")
    echo "entries after kill: ${n1:-none}"
    "$DATELINE" index --quiet --db "$TMP/k.db" "$TMP/many" &&
    test "$("$DATELINE" info --db "$TMP/k.db" |
            sed -n "s/^entries: *//p")" -eq 12000 &&
    test $((${n1:-0} % 2)) -eq 0
'
test_done
