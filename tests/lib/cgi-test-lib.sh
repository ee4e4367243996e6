# Dateline tests: helpers for the search box tests (t06xx).
#
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Source after test-lib.sh.  cgi_setup builds an index of the sample
# archive and a configuration; cgi_run runs dateline.cgi as a web server
# would (CGI environment variables) and splits its answer into $TMP/head
# (headers, CR removed) and $TMP/body.

: "${DATELINE_CGI:=$top_builddir/src/dateline.cgi}"
export DATELINE_CGI

# cgi_setup [EXTRA CONFIG LINES]: index the sample into $TMP/db and write
# $TMP/cgi.conf pointing at it and at the source tree's theme.
cgi_setup()
{
    "$DATELINE" index --quiet --db "$TMP/db" "$SAMPLE" >/dev/null 2>&1 &&
    cat >"$TMP/cgi.conf" <<CONF
# written by the test
index = $TMP/db
site_title = Test News
theme = $top_srcdir/share/dateline
time_zone = America/New_York
base_url = https://news.example/search
$*
CONF
    DATELINE_CGI_CONFIG="$TMP/cgi.conf"
    export DATELINE_CGI_CONFIG
}

# Split the response in $TMP/raw into head and body.
cgi_split()
{
    awk 'BEGIN { RS = "\r\n\r\n" } NR == 1 { print > H; exit }' \
        H="$TMP/head" "$TMP/raw" &&
    tr -d '\r' <"$TMP/head" >"$TMP/head.tmp" && mv "$TMP/head.tmp" "$TMP/head" &&
    hl=$(awk 'BEGIN { RS = "\r\n\r\n" } NR == 1 { print length($0) + 4; exit }' \
        "$TMP/raw") &&
    tail -c +"$((hl + 1))" "$TMP/raw" >"$TMP/body"
}

# cgi_run METHOD QUERY_STRING [BODY [CONTENT_TYPE]]
cgi_run()
{
    if [ $# -ge 3 ]; then
        printf '%s' "$3" >"$TMP/post"
        env REQUEST_METHOD="$1" QUERY_STRING="$2" \
            CONTENT_LENGTH="$(wc -c <"$TMP/post" | tr -d ' ')" \
            CONTENT_TYPE="${4:-application/x-www-form-urlencoded}" \
            "$DATELINE_CGI" <"$TMP/post" >"$TMP/raw" 2>"$TMP/stderr"
    else
        env REQUEST_METHOD="$1" QUERY_STRING="$2" \
            "$DATELINE_CGI" </dev/null >"$TMP/raw" 2>"$TMP/stderr"
    fi
    cgi_split
}

# cgi_status N: the response's Status is N.
cgi_status()
{
    grep -q "^Status: $1 " "$TMP/head" ||
        { echo "want status $1, got:"; cat "$TMP/head"; head -c 2000 "$TMP/body"; return 1; }
}

# The headers every response must carry, and a Content-Length that is
# the body's length.
cgi_headers_ok()
{
    grep -q '^Content-Type: [a-z/+.-]*; charset=utf-8$' "$TMP/head" &&
    grep -q '^X-Content-Type-Options: nosniff$' "$TMP/head" &&
    grep -q "^Content-Security-Policy: default-src 'none';" "$TMP/head" &&
    len=$(sed -n 's/^Content-Length: //p' "$TMP/head") &&
    test "$len" = "$(wc -c <"$TMP/body" | tr -d ' ')"
}

# The body names no file, folder or configuration detail.
cgi_no_leak()
{
    ! grep -q -e "$TMP" -e "/tmp/" -e "cgi.conf" -e "$top_srcdir" \
        -e "$top_builddir" "$TMP/body"
}

# JSON check with whatever is there (python3 or node), else a no-op.
json_ok()
{
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"
    elif command -v node >/dev/null 2>&1; then
        node -e 'JSON.parse(require("fs").readFileSync(process.argv[1]))' "$1"
    fi
}

# ---- lighttpd ------------------------------------------------------------

# lighttpd_start: serve dateline.cgi as CGI at /cgi/dateline.cgi and as
# FastCGI (lighttpd spawns it: bin-path) at /fcgi on a free loopback
# port; sets $BASE and $LIGHTTPD_PID.  FCGI_PROCS (default 1) FastCGI
# processes.  Stopped by lighttpd_stop (also from the EXIT trap).
lighttpd_start()
{
    # Under ASan, freed memory waits in a quarantine and RSS would grow
    # without a leak: no quarantine for the FastCGI process.
    asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
    mkdir -p "$TMP/www/cgi" &&
    ln -sf "$DATELINE_CGI" "$TMP/www/cgi/dateline.cgi" &&
    tries=0
    while [ $tries -lt 20 ]; do
        tries=$((tries + 1))
        port=$(( 20000 + ($$ * 7 + tries * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/') ) % 40000 ))
        cat >"$TMP/lighttpd.conf" <<CONF
server.modules = ("mod_cgi", "mod_fastcgi", "mod_setenv")
server.document-root = "$TMP/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$TMP/lighttpd.err"
server.max-request-size = 64
setenv.add-environment = ("DATELINE_CGI_CONFIG" => "$DATELINE_CGI_CONFIG")
cgi.assign = (".cgi" => "")
fastcgi.server = ("/fcgi" => ((
    "socket" => "$TMP/fcgi.sock",
    "bin-path" => "$DATELINE_CGI",
    "bin-environment" => ("DATELINE_CGI_CONFIG" => "$DATELINE_CGI_CONFIG",
                          "ASAN_OPTIONS" => "$asan"),
    "max-procs" => ${FCGI_PROCS:-1},
    "check-local" => "disable"
)))
CONF
        lighttpd -D -f "$TMP/lighttpd.conf" 2>>"$TMP/lighttpd.err" &
        LIGHTTPD_PID=$!
        BASE="http://127.0.0.1:$port"
        i=0
        while [ $i -lt 50 ]; do
            if curl -s -o /dev/null "$BASE/"; then
                return 0
            fi
            kill -0 "$LIGHTTPD_PID" 2>/dev/null || break
            sleep 0.1
            i=$((i + 1))
        done
        lighttpd_stop
    done
    echo "could not start lighttpd:"; cat "$TMP/lighttpd.err"
    return 1
}

lighttpd_stop()
{
    if [ -n "${LIGHTTPD_PID:-}" ]; then
        kill "$LIGHTTPD_PID" 2>/dev/null
        wait "$LIGHTTPD_PID" 2>/dev/null
        LIGHTTPD_PID=
    fi
}

# The FastCGI processes lighttpd started (children of $LIGHTTPD_PID):
# their standard input is the listening socket.  A plain CGI child of a
# request that has just been answered may still be exiting (or waiting,
# a zombie, to be reaped): its standard input is a pipe, and it is left
# out (under load, counting it made t0620 see two processes).
fcgi_pids()
{
    ps -o pid=,stat=,comm= --ppid "$LIGHTTPD_PID" |
        awk '$3 ~ /dateline/ && $2 !~ /^Z/ { print $1 }' |
        while read -r p; do
            case $(readlink "/proc/$p/fd/0" 2>/dev/null) in
            socket:*) echo "$p" ;;
            esac
        done
}

# http GET PATH-AND-QUERY: response headers in $TMP/head (CR removed),
# body in $TMP/body.
http()
{
    curl -s -D "$TMP/head.raw" -o "$TMP/body" "$BASE$1" &&
    tr -d '\r' <"$TMP/head.raw" >"$TMP/head"
}
