# Dateline tests: start and stop Xapian remote servers (xapian-tcpsrv) on
# free loopback ports, for the shard tests and tools/bench-remote.
#
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Source it, then:
#   remote_start DB         start a server for DB; sets REMOTE_PORT and
#                           REMOTE_PID (also the process group, since the
#                           server runs under setsid); returns 1 if none
#                           could be started
#   remote_stop PID         stop one server and the children it forked
#   remote_stop_all         stop every server started (call it from the
#                           script's EXIT trap)
#   remote_archive_setup    for the shard tests: skip the script without
#                           xapian-tcpsrv or python3, stop the servers and
#                           remove $TMP on exit, set NOW and ALL
#   remote_archive          (in $TMP, for the shard tests) generate an
#                           archive (tools/gen-archive: 400 entries, 10
#                           days, seed 7) into arc/ and index it whole into
#                           $TMP/all.db and, pages dealt in turn, as three
#                           shards $TMP/s0.db .. s2.db
#   remote_shards           start a server for each of the three shards;
#                           sets REMOTE ("--db tcp://... " three times),
#                           PORTS and PIDS; returns 1 unless all three run
#   remote_hits ARGS...     dateline search --json --limit 40 ARGS (hits.json
#                           kept), printed as "score headline | source |
#                           collapsed" lines, scores to 4 decimals; returns
#                           the search's status
# Each server runs in a process group of its own (setsid), so killing the
# group also ends the per-connection children xapian-tcpsrv forks.  Waits
# are bounded: a server that has not said "Listening" within
# REMOTE_WAIT_SECONDS (default 60, generous for a loaded machine) is
# stopped and counted as failed.

: "${XAPIAN_TCPSRV:=xapian-tcpsrv}"
: "${REMOTE_WAIT_SECONDS:=60}"
REMOTE_PIDS=
REMOTE_LOGDIR=${REMOTE_LOGDIR:-${TMP:-/tmp}}

# Is the server program there?
remote_available()
{
    command -v "$XAPIAN_TCPSRV" >/dev/null 2>&1 &&
        command -v setsid >/dev/null 2>&1
}

# A port to try: spread by process id and attempt, in the range Linux
# does not hand out as ephemeral ports by default (32768-60999).
remote_pick_port()
{
    ns=$(date +%N | sed 's/^0*//')
    echo $((20000 + ($$ * 7 + $1 * 131 + ${ns:-0} % 997) % 12000))
}

# Is process $1 alive (not gone, not a zombie waiting to be reaped)?
remote_running()
{
    [ -r "/proc/$1/stat" ] || return 1
    [ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -c1)" != Z ]
}

remote_start()
{
    db=$1
    attempt=0
    while [ "$attempt" -lt 20 ]; do
        attempt=$((attempt + 1))
        port=$(remote_pick_port "$attempt")
        log="$REMOTE_LOGDIR/tcpsrv-$port.log"
        : >"$log"
        # Without job control the background job is no group leader, so
        # setsid makes its own session and execs: $! is the group.
        setsid "$XAPIAN_TCPSRV" --interface 127.0.0.1 --port "$port" \
            "$db" >"$log" 2>&1 </dev/null &
        pid=$!
        REMOTE_PIDS="$REMOTE_PIDS $pid"
        waited=0
        while :; do
            if grep -q '^Listening' "$log" 2>/dev/null; then
                REMOTE_PORT=$port
                REMOTE_PID=$pid
                return 0
            fi
            if grep -q 'already in use' "$log" 2>/dev/null; then
                break # the port was taken: try another
            fi
            if ! remote_running "$pid"; then
                echo "remote_start: $db: the server stopped:" >&2
                cat "$log" >&2
                return 1
            fi
            if [ "$waited" -ge $((REMOTE_WAIT_SECONDS * 10)) ]; then
                echo "remote_start: $db: no 'Listening' after" \
                    "${REMOTE_WAIT_SECONDS}s" >&2
                remote_stop "$pid"
                return 1
            fi
            sleep 0.1
            waited=$((waited + 1))
        done
        wait "$pid" 2>/dev/null || :
    done
    echo "remote_start: $db: no free port found; last log:" >&2
    cat "$log" >&2
    return 1
}

remote_stop()
{
    # "kill -SIG -PGID" (no "--": dash refuses it) ends the group.
    kill -TERM "-$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null || :
    # Bounded wait for the group to go, then no more mercy.
    n=0
    while kill -0 "-$1" 2>/dev/null && [ "$n" -lt 50 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    # Each may fail (already gone): never let that stop a caller under
    # set -e before the other servers are stopped.
    kill -KILL "-$1" 2>/dev/null || :
    kill -KILL "$1" 2>/dev/null || :
    wait "$1" 2>/dev/null || :
    return 0
}

remote_stop_all()
{
    for p in $REMOTE_PIDS; do
        remote_stop "$p" || :
    done
    REMOTE_PIDS=
}

remote_archive_setup()
{
    remote_available ||
        test_skip_all "no xapian-tcpsrv (Debian package xapian-tools)"
    command -v python3 >/dev/null 2>&1 ||
        test_skip_all "no python3 for tools/gen-archive"
    trap 'remote_stop_all; rm -rf "$TMP"' EXIT
    trap 'exit 130' INT TERM
    NOW=2025-11-08T12:00:00Z
    ALL="$TMP/all.db"
}

remote_archive()
{
    python3 "$top_srcdir/tools/gen-archive" --entries 400 --days 10 \
        --start 2025-11-01 --seed 7 --out arc >/dev/null 2>&1 &&
    find "$TMP/arc/pages" -name "*.txt" | sort >files &&
    "$DATELINE" index --quiet --db "$TMP/all.db" $(cat files) &&
    for k in 0 1 2; do
        awk -v k=$k "(NR - 1) % 3 == k" files >files$k &&
        "$DATELINE" index --quiet --db "$TMP/s$k.db" $(cat files$k) ||
            return 1
    done
}

remote_shards()
{
    PORTS=
    PIDS=
    REMOTE=
    for k in 0 1 2; do
        remote_start "$TMP/s$k.db" || return 1
        PORTS="$PORTS $REMOTE_PORT"
        PIDS="$PIDS $REMOTE_PID"
        REMOTE="$REMOTE --db tcp://127.0.0.1:$REMOTE_PORT"
    done
}

remote_hits()
{
    "$DATELINE" search --now "$NOW" --limit 40 --json "$@" >hits.json
    rc=$?
    sed -n 's/^{"rank".*"headline":\(".*"\),"title".*"source":\(".*"\),"snippet".*"score":\([-0-9.e+]*\),.*"collapsed":\([0-9]*\).*$/\3 \1 | \2 | \4/p' \
        hits.json | awk '{ $1 = sprintf("%.4f", $1); print }'
    return $rc
}
