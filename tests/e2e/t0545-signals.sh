#!/bin/sh
# Dateline tests: SIGINT and SIGTERM stop a run at the next page, commit
# it and exit 130 / 143; a second indexer is refused with status 4 or
# waits with --wait; searches keep answering during a run and see new
# entries after each commit.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

DATELINE_COMMIT_EVERY=150
export DATELINE_COMMIT_EVERY
ops_gen "$TMP/ga" 6000 31 2>/dev/null
A="$TMP/ga/pages"

# stop_run SIGNAL DB: start a run, send SIGNAL once it has committed
# something, and leave its status in rc, its report in run.json.
stop_run()
{
    "$DATELINE" index --db "$2" --json "$A" >run.json 2>run.err &
    pid=$!
    i=0
    # Wait for the first commit or, in a first indexing (which builds
    # beside the index and swaps it in at the end), the first block.
    while { [ "$(ops_entries "$2" 2>/dev/null)" -lt 1 ] 2>/dev/null ||
            [ -z "$(ops_entries "$2" 2>/dev/null)" ]; } &&
          [ -z "$(ls "$2.build" 2>/dev/null)" ]; do
        i=$((i + 1)); [ $i -gt 300 ] && break
        sleep 0.05
    done
    # A signal stops each worker at its next page: give the block's
    # worker time to write a few.
    sleep 0.3
    kill -"$1" "$pid"
    wait "$pid"
    rc=$?
}

test_expect_success 'SIGINT: commits what is whole, says so, exits 130' '
    stop_run INT int.db &&
    test "$rc" -eq 130 &&
    grep -q "stopped by SIGINT: committing the pages indexed so far" run.err &&
    grep -q "^  \"status\": \"interrupted\",$" run.json &&
    grep -q "^  \"signal\": \"SIGINT\",$" run.json &&
    n=$(ops_entries int.db) && test "$n" -gt 0 &&
    test "$n" -eq "$(($(ops_field added run.json)))" &&
    "$DATELINE" check --db int.db >/dev/null
'
test_expect_success 'SIGTERM: the same with status 143' '
    stop_run TERM term.db &&
    test "$rc" -eq 143 &&
    grep -q "stopped by SIGTERM" run.err &&
    test "$(ops_entries term.db)" -eq "$(ops_field added run.json)" &&
    "$DATELINE" check --db term.db >/dev/null
'
test_expect_success 'a rerun after a signal completes the work' '
    "$DATELINE" index --quiet --db all.db "$A" &&
    "$DATELINE" index --db term.db --json "$A" >rest.json 2>/dev/null &&
    ops_list all.db >all.list && ops_list term.db >term.list &&
    test_expect_equal_file term.list all.list
'
test_expect_success 'a second indexer is refused with status 4' '
    "$DTL_TEST_TOOL" hold-lock all.db 30 >lock.out &
    holder=$!
    ops_wait_for lock.out locked
    "$DATELINE" index --db all.db "$A" 2>err
    rc=$?
    "$DATELINE" delete --db all.db --before 2000-01-01 2>derr
    drc=$?
    kill $holder; wait $holder 2>/dev/null
    test "$rc" -eq 4 && test "$drc" -eq 4 &&
    grep -q "locked by another indexer" err
'
test_expect_success '--wait=SECONDS gives up with status 4 after that long' '
    "$DTL_TEST_TOOL" hold-lock all.db 30 >lock.out &
    holder=$!
    ops_wait_for lock.out locked
    start=$(date +%s)
    "$DATELINE" index --db all.db --wait=1 "$A" 2>err
    rc=$?
    end=$(date +%s)
    kill $holder; wait $holder 2>/dev/null
    test "$rc" -eq 4 && test $((end - start)) -le 4 &&
    grep -q "another indexer is writing; waiting" err
'
test_expect_success '--wait waits for the other indexer, then runs' '
    "$DTL_TEST_TOOL" hold-lock all.db 2 >lock.out &
    holder=$!
    ops_wait_for lock.out locked
    "$DATELINE" index --db all.db --wait --json "$A" >w.json 2>err
    rc=$?
    wait $holder 2>/dev/null
    test "$rc" -eq 0 && grep -q "waiting" err &&
    test "$(ops_field added w.json)" -eq 0
'
test_expect_success 'a sharded index has one writer too' '
    "$DATELINE" index --quiet --db sh.db --shard-by month "$SAMPLE" ||
        exit 1
    shard=$(sed -n "1s/^glass //p" sh.db/XAPIANDB)
    "$DTL_TEST_TOOL" hold-lock "sh.db/$shard" 30 >lock.out &
    holder=$!
    ops_wait_for lock.out locked
    "$DATELINE" index --db sh.db "$SAMPLE" 2>err
    rc=$?
    kill $holder; wait $holder 2>/dev/null
    test "$rc" -eq 4 && grep -q "locked by another indexer" err
'
# A first indexing builds the index beside it and swaps it in whole (one
# commit); a run into an index that holds pages commits as it goes.
test_expect_success 'searches answer during a run and see each commit' '
    "$DATELINE" index --quiet --db live.db "$SAMPLE" || exit 1
    "$DATELINE" index --quiet --db live.db "$A" &
    pid=$!
    seen=; errors=0; polls=0
    while kill -0 $pid 2>/dev/null; do
        n=$("$DATELINE" info --db live.db 2>/dev/null |
            sed -n "s/^entries: *//p")
        "$DATELINE" search --db live.db --limit 3 the >/dev/null 2>serr
        s=$?
        [ "$s" -gt 1 ] && [ -s live.db/iamglass ] &&
            { errors=$((errors + 1)); cat serr; }
        [ -n "$n" ] && [ "$n" != "${seen##* }" ] && seen="$seen $n"
        polls=$((polls + 1))
        sleep 0.1
    done
    wait $pid
    rc=$?
    echo "polls $polls, counts seen:$seen"
    test "$rc" -eq 0 && test "$errors" -eq 0 &&
    test "$(echo $seen | wc -w)" -ge 3 &&
    echo $seen | tr " " "\n" | sort -n -c
'
test_done
