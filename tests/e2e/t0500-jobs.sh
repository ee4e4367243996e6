#!/bin/sh
# Dateline tests: the parallel write path.  The same archive indexed with
# --jobs 1, --jobs 2 and --jobs 3 under a small --memory (many scratch
# databases, small flushes) gives the same index contents and the same
# search results; a first indexing leaves nothing beside the index; an
# archive indexed in two runs (the second through the incremental path)
# holds what one run gives; a merge cut between its two renames is
# completed by the next writer; re-indexing an unchanged archive writes
# nothing; --memory bounds the peak resident size; bad --jobs and
# --memory values are usage errors.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

command -v python3 >/dev/null 2>&1 ||
    test_skip_all "python3 is not installed (tools/gen-archive needs it)"
"$top_srcdir/tools/gen-archive" --entries 1000 --days 3 --seed 11 \
    --out "$TMP/arch" 2>/dev/null ||
    test_skip_all "tools/gen-archive failed"
A="$TMP/arch/pages"

QUERIES='storm
"the port"
headline:minister
title:live
"of the" -strike
since:2025-11-11 until:2025-11-11
strikes OR talks'

# Every query's results (JSON, date order and relevance order) into $2.
results()
{
    : >"$2"
    printf '%s\n' "$QUERIES" | while IFS= read -r q; do
        for sort in date relevance; do
            "$DATELINE" search --db "$1" --now 2025-12-01 --sort $sort \
                --limit 200 --json "$q" >>"$2"
            echo "exit $?" >>"$2"
        done
    done
}

# The summary lines of two runs agree.
test_cmp_msgs()
{
    # The counts, not the seconds the run took.
    test_expect_equal "$(grep "^indexed" "$2" | sed "s/ in [0-9.]* s\$//")" \
        "$(grep "^indexed" "$1" | sed "s/ in [0-9.]* s\$//")"
}

test_expect_success '--jobs 1 indexes the archive' '
    "$DATELINE" index --jobs 1 --db "$TMP/j1.db" "$A" 2>err1 &&
    grep -q "^indexed [0-9]* pages (1[0-9]* entries), 0 unchanged, 0 errors" \
        err1 &&
    results "$TMP/j1.db" "$TMP/r1"
'
test_expect_success '--jobs 2: same counts, same results' '
    "$DATELINE" index --jobs 2 --db "$TMP/j2.db" "$A" 2>err2 &&
    test_cmp_msgs err1 err2 &&
    results "$TMP/j2.db" "$TMP/r2" &&
    test_expect_equal_file "$TMP/r2" "$TMP/r1"
'
test_expect_success '--jobs 3 with --memory 32M (many small blocks): same' '
    "$DATELINE" index --jobs 3 --memory 32M --db "$TMP/j3.db" "$A" 2>err3 &&
    test_cmp_msgs err1 err3 &&
    results "$TMP/j3.db" "$TMP/r3" &&
    test_expect_equal_file "$TMP/r3" "$TMP/r1"
'
test_expect_success 'nothing is left beside the index' '
    test_expect_equal "$(ls "$TMP" | grep "^j[123]\.db" | tr "\n" " ")" \
        "j1.db j2.db j3.db "
'
test_expect_success 'two runs (the second incremental) hold the same' '
    mkdir "$TMP/half" &&
    for d in "$A"/*; do
        cp -r "$d" "$TMP/half/"; break
    done &&
    "$DATELINE" index --db "$TMP/inc.db" "$TMP/half" 2>/dev/null &&
    "$DATELINE" index --jobs 2 --db "$TMP/inc.db" "$A" 2>err &&
    grep -q "unchanged, 0 errors" err &&
    ! grep -q " 0 unchanged" err &&
    results "$TMP/inc.db" "$TMP/ri" &&
    sort "$TMP/ri" >"$TMP/ri.s" && sort "$TMP/r1" >"$TMP/r1.s" &&
    test_expect_equal_file "$TMP/ri.s" "$TMP/r1.s"
'
test_expect_success 're-indexing the unchanged archive writes nothing' '
    rev=$(cat "$TMP/j2.db/iamglass" | cksum) &&
    "$DATELINE" index --jobs 2 --db "$TMP/j2.db" "$A" 2>err &&
    grep -q "^indexed 0 pages (0 entries), [0-9]* unchanged, 0 errors" err &&
    test_expect_equal "$(cat "$TMP/j2.db/iamglass" | cksum)" "$rev"
'
test_expect_success 'a swap cut between its renames is completed' '
    cp -r "$TMP/j1.db" "$TMP/cut.db.new" &&
    cp -r "$TMP/j1.db" "$TMP/cut.db.old" &&
    "$DATELINE" index --db "$TMP/cut.db" "$A" 2>err &&
    grep -q "^indexed 0 pages (0 entries)" err &&
    test ! -e "$TMP/cut.db.new" && test ! -e "$TMP/cut.db.old" &&
    results "$TMP/cut.db" "$TMP/rc" &&
    test_expect_equal_file "$TMP/rc" "$TMP/r1"
'
test_expect_success 'bad --jobs and --memory are usage errors' '
    test_expect_code 2 "$DATELINE" index --jobs 0 --db "$TMP/x.db" "$A" &&
    test_expect_code 2 "$DATELINE" index --jobs two --db "$TMP/x.db" "$A" &&
    test_expect_code 2 "$DATELINE" index --memory 8M --db "$TMP/x.db" "$A" &&
    test_expect_code 2 "$DATELINE" index --memory 1T2 --db "$TMP/x.db" "$A" &&
    test ! -e "$TMP/x.db"
'
if grep -q -e '-fsanitize=address' "$top_builddir/Makefile" 2>/dev/null; then
    # AddressSanitizer's shadow memory and quarantine are not Dateline's.
    test_skip_rest "an ASan build: its resident size is not Dateline's"
    test_expect_success '--memory 32M keeps the peak resident size bounded' :
elif [ -x /usr/bin/time ]; then
    test_expect_success '--memory 32M keeps the peak resident size bounded' '
        /usr/bin/time -f "%M" -o "$TMP/rss" "$DATELINE" index --jobs 2 \
            --memory 32M --db "$TMP/m.db" "$A" 2>/dev/null &&
        kb=$(tail -n 1 "$TMP/rss") &&
        echo "peak RSS ${kb} KiB" &&
        test "$kb" -lt $(( (32 + 48) * 1024 ))
    '
else
    test_skip_rest "/usr/bin/time is not installed"
    test_expect_success '--memory 32M keeps the peak resident size bounded' :
fi
test_done
