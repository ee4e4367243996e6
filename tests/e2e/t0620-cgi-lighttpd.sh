#!/bin/sh
# Dateline tests: dateline.cgi behind a real web server (Debian's
# lighttpd on a loopback port), as CGI and as FastCGI: status, headers,
# pages; FastCGI answers equal the CGI's, keep no state between requests,
# see the indexer's commits, and keep their memory flat.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"

command -v lighttpd >/dev/null 2>&1 ||
    test_skip_all "lighttpd is not installed (Debian package lighttpd)"
command -v curl >/dev/null 2>&1 ||
    test_skip_all "curl is not installed"

cgi_setup
FCGI_PROCS=1
# Started here, not in a test body (a subshell): the stop must reach it.
lighttpd_start >"$TMP/start.log" 2>&1 ||
    test_skip_rest "lighttpd did not start: $(tail -n 1 "$TMP/start.log")"
trap 'lighttpd_stop; rm -rf "$TMP"' EXIT

for path in /cgi/dateline.cgi /fcgi; do
    test_expect_success "$path: a results page with every header" '
        http "'$path'?q=storm" &&
        grep -q "^HTTP/1.1 200 OK$" head &&
        grep -q "^Content-Type: text/html; charset=utf-8$" head &&
        grep -q "^X-Content-Type-Options: nosniff$" head &&
        grep -q "^Content-Security-Policy: default-src .none.;" head &&
        grep -q "About 4 results" body && grep -q "<mark>storm</mark>" body
    '
    test_expect_success "$path: POST" '
        curl -s -o body --data "q=hesketh&format=json" "$BASE'$path'" &&
        grep -q "\"query\":\"hesketh\"" body
    '
    test_expect_success "$path: 400 for a bad parameter" '
        http "'$path'?q=storm&page=0" &&
        grep -q "^HTTP/1.1 400 Bad Request$" head &&
        grep -q "page number must be from 1 to 100" body
    '
    test_expect_success "$path: style sheet and OpenSearch" '
        http "'$path'?format=css" && grep -q "^Content-Type: text/css" head &&
        http "'$path'?format=opensearch" &&
        grep -q "^Content-Type: application/opensearchdescription+xml" head
    '
done

# Requests in a fixed mix: FastCGI must answer each exactly as a fresh
# CGI process does.
cat >"$TMP/mix" <<'MIX'
q=storm
q=hesketh&format=json
q=storm&page=0
q=volcamo
q=aldmere+port&sort=newest&n=2
q=storm&n=1&page=3
q=%zz
q=strike&since=2025-01-01&until=2025-12-31
q=storm&when=24h
format=json&q=lander&sort=relevance
q=
q=storm&q=again
MIX
test_expect_success 'FastCGI answers interleaved requests as CGI does' '
    for round in 1 2 3; do
        while IFS= read -r qs; do
            http "/fcgi?$qs" && mv body fcgi.body &&
            http "/cgi/dateline.cgi?$qs" &&
            if ! cmp -s body fcgi.body; then
                echo "round $round, $qs: FastCGI and CGI differ"
                diff body fcgi.body | head -20
                return 1
            fi
        done <mix
    done
'
test_expect_success 'one FastCGI process served all that' '
    test "$(fcgi_pids | wc -l)" -eq 1
'
# found_after_index QUERY FILE: FastCGI finds nothing for QUERY, FILE is
# indexed, then it finds one entry (it reopened the index).
found_after_index()
{
    http "/fcgi?q=$1&format=json" && grep -q "\"estimate\":0" body &&
        "$DATELINE" index --quiet --db "$TMP/db" "$2" &&
        http "/fcgi?q=$1&format=json" && grep -q "\"estimate\":1" body
}
test_expect_success 'FastCGI sees what the indexer commits (reopen)' '
    printf "Title: Pterosaur find\nURL: https://news.example/ptero\n\nA quetzalcoatlus skeleton was found.\n" >ptero.txt &&
    found_after_index quetzalcoatlus ptero.txt &&
    grep -q "\"url\":\"https://news.example/ptero\"" body
'
test_expect_success 'FastCGI stems in, and offers, a language the index gains' '
    http "/fcgi?q=storm" && ! grep -q "name=\"lang\"" body &&
    http "/fcgi?q=storm&lang=fr" && grep -q "^HTTP/1.1 400 " head &&
    printf "<html lang=\"fr\"><title>Course</title><body><article><p>Un cheval a gagn\303\251 la course de dimanche.</p></article></body></html>\n" >fr.html &&
    found_after_index chevaux fr.html &&
    http "/fcgi?q=storm" &&
    grep -q "<option value=\"fr\">French (1)</option>" body &&
    http "/fcgi?q=chevaux&lang=fr&format=json" &&
    grep -q "\"lang\":\"fr\",\"estimate\":1," body
'
test_expect_success 'FastCGI memory stays flat over many requests' '
    pid=$(fcgi_pids) && test -n "$pid" &&
    : >urls && i=0 &&
    while [ $i -lt 300 ]; do
        while IFS= read -r qs; do
            echo "url = \"$BASE/fcgi?$qs&n=$((i % 20 + 1))\"" >>urls
            echo "output = /dev/null" >>urls
        done <mix
        i=$((i + 1))
    done &&
    head -n 1200 urls >warm && curl -s -K warm &&
    rss0=$(awk "/^VmRSS/ { print \$2 }" /proc/$pid/status) &&
    curl -s -K urls &&
    rss1=$(awk "/^VmRSS/ { print \$2 }" /proc/$pid/status) &&
    echo "# FastCGI RSS after 1,200 requests ${rss0} kB, after 3,600 more ${rss1} kB" >"$TMP/rss" &&
    test "$rss1" -le $((rss0 + 2048))
'
cat "$TMP/rss" 2>/dev/null
test_expect_success 'a missing index: 503 with Retry-After through the server' '
    mv "$TMP/db" "$TMP/db.away" &&
    http "/cgi/dateline.cgi?q=storm" &&
    grep -q "^HTTP/1.1 503 Service Unavailable$" head &&
    grep -q "^Retry-After: 30$" head &&
    mv "$TMP/db.away" "$TMP/db"
'
pid=$(fcgi_pids)
lighttpd_stop
test_expect_success 'lighttpd and its FastCGI process are gone' '
    test -n "$pid" && i=0 &&
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1; i=$((i + 1))
    done &&
    ! kill -0 "$pid" 2>/dev/null
'
test_done
