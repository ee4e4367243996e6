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
        wait "$pid" 2>/dev/null
    done
    echo "remote_start: $db: no free port found; last log:" >&2
    cat "$log" >&2
    return 1
}

remote_stop()
{
    # "kill -SIG -PGID" (no "--": dash refuses it) ends the group.
    kill -TERM "-$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null
    # Bounded wait for the group to go, then no more mercy.
    n=0
    while kill -0 "-$1" 2>/dev/null && [ "$n" -lt 50 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    kill -KILL "-$1" 2>/dev/null
    kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 0
}

remote_stop_all()
{
    for p in $REMOTE_PIDS; do
        remote_stop "$p"
    done
    REMOTE_PIDS=
}
