#!/bin/sh
# Dateline tests: a sharded index (one shard per month behind a Xapian
# stub) that searches and Xapian's own tools open as one; stats, check,
# delete (with --dry-run) and compact (each shard, or merged), the stub
# always switched atomically.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

DB="$TMP/sh.db"
mkdir -p "$TMP/nov" "$TMP/dec"
cp "$SAMPLE"/0[1-4]*.txt "$TMP/nov/"
cp "$SAMPLE"/0[5-8]*.txt* "$TMP/dec/"

shard_field()
{
    # shard_field SHARD KEY: a number from stats --json for one shard.
    "$DATELINE" stats --db "$DB" --json |
        sed -n "s/.*\"name\": \"$1\", .*\"$2\": \([0-9]*\).*/\1/p"
}

test_expect_success 'each month writes its own shard, listed in the stub' '
    "$DATELINE" index --db "$DB" --shard-by month --date 2025-11-20 \
        "$TMP/nov" 2>/dev/null &&
    "$DATELINE" index --db "$DB" --date 2025-12-20 "$TMP/nov" "$TMP/dec" \
        2>/dev/null &&
    printf "glass 2025-11\nglass 2025-12\n" >want &&
    test_expect_equal_file "$DB/XAPIANDB" want &&
    test_expect_equal "$(shard_field 2025-11 pages)" 4 &&
    test_expect_equal "$(shard_field 2025-12 pages)" 4 &&
    test_expect_equal "$(ops_entries "$DB")" 39 &&
    ! test -e "$DB/XAPIANDB.tmp"
'
test_expect_success 'searches open the shards as one index' '
    "$DATELINE" search --db "$DB" quillfeather >s1 &&
    "$DATELINE" search --db "$DB" tsurugane >s2 &&
    "$DATELINE" info --db "$DB" | grep -q "^entries: *39$"
'
test_expect_success 'Xapian tools read the stub too' '
    command -v xapian-delve >/dev/null 2>&1 || exit 0
    xapian-delve "$DB" | grep -q "number of documents = 39"
'
test_expect_success 'stats: per shard and in total, text and JSON' '
    "$DATELINE" stats --db "$DB" >st &&
    grep -q "^index: .*(sharded)$" st &&
    grep -q "^language:  english$" st &&
    grep -q "^2025-11 .*pages 4" st && grep -q "^2025-12 .*pages 4" st &&
    grep -q "^total: *entries 39, pages 8, dated 39, 2025-07-15T14:12:00Z .. 2026-01-16T00:20:00Z" st &&
    "$DATELINE" stats --db "$DB" --json >st.json &&
    { ! command -v python3 >/dev/null 2>&1 ||
      python3 -m json.tool st.json >/dev/null; }
'
test_expect_success 'check: clean shards pass' '
    "$DATELINE" check --db "$DB" >ck &&
    grep -q "2 databases checked, no problems" ck
'
test_expect_success 'check: a damaged shard is reported, status 1' '
    cp -r "$DB" bad.db &&
    f=bad.db/2025-12/postlist.glass &&
    size=$(wc -c <"$f") &&
    dd if=/dev/zero of="$f" bs="$size" count=1 conv=notrunc 2>/dev/null &&
    test_expect_code 1 "$DATELINE" check --db bad.db >ck 2>&1 ||
    { cat ck; exit 1; }
    grep -q "problem" ck
'
SRC=https://pacificwire.example/asia/live/2026/01/15/tsurugane-eruption-alert
test_expect_success 'delete --dry-run counts and changes nothing' '
    ops_list "$DB" >before.list &&
    "$DATELINE" delete --db "$DB" --source "$SRC" --dry-run >out &&
    grep -q "^would delete [1-9][0-9]* entries of 1 pages$" out &&
    "$DATELINE" delete --db "$DB" --dry-run \
        --source "http://PacificWire.example/asia/live/2026/01/15/tsurugane-eruption-alert?utm_source=feed#top" \
        >out2 &&
    test_expect_equal "$(cat out2)" "$(cat out)" &&
    ops_list "$DB" >after.list &&
    test_expect_equal_file after.list before.list
'
test_expect_success 'delete --source removes the page; its file brings it back' '
    n=$(grep -c "^$SRC	" before.list) &&
    "$DATELINE" delete --db "$DB" --source "$SRC" >out &&
    test_expect_equal "$(cat out)" "deleted $n entries of 1 pages" &&
    test "$(ops_entries "$DB")" -eq $((39 - n)) &&
    test_expect_code 1 "$DATELINE" search --db "$DB" tsurugane >/dev/null &&
    "$DATELINE" check --db "$DB" >/dev/null &&
    "$DATELINE" index --db "$DB" --date 2025-12-20 --json "$TMP/dec" \
        >r.json 2>/dev/null &&
    test_expect_equal "$(ops_field added r.json)" "$n" &&
    ops_list "$DB" >again.list &&
    test_expect_equal_file again.list before.list
'
test_expect_success 'delete --url-prefix removes every page under it' '
    pfx=https://northernledger.example/ &&
    n=$(grep -c "^$pfx" before.list) && test "$n" -gt 0 &&
    p=$(grep "^$pfx" before.list | cut -f1 | sort -u | wc -l) &&
    "$DATELINE" delete --db "$DB" --url-prefix "$pfx" >out &&
    test_expect_equal "$(cat out)" "deleted $n entries of $p pages" &&
    test "$(ops_entries "$DB")" -eq $((39 - n)) &&
    "$DATELINE" index --quiet --db "$DB" --date 2025-12-20 "$TMP/nov" \
        "$TMP/dec"
'
test_expect_success 'delete --before drops old entries for good' '
    n=$(awk -F "\t" "\$2 < \"2025-11-01\"" before.list | wc -l) &&
    test "$n" -gt 0 &&
    "$DATELINE" delete --db "$DB" --before 2025-11-01 >out &&
    grep -q "^deleted $n entries of" out &&
    first=$("$DATELINE" stats --db "$DB" |
            sed -n "s/^total: .*, \([0-9T:-]*Z\) \.\. .*/\1/p") &&
    echo "first entry now $first" &&
    test -n "$first" && ! test "$first" \< 2025-11-01 &&
    "$DATELINE" index --db "$DB" --date 2025-12-20 --json "$TMP/nov" \
        "$TMP/dec" >r.json 2>/dev/null &&
    test_expect_equal "$(ops_field added r.json)" 0 &&
    test "$(ops_entries "$DB")" -eq $((39 - n)) &&
    "$DATELINE" check --db "$DB" >/dev/null
'
test_expect_success 'delete needs a condition' '
    test_expect_code 2 "$DATELINE" delete --db "$DB" 2>/dev/null
'
test_expect_success 'compact: every shard in place, the stub switched' '
    ops_list "$DB" >c0.list &&
    "$DATELINE" compact --db "$DB" >out &&
    test "$(grep -c "^compacted 2025-1[12] into 2025-1[12]\.c" out)" -eq 2 &&
    test "$(grep -c "^glass 2025-1[12]\.c[0-9-]*$" "$DB/XAPIANDB")" -eq 2 &&
    test "$(ls "$DB" | wc -l)" -eq 3 &&
    ops_list "$DB" >c1.list &&
    test_expect_equal_file c1.list c0.list &&
    "$DATELINE" check --db "$DB" >/dev/null
'
test_expect_success 'a compacted month keeps taking that month s pages' '
    cp "$SAMPLE/03-storm-hesketh.txt" "$TMP/dec/09-more.txt" &&
    sed -i -e "1s/.*/Title: Storm Hesketh, day two/" \
        -e "s|^URL: .*|URL: https://northernledger.example/day-two|" \
        "$TMP/dec/09-more.txt" &&
    "$DATELINE" index --quiet --db "$DB" --date 2025-12-20 "$TMP/dec" &&
    test "$(wc -l <"$DB/XAPIANDB")" -eq 2 &&
    ops_list "$DB" >c0.list
'
test_expect_success 'compact --merge: all shards into one' '
    "$DATELINE" compact --db "$DB" --merge >out &&
    grep -q "^compacted all shards into 2025-12\.c" out &&
    test "$(wc -l <"$DB/XAPIANDB")" -eq 1 &&
    test "$(ls "$DB" | wc -l)" -eq 2 &&
    ops_list "$DB" >c2.list &&
    test_expect_equal_file c2.list c0.list &&
    "$DATELINE" check --db "$DB" >/dev/null &&
    "$DATELINE" index --db "$DB" --date 2025-12-20 --json "$TMP/nov" \
        "$TMP/dec" >r.json 2>/dev/null &&
    test_expect_equal "$(ops_field pages_written r.json)" 0 &&
    ops_list "$DB" >c3.list &&
    test_expect_equal_file c3.list c0.list
'
test_expect_success 'an unsharded index is compacted into --output' '
    "$DATELINE" index --quiet --db one.db "$SAMPLE" &&
    test_expect_code 2 "$DATELINE" compact --db one.db 2>err &&
    grep -q "give --output" err &&
    "$DATELINE" compact --db one.db --output small.db &&
    ops_list one.db >o1.list && ops_list small.db >o2.list &&
    test_expect_equal_file o2.list o1.list &&
    "$DATELINE" check --db small.db >/dev/null
'
test_done
