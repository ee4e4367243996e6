#!/bin/sh
# Dateline tests: dateline.cgi over remote shards.  Three xapian-tcpsrv
# servers each serve one shard of the mini archive, named by a stub file
# that the CGI's configuration names.  With every shard up the page is
# the one-index page; with one server killed, partial_results = no gives
# a 503 that names nothing internal, partial_results = yes the other
# shards' results with a visible note (and "incomplete" in the JSON);
# side = PATH gives "Did you mean" over remote shards; shard_timeout
# bounds a server that never answers; a FastCGI process (under lighttpd)
# searches a shard again once its server is back.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

remote_available || test_skip_all "no xapian-tcpsrv (Debian package xapian-tools)"
MUTE_PID=
trap '[ -z "$MUTE_PID" ] || kill "$MUTE_PID" 2>/dev/null; lighttpd_stop; remote_stop_all; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

MINI="$top_srcdir/tests/data/mini"
ports=
pids=
for f in garden review storm; do
    "$DATELINE" index --quiet --db "$TMP/$f.db" "$MINI/$f.txt" ||
        test_skip_all "cannot index $f.txt"
    remote_start "$TMP/$f.db" || test_skip_all "could not start xapian-tcpsrv"
    ports="$ports $REMOTE_PORT"
    pids="$pids $REMOTE_PID"
done
"$DATELINE" index --quiet --db "$TMP/all.db" "$MINI" ||
    test_skip_all "cannot index the mini archive"
set -- $ports
P0=$1 P1=$2 P2=$3
printf "remote 127.0.0.1:%s\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n" \
    "$P0" "$P1" "$P2" >"$TMP/archive.stub"

# conf INDEX [LINES...]: the CGI's configuration.
conf()
{
    ix=$1
    shift
    {
        printf "index = %s\ntheme = %s\nsite_title = Test News\n" \
            "$ix" "$top_srcdir/share/dateline"
        for l in "$@"; do printf "%s\n" "$l"; done
    } >"$TMP/cgi.conf"
    DATELINE_CGI_CONFIG="$TMP/cgi.conf"
    export DATELINE_CGI_CONFIG
}

# The results' headlines, in order.
headlines()
{
    sed -n 's/^<h3>\(.*\)<\/h3>$/\1/p' "$TMP/body" | sed 's/<[^>]*>//g'
}

# Nothing of the set-up in a page: no host, port, path or library text.
no_shard_leak()
{
    cgi_no_leak &&
    ! grep -q -e "127\.0\.0\.1" -e "tcp:" -e "NetworkError" -e ":$P1" \
        "$TMP/body"
}

test_expect_success 'all shards up: the page of one index' '
    conf "$TMP/all.db" &&
    cgi_run GET "q=rain+OR+flood&n=20" && cgi_status 200 &&
    headlines >one && test "$(wc -l <one)" -eq 5 &&
    conf "$TMP/archive.stub" &&
    cgi_run GET "q=rain+OR+flood&n=20" && cgi_status 200 && cgi_headers_ok &&
    headlines >three && test_expect_equal "$(cat three)" "$(cat one)" &&
    ! grep -q "not searched" body
'
test_expect_success 'side: Did you mean over remote shards' '
    "$DATELINE" side --db "$TMP/archive.stub" --side "$TMP/side.db" \
        2>/dev/null &&
    conf "$TMP/archive.stub" &&
    cgi_run GET "q=flodo" && cgi_status 200 && ! grep -q "Did you mean" body &&
    conf "$TMP/archive.stub" "side = $TMP/side.db" &&
    cgi_run GET "q=flodo" && cgi_status 200 &&
    grep -q "Did you mean <a href=\"?q=flood\"><em>flood</em></a>?" body
'
test_expect_success 'side: not a side database is a 503, logged' '
    conf "$TMP/archive.stub" "side = $TMP/all.db" &&
    cgi_run GET "q=flood" && cgi_status 503 && cgi_no_leak &&
    grep -q "not a side database" stderr
'
test_expect_success 'bad values of the new keys: 500, file and line logged' '
    conf "$TMP/archive.stub" "partial_results = maybe" &&
    cgi_run GET "q=flood" && cgi_status 500 && cgi_no_leak &&
    grep -q "cgi.conf:4: partial_results: expected yes or no" stderr &&
    conf "$TMP/archive.stub" "shard_timeout = 0" &&
    cgi_run GET "q=flood" && cgi_status 500 &&
    grep -q "cgi.conf:4: shard_timeout: expected seconds" stderr &&
    conf "$TMP/archive.stub" "shard_timeout = 601" &&
    cgi_run GET "q=flood" && cgi_status 500
'

# Kill the server of the second shard (review.txt: the floods review).
set -- $pids
remote_stop "$2"

test_expect_success 'a dead shard, partial_results = no (default): 503' '
    conf "$TMP/archive.stub" &&
    cgi_run GET "q=rain+OR+flood" && cgi_status 503 && cgi_headers_ok &&
    grep -q "^Retry-After: 30$" head &&
    grep -q "The search is not available right now" body &&
    no_shard_leak &&
    grep -q "tcp://127.0.0.1:$P1 did not answer" stderr &&
    conf "$TMP/archive.stub" "partial_results = no" &&
    cgi_run GET "q=rain+OR+flood&format=json" && cgi_status 503 &&
    json_ok body && grep -q "\"error\":{\"status\":503" body && no_shard_leak
'
test_expect_success 'partial_results = yes: the others answer, with a note' '
    conf "$TMP/archive.stub" "partial_results = yes" &&
    cgi_run GET "q=rain+OR+flood&n=20" && cgi_status 200 && cgi_headers_ok &&
    grep -q "<p class=\"note incomplete\" role=\"status\"><strong>Part of the archive was not searched.</strong> 1 of its sections did not answer" body &&
    headlines >part &&
    grep -v -e "Autumn floods" -e "Flood after flood" one >want &&
    test_expect_equal "$(cat part)" "$(cat want)" &&
    no_shard_leak &&
    grep -q "not searched: tcp://127.0.0.1:$P1: " stderr
'
test_expect_success 'partial_results = yes: JSON says incomplete' '
    conf "$TMP/archive.stub" "partial_results = yes" &&
    cgi_run GET "q=rain+OR+flood&format=json" && cgi_status 200 &&
    json_ok body &&
    grep -q "\"incomplete\":true,\"sections_missing\":1" body &&
    no_shard_leak &&
    conf "$TMP/all.db" && cgi_run GET "q=rain&format=json" &&
    grep -q "\"incomplete\":false,\"sections_missing\":0" body
'
# A server that accepts connections and never answers (started here, in
# the test's own shell, so that the EXIT trap stops it).
python3 -c "
import socket, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(5)
print(s.getsockname()[1], flush=True)
time.sleep(300)
" >"$TMP/mute.port" &
MUTE_PID=$!
n=0
while [ ! -s "$TMP/mute.port" ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
printf "remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n" "$(cat "$TMP/mute.port")" \
    "$P2" >"$TMP/mute.stub"

test_expect_success 'a shard that never answers costs about shard_timeout' '
    conf "$TMP/mute.stub" "partial_results = yes" "shard_timeout = 1" &&
    t0=$(date +%s) && cgi_run GET "q=rain" && t1=$(date +%s) &&
    cgi_status 200 && grep -q "Part of the archive was not searched" body &&
    grep -q "Storm Bert" body && test $((t1 - t0)) -le 5
'

# FastCGI keeps its shards open between requests: once the dead shard's
# server is back (on its old port), the next request searches it again.
if ! command -v lighttpd >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1
then
    test_skip_rest "no lighttpd or curl for the FastCGI test"
    test_done
fi
conf "$TMP/archive.stub" "partial_results = yes" "shard_timeout = 2"
lighttpd_start >"$TMP/start.log" 2>&1 ||
    test_skip_rest "lighttpd did not start: $(tail -n 1 "$TMP/start.log")"

test_expect_success 'FastCGI: the dead shard is left out, with the note' '
    http "/fcgi?q=rain+OR+flood&n=20" &&
    grep -q "^HTTP/1.1 200" head &&
    grep -q "Part of the archive was not searched" body
'
# Restart the second shard's server on its old port (the loop waits for
# the port to be free of the old server's connections).
tries=0
while [ $tries -lt 50 ]; do
    tries=$((tries + 1))
    setsid "$XAPIAN_TCPSRV" --interface 127.0.0.1 --port "$P1" \
        "$TMP/review.db" >"$TMP/back.log" 2>&1 </dev/null &
    back=$!
    REMOTE_PIDS="$REMOTE_PIDS $back"
    n=0
    while ! grep -q '^Listening' "$TMP/back.log" && remote_running "$back" &&
        [ $n -lt 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    grep -q '^Listening' "$TMP/back.log" && break
    remote_stop "$back"
    sleep 0.2
done
test_expect_success 'FastCGI: the shard is back, and searched again' '
    grep -q "^Listening" "$TMP/back.log" &&
    http "/fcgi?q=rain+OR+flood&n=20" &&
    grep -q "^HTTP/1.1 200" head &&
    ! grep -q "not searched" body &&
    headlines >back &&
    test_expect_equal "$(cat back)" "$(cat one)"
'
lighttpd_stop
test_done
