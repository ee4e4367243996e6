#!/bin/sh
# Dateline tests: every value dateline.cgi prints is escaped: XSS payloads
# (tests/data/cgi-xss.txt) in every parameter and in the indexed text.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"

PAYLOADS="$top_srcdir/tests/data/cgi-xss.txt"
cgi_setup

# Percent-encode every byte of $1.
urlenc()
{
    printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g'
}

# The body has no markup, handler or URL scheme that a payload could
# have brought in: only the page's own tags.
no_injection()
{
    # Quoted attribute values are taken out first: escaped, they hold no
    # quote, and what looks like a handler inside one is only text.
    sed 's/"[^"]*"/""/g' "$1" >"$1.bare"
    if grep -qi 'href="javascript:' "$1"; then
        echo "javascript: link in $1"
        return 1
    fi
    if grep -Eiq "$bad" "$1.bare"; then
        echo "injected markup in $1:"
        grep -Ein "$bad" "$1.bare" | head -5
        return 1
    fi
}
bad='<(script|img|svg|iframe|style|math|b>|i>)|<[^>]* on[a-z]+=|<!--'

for param in q page n sort when since until format lang; do
    test_expect_success "payloads in '$param' are escaped (HTML and JSON)" '
        while IFS= read -r p; do
            e=$(urlenc "$p") &&
            for extra in "" "&format=json"; do
                case $param$extra in format\&*) continue ;; esac
                cgi_run GET "q=storm&$param=$e$extra" || return 1
                grep -q "^Status: \(200\|400\) " head &&
                cgi_headers_ok && no_injection body || {
                    echo "payload: $p ($param$extra)"; return 1; }
                if [ -n "$extra" ]; then
                    ! grep -q "[<>]" body && json_ok body ||
                        { echo "JSON payload: $p"; return 1; }
                fi
            done
        done <"$PAYLOADS"
    '
done

test_expect_success 'payloads as the whole query, POSTed' '
    while IFS= read -r p; do
        cgi_run POST "" "q=$(urlenc "$p")" && cgi_status 200 &&
        no_injection body || { echo "payload: $p"; return 1; }
    done <"$PAYLOADS"
'

# A page whose every field is a payload.
mkdir -p "$TMP/evil"
{
    echo 'Title: Zanzibar <script>alert("title")</script> "quoted" & co'
    echo 'URL: https://evil.example/live?a=1&b="><script>alert(2)</script>'
    echo
    echo 'Zanzibar lead <img src=x onerror=alert(3)> with more words.'
    echo 'Dec 02, 2025 at 04:46 AM EST'
    echo 'Zanzibar <svg/onload=alert(4)> headline </title>'
    while IFS= read -r p; do
        echo "Zanzibar body: $p"
    done <"$PAYLOADS"
} >"$TMP/evil/evil.txt"
{
    echo 'Title: Zanzibar script link'
    echo 'URL: javascript:alert(5)//zanzibar'
    echo
    echo 'Zanzibar entry whose page has a javascript: URL.'
} >"$TMP/evil/jsurl.txt"

test_expect_success 'index pages full of payloads' '
    "$DATELINE" index --quiet --db "$TMP/db" "$TMP/evil" 2>/dev/null
'
test_expect_success 'indexed payloads are escaped in the HTML page' '
    cgi_run GET "q=zanzibar&n=50" && cgi_status 200 && no_injection body &&
    grep -q "Zanzibar &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; co" body &&
    grep -q "href=\"https://evil.example/live?a=1&amp;b=&quot;&gt;&lt;script&gt;" body
'
test_expect_success 'a javascript: URL is never a link' '
    cgi_run GET "q=zanzibar+script+link" && cgi_status 200 &&
    grep -q "Zanzibar" body && ! grep -qi "href=\"javascript" body
'
test_expect_success 'indexed payloads are escaped in JSON' '
    cgi_run GET "q=zanzibar&format=json&n=50" && cgi_status 200 &&
    ! grep -q "[<>]" body && json_ok body &&
    grep -q "\"url\":null" body
'
test_expect_success 'did-you-mean of a payload query is escaped' '
    cgi_run GET "q=zanzibat+%3Cscript%3E" && no_injection body &&
    grep -q "Did you mean" body
'
test_done
