#!/bin/sh
# Dateline tests: SIGTERM stops a long run within seconds, not at the end
# of the work.  A first indexing of a generated archive that takes tens of
# seconds, then a run into the index it left (an incremental run), are
# each stopped a quarter of an uninterrupted run's time in (a fixed wait
# let a fast machine finish the incremental run before the signal):
# each exits 143 within DTL_STOP_LIMIT
# seconds of the signal, leaves an index that checks clean and holds
# whole pages only, each as an uninterrupted run writes it; a last run
# then ends with exactly the entries of an uninterrupted run.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

# Generous: the machine may be loaded (the fix took 2-3 s under a load
# of 9 on two cores; the run it replaced took over 40 s to stop).
: "${DTL_STOP_LIMIT:=10}"
ops_gen "$TMP/ga" 16000 46 2>/dev/null
A="$TMP/ga/pages"

test_expect_success 'reference: an uninterrupted run' '
    start=$(date +%s%N)
    "$DATELINE" index --quiet --db ref.db "$A" || exit 1
    echo $((($(date +%s%N) - start) / 1000000)) >ref.ms &&
    echo "# an uninterrupted first indexing took $(cat ref.ms) ms" \
        >>stop.log &&
    ops_list ref.db >ref.list && ops_pages ref.db >ref.pages &&
    test "$(wc -l <ref.list)" -ge 16000
'

# A quarter of the uninterrupted run, in seconds (at least 0.5): the
# first run is stopped with about three quarters of the work left, the
# run after it about half-way through that, however fast the machine.
quarter()
{
    ms=$(($(cat ref.ms) / 4))
    [ "$ms" -ge 500 ] || ms=500
    printf "%d.%03d" $((ms / 1000)) $((ms % 1000))
}

# stop_run DB WAIT: start a run, send SIGTERM after WAIT seconds, and
# leave its status in rc, the seconds it took to exit in took, its report
# in DB.json.
stop_run()
{
    "$DATELINE" index --db "$1" --json "$A" >"$1.json" 2>"$1.err" &
    pid=$!
    sleep "$2"
    sent=$(date +%s)
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    took=$(($(date +%s) - sent))
    echo "# $1: exit $rc ${took} s after SIGTERM;" \
         "$(ops_field added "$1.json") entries added" >>stop.log
}

# whole DB: the index checks clean and holds whole pages only, each as
# the reference has it.
whole()
{
    "$DATELINE" check --db "$1" >check.out || { cat check.out; return 1; }
    ops_list "$1" >"$1.list" && ops_pages "$1" >"$1.pages" &&
    test -z "$(LC_ALL=C comm -23 "$1.list" ref.list)" &&
    test -z "$(LC_ALL=C comm -23 "$1.pages" ref.pages)"
}

test_expect_success 'SIGTERM during a first indexing: out in seconds' '
    stop_run stop.db "$(quarter)" &&
    test "$rc" -eq 143 && test "$took" -lt "$DTL_STOP_LIMIT" &&
    grep -q "stopped by SIGTERM: committing the pages indexed so far" \
        stop.db.err &&
    grep -q "^  \"status\": \"interrupted\",$" stop.db.json &&
    whole stop.db &&
    n=$(wc -l <stop.db.list) &&
    test "$n" -lt "$(wc -l <ref.list)" &&
    test "$n" -eq "$(ops_field added stop.db.json)"
'
test_expect_success 'SIGTERM during an incremental run: out in seconds' '
    before=$(ops_entries stop.db) &&
    stop_run stop.db "$(quarter)" &&
    test "$rc" -eq 143 && test "$took" -lt "$DTL_STOP_LIMIT" &&
    grep -q "stopped by SIGTERM" stop.db.err &&
    whole stop.db &&
    n=$(wc -l <stop.db.list) &&
    test "$n" -lt "$(wc -l <ref.list)" &&
    test "$n" -eq "$((before + $(ops_field added stop.db.json)))"
'
cat "$TMP/stop.log" 2>/dev/null
test_expect_success 'a last run completes the work exactly' '
    "$DATELINE" index --db stop.db --json "$A" >last.json 2>/dev/null &&
    ops_list stop.db >stop.list &&
    test_expect_equal_file stop.list ref.list &&
    set -- $(ops_counts last.json) &&
    echo "# added updated unchanged deleted: $*" &&
    test "$2 $4" = "0 0" && test $(($1 + $3)) -eq "$(wc -l <ref.list)" &&
    "$DATELINE" check --db stop.db >/dev/null
'
test_done
