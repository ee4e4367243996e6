#!/bin/sh
# Dateline tests: a remote shard that dies or stalls after the search has
# started.  A proxy (tests/lib/shard-proxy.py) stands between the search
# and one xapian-tcpsrv and breaks the connection at the client's K-th
# request: opening a shard takes two (its layout and analyser), so K = 3
# and 4 break the search itself (matching, fetching).  Both failure
# modes must hold: an error naming the shard, or with --partial the other
# shard's results and a note; never a crash, never a wait much past the
# timeout.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

remote_available || test_skip_all "no xapian-tcpsrv (Debian package xapian-tools)"
command -v python3 >/dev/null 2>&1 || test_skip_all "no python3 for the proxy"
PROXY_PID=
stop_proxy()
{
    if [ -n "$PROXY_PID" ]; then
        kill "$PROXY_PID" 2>/dev/null
        wait "$PROXY_PID" 2>/dev/null
        PROXY_PID=
    fi
    return 0
}
trap 'stop_proxy; remote_stop_all; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

MINI="$top_srcdir/tests/data/mini"
"$DATELINE" index --quiet --db "$TMP/far.db" "$MINI/review.txt" &&
"$DATELINE" index --quiet --db "$TMP/near.db" "$MINI/storm.txt" ||
    test_skip_all "cannot index the mini archive"
remote_start "$TMP/far.db" || test_skip_all "could not start xapian-tcpsrv"
FAR=$REMOTE_PORT
Q="rain OR flood"

# start_proxy MODE K: a proxy to the far shard; sets $P.
start_proxy()
{
    stop_proxy
    rm -f "$TMP/proxy.port"
    python3 "$top_srcdir/tests/lib/shard-proxy.py" "$TMP/proxy.port" \
        "$FAR" "$1" "$2" "$TMP/proxy.log" &
    PROXY_PID=$!
    n=0
    while [ ! -s "$TMP/proxy.port" ] && [ $n -lt 300 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    P=$(cat "$TMP/proxy.port" 2>/dev/null)
    test -n "$P"
}

# The near shard alone: what --partial must show when the far one dies.
"$DATELINE" search --db "$TMP/near.db" --limit 20 "$Q" |
    grep "^[0-9]*\. " >"$TMP/near.hits"

# Proxies start here, in the test's own shell, so that the EXIT trap
# stops the last one (test bodies run in subshells).
start_proxy pass 0 || test_skip_all "could not start the proxy"
test_expect_success 'through the proxy, both shards answer' "
    \"\$DATELINE\" search --db tcp://127.0.0.1:$P --db \"\$TMP/near.db\" \
        --limit 20 \"\$Q\" >out &&
    test \"\$(grep -c '^[0-9]*\. ' out)\" -gt \"\$(wc -l <\"\$TMP/near.hits\")\" &&
    ! grep -q 'not searched' out
"
test_expect_success 'a search takes five requests or more (two to open)' '
    "$DATELINE" search --db tcp://127.0.0.1:'$P' "nosuchword" >/dev/null;
    sleep 0.5 && cat "$TMP/proxy.log" &&
    test "$(sort -n "$TMP/proxy.log" | head -1)" -ge 5
'

for mode in drop stall; do
    for k in 3 4; do
        start_proxy $mode $k || test_skip_rest "could not start the proxy"
        test_expect_success "$mode at request $k: the search fails naming the shard" "
            t0=\$(date +%s) &&
            test_expect_code 5 \"\$DATELINE\" search --timeout 1 \
                --db tcp://127.0.0.1:$P --db \"\$TMP/near.db\" \"\$Q\" \
                >out 2>err &&
            t1=\$(date +%s) &&
            cat err &&
            grep -q '^dateline: search: shard tcp://127.0.0.1:$P did not answer: Network' err &&
            test \$((t1 - t0)) -le 6
        "
        test_expect_success "$mode at request $k: --partial gives the other shard's results" "
            t0=\$(date +%s) &&
            \"\$DATELINE\" search --timeout 1 --partial --limit 20 \
                --db tcp://127.0.0.1:$P --db \"\$TMP/near.db\" \"\$Q\" \
                >out 2>err &&
            t1=\$(date +%s) &&
            grep -q '^Note: part of the archive was not searched (1 shard' out &&
            grep -q 'tcp://127.0.0.1:$P: Network' out &&
            grep '^[0-9]*\. ' out >hits &&
            test_expect_equal \"\$(cat hits)\" \"\$(cat \"\$TMP/near.hits\")\" &&
            test \$((t1 - t0)) -le 6
        "
    done
done
test_done
