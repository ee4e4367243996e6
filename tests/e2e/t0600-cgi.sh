#!/bin/sh
# Dateline tests: dateline.cgi's contract, run as a web server runs a CGI:
# GET and POST, every parameter, every error path, headers and caps.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"

cgi_setup

test_expect_success 'GET: results page, complete headers' '
    cgi_run GET "q=storm" && cgi_status 200 && cgi_headers_ok &&
    grep -q "<html lang=\"en\">" body &&
    grep -q "<title>storm - Test News</title>" body &&
    grep -q "value=\"storm\"" body &&
    grep -q "<h2>Results</h2>" body &&
    grep -q "About 4 results" body &&
    grep -q "<mark>storm</mark>" body &&
    grep -q "<a href=\"https://northernledger.example/uk-news/live/2025/nov/08/storm-hesketh-gales-flooding\">" body &&
    grep -q "<span class=\"site\">northernledger.example</span>" body &&
    grep -q "8 Nov 2025, 22:15 UTC" body &&
    grep -q "(8 Nov 2025, 17:15 EST)" body
'
test_expect_success 'the page links its style sheet and OpenSearch' '
    grep -q "<link rel=\"stylesheet\" href=\"?format=css\">" body &&
    grep -q "<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"?format=opensearch\"" body
'
test_expect_success 'labels for every field, headings, no script' '
    for id in q sort when since until; do
        grep -q "<label for=\"$id\">" body &&
        grep -q "id=\"$id\"" body || return 1
    done &&
    grep -q "<h1>" body && ! grep -qi "<script" body
'
test_expect_success 'POST gives the same page as GET' '
    cgi_run GET "q=storm&sort=newest" && cp body get.html &&
    cgi_run POST "" "q=storm&sort=newest" && cgi_status 200 &&
    cmp body get.html
'
test_expect_success 'POST of another media type: 415' '
    cgi_run POST "" "q=storm" text/plain && cgi_status 415 && cgi_headers_ok
'
test_expect_success 'POST body over the cap: 413, nothing read' '
    env REQUEST_METHOD=POST CONTENT_LENGTH=99999 \
        CONTENT_TYPE=application/x-www-form-urlencoded \
        "$DATELINE_CGI" </dev/null >raw && cgi_split &&
    cgi_status 413 && cgi_headers_ok
'
test_expect_success 'POST body shorter than CONTENT_LENGTH: 400' '
    printf "q=st" | env REQUEST_METHOD=POST CONTENT_LENGTH=50 \
        CONTENT_TYPE=application/x-www-form-urlencoded \
        "$DATELINE_CGI" >raw && cgi_split && cgi_status 400
'
test_expect_success 'malformed CONTENT_LENGTH: 400' '
    printf "q=storm" | env REQUEST_METHOD=POST CONTENT_LENGTH=7x \
        CONTENT_TYPE=application/x-www-form-urlencoded \
        "$DATELINE_CGI" >raw && cgi_split && cgi_status 400
'
test_expect_success 'other methods: 405 with Allow' '
    cgi_run PUT "q=storm" && cgi_status 405 && cgi_headers_ok &&
    grep -q "^Allow: GET, HEAD, POST$" head
'
test_expect_success 'HEAD: the headers alone' '
    cgi_run HEAD "q=storm" && cgi_status 200 && test ! -s body &&
    grep -q "^Content-Length: [1-9]" head
'
test_expect_success 'front page: the form, no results' '
    cgi_run GET "" && cgi_status 200 && cgi_headers_ok &&
    grep -q "<form class=\"search\"" body && ! grep -q "<h2>Results" body
'
test_expect_success 'command line: dateline.cgi q=... page=2' '
    "$DATELINE_CGI" q=storm n=2 page=2 >raw && cgi_split && cgi_status 200 &&
    grep -q "<ol class=\"results\" start=\"3\">" body
'

# Table of bad requests: query string, status, words of the message.
while IFS="|" read -r qs want words; do
    test_expect_success "bad request '$qs': $want, says '$words'" '
        cgi_run GET "$qs" && cgi_status '"$want"' && cgi_headers_ok &&
        cgi_no_leak && grep -q "role=\"alert\"" body &&
        grep -q "'"$words"'" body
    '
done <<'TABLE'
q=%zz|400|two hex digits
q=storm%4|400|two hex digits
q=%|400|two hex digits
q=%ff%fe|400|not valid UTF-8
q=%c0%af|400|not valid UTF-8
q=a%00b|400|control character
q=a&q=b|400|given twice
page=0&q=storm|400|page number must be from 1 to 100
page=abc&q=storm|400|page number must be from 1 to 100
page=101&q=storm|400|page number must be from 1 to 100
page=99999999999999999999&q=storm|400|page number must be from 1 to 100
n=0&q=storm|400|Results per page must be from 1 to 50
n=51&q=storm|400|Results per page must be from 1 to 50
sort=oldest&q=storm|400|Unknown sort
when=year&q=storm|400|Unknown date filter
format=xml&q=storm|400|Unknown format
since=2025-13-01&q=storm|400|start date must be a date
since=2025-02-29&q=storm|400|start date must be a date
until=yesterday&q=storm|400|end date must be a date
since=2025-12-02&until=2025-12-01&q=storm|400|end date is before the start date
since=1900-01-01&until=2025-12-01&q=storm|400|date range is too long
TABLE

test_expect_success 'a query over max_query_bytes: 400 naming the limit' '
    long=$(printf "storm%.0s" $(seq 1 120)) &&
    cgi_run GET "q=$long" && cgi_status 400 &&
    grep -q "too long: 600 bytes, the limit is 512" body
'
test_expect_success 'a query over max_terms: 400 naming the limit' '
    many=$(printf "w%s+" $(seq 1 40)) &&
    cgi_run GET "q=$many" && cgi_status 400 &&
    grep -q "too many words: the limit is 32" body
'
test_expect_success 'a form over 16 KiB: 413' '
    big=$(head -c 17000 /dev/zero | tr "\\0" a) &&
    cgi_run GET "q=$big" && cgi_status 413 && cgi_headers_ok
'
test_expect_success 'errors in JSON are JSON' '
    cgi_run GET "format=json&page=0&q=storm" && cgi_status 400 &&
    grep -q "^Content-Type: application/json; charset=utf-8$" head &&
    json_ok body && grep -q "\"error\":{\"status\":400" body
'
test_expect_success 'unknown parameters are ignored' '
    cgi_run GET "q=storm&utm_source=x&=&&x" && cgi_status 200
'

# ---- search features -----------------------------------------------------
test_expect_success 'format=json: the documented fields' '
    cgi_run GET "q=storm&format=json&n=2" && cgi_status 200 &&
    grep -q "^Content-Type: application/json; charset=utf-8$" head &&
    json_ok body &&
    grep -q "^{\"query\":\"storm\",\"page\":1,\"per_page\":2,\"sort\":\"best\",\"when\":\"any\",\"since\":null,\"until\":null,\"lang\":null,\"estimate\":4,\"relaxed\":false,\"incomplete\":false,\"sections_missing\":0,\"warning\":null,\"suggestion\":null,\"results\":\\[" body &&
    grep -q "{\"rank\":1,\"url\":\"https://northernledger.example/" body &&
    grep -q "\"site\":\"northernledger.example\",\"lang\":\"en\",\"time\":" body &&
    grep -q "\"time_local\":\"8 Nov 2025, 19:00 EST\"" body &&
    grep -q "\"marks\":\\[\\[0,5\\]\\]" body &&
    test "$(grep -c "\"rank\":" body)" = 2
'
test_expect_success 'JSON names no file path (sources indexed from files)' '
    cgi_run GET "q=storm&format=json" && cgi_no_leak
'
test_expect_success 'sort=newest: newest first' '
    cgi_run GET "q=storm&format=json&sort=newest" &&
    sed -n "s/.*\"timestamp\":\([0-9]*\).*/\1/p" body >ts &&
    sort -rn ts >ts.sorted && test -s ts && cmp ts ts.sorted &&
    grep -q "\"sort\":\"newest\"" body
'
test_expect_success 'sort switch: the current one marked, the others linked' '
    cgi_run GET "q=storm&sort=relevance" &&
    grep -q "<strong aria-current=\"true\">Relevance only</strong>" body &&
    grep -q "<a href=\"?q=storm&amp;sort=newest\">Newest</a>" body &&
    grep -q "<a href=\"?q=storm\">Best match</a>" body
'
test_expect_success 'pagination: numbered pages, next and previous' '
    cgi_run GET "q=storm&n=1&page=2" && cgi_status 200 &&
    grep -q "<a rel=\"prev\" href=\"?q=storm&amp;n=1\">" body &&
    grep -q "<a rel=\"next\" href=\"?q=storm&amp;n=1&amp;page=3\">" body &&
    grep -q "<strong aria-current=\"page\">2</strong>" body &&
    grep -q "showing 2&ndash;2" body
'
test_expect_success 'custom date range: only entries inside it' '
    cgi_run GET "q=storm&since=2025-11-10&until=2025-11-10&format=json" &&
    cgi_status 200 && grep -q "\"when\":\"custom\",\"since\":\"2025-11-10\",\"until\":\"2025-11-10\"" body &&
    sed -n "s/.*\"time\":\"\([0-9-]*\)T.*/\1/p" body | sort -u >days &&
    test "$(cat days)" = 2025-11-10
'
test_expect_success 'custom range is kept in links and the form' '
    cgi_run GET "q=storm&since=2025-11-09&until=2025-11-10" &&
    grep -q "value=\"2025-11-09\"" body &&
    grep -q "href=\"?q=storm&amp;sort=newest&amp;since=2025-11-09&amp;until=2025-11-10\"" body
'
test_expect_success 'past 24 hours of a 2025 archive: helpful no-results page' '
    cgi_run GET "q=storm&when=24h" && cgi_status 200 &&
    grep -q "<h2>No entries match</h2>" body &&
    grep -q "Check the spelling" body &&
    grep -q "<a href=\"?q=storm\">any time</a>" body
'
test_expect_success 'did you mean: a misspelt word gets the indexed one' '
    cgi_run GET "q=hesketj+gales" && cgi_status 200 &&
    grep -q "Did you mean <a href=\"?q=hesketh+gales\"><em>hesketh gales</em></a>?" body
'
test_expect_success 'did you mean in JSON' '
    cgi_run GET "q=volcamo&format=json" &&
    grep -q "\"suggestion\":\"volcano\"" body
'
test_expect_success 'no suggestion when the words are in the index' '
    cgi_run GET "q=storm+gales&format=json" &&
    grep -q "\"suggestion\":null" body
'
test_expect_success 'nothing matches: the no-results page' '
    cgi_run GET "q=qqqxqqq" && cgi_status 200 &&
    grep -q "No entries match" body && grep -q "<q>qqqxqqq</q>" body
'
test_expect_success 'a repaired query says so' '
    cgi_run GET "q=%22storm+gales" && cgi_status 200 &&
    grep -q "class=\"note\">Note: " body
'
test_expect_success 'OpenSearch description from base_url' '
    cgi_run GET "format=opensearch" && cgi_status 200 && cgi_headers_ok &&
    grep -q "^Content-Type: application/opensearchdescription+xml; charset=utf-8$" head &&
    grep -q "<ShortName>Test News</ShortName>" body &&
    grep -q "template=\"https://news.example/search?q={searchTerms}\"" body
'
test_expect_success 'the style sheet' '
    cgi_run GET "format=css" && cgi_status 200 &&
    grep -q "^Content-Type: text/css; charset=utf-8$" head &&
    cmp body "$top_srcdir/share/dateline/style.css"
'

# ---- languages (issue 4) -------------------------------------------------
# A two-language index from the fixtures of t0450: two English entries
# (en.html, the harbour line of dump.jsonl) and a French one (fr.html).

# lang_get QUERY_STRING: a GET to the two-language index.
lang_get()
{
    DATELINE_CGI_CONFIG=$TMP/lang.conf cgi_run GET "$1"
}
# body_has PATTERN...: the body matches every pattern (grep).
body_has()
{
    for pat; do
        grep -q -- "$pat" "$TMP/body" || { echo "not in the body: $pat"; return 1; }
    done
}

test_expect_success 'a two-language index' '
    L="$top_srcdir/tests/data/lang" && mkdir lin &&
    cp "$L/en.html" "$L/fr.html" lin/ &&
    grep harbour "$L/dump.jsonl" >lin/harbour.jsonl &&
    "$DATELINE" index --quiet --db "$TMP/ldb" lin 2>/dev/null &&
    sed "s|^index = .*|index = $TMP/ldb|" cgi.conf >lang.conf &&
    "$DATELINE" stats --db "$TMP/ldb" >s &&
    grep -q "^languages: english 2, french 1$" s
'
test_expect_success 'one language: no language selector' '
    cgi_run GET "" && cgi_status 200 && ! grep -q "name=\"lang\"" body &&
    cgi_run GET "q=storm" && ! grep -q "name=\"lang\"" body
'
test_expect_success 'two languages: a labelled selector with the counts' '
    lang_get "" && cgi_status 200 &&
    body_has "<label for=\"lang\">Language</label>" \
        "<select id=\"lang\" name=\"lang\">" \
        "<option value=\"\" selected>All languages</option>" \
        "<option value=\"en\">English (2)</option>" \
        "<option value=\"fr\">French (1)</option>"
'
test_expect_success 'lang=fr: the French entry only, selected in the form' '
    lang_get "q=election&lang=fr" && cgi_status 200 &&
    body_has "About 1 result;" "<mark>élection</mark>" \
        "<option value=\"fr\" selected>French (1)</option>" \
        "<option value=\"\">All languages</option>" &&
    ! grep -q "Leeds" body
'
test_expect_success 'lang by name: lang=french is lang=fr' '
    lang_get "q=election&lang=fr&format=json" && cp body by-code &&
    lang_get "q=election&lang=french&format=json" && cgi_status 200 &&
    cmp body by-code
'
test_expect_success 'JSON: the filter, and each entry'"'"'s language' '
    lang_get "q=election&lang=french&format=json" && json_ok body &&
    body_has "\"when\":\"any\",\"since\":null,\"until\":null,\"lang\":\"fr\",\"estimate\":1," \
        "\"site\":null,\"lang\":\"fr\",\"time\":" &&
    test "$(grep -c "\"rank\":" body)" = 1 &&
    lang_get "q=election+OR+harbour&format=json" && json_ok body &&
    body_has "\"until\":null,\"lang\":null,\"estimate\":3," &&
    test "$(grep -c "\"lang\":\"en\"" body)" = 2 &&
    test "$(grep -c "\"lang\":\"fr\"" body)" = 1
'
test_expect_success 'a result in another language than the page: lang set' '
    lang_get "q=election" &&
    body_has "<h3 lang=\"fr\">" "<p class=\"snippet\" lang=\"fr\">" \
        "<h3>Leeds votes" "<p class=\"snippet\">Voters in Leeds" &&
    test "$(grep -c " lang=\"" body)" = 3 &&
    { cat lang.conf; echo "lang = fr-FR"; } >fr-page.conf &&
    DATELINE_CGI_CONFIG=$TMP/fr-page.conf cgi_run GET "q=election" &&
    body_has "<html lang=\"fr-FR\">" "<h3 lang=\"en\">Leeds votes" \
        "<p class=\"snippet\" lang=\"en\">Voters in Leeds" "<h3>une élection"
'
test_expect_success 'pagination and the switches keep lang' '
    lang_get "q=election+OR+harbour&lang=en&n=1" && cgi_status 200 &&
    body_has "About 2 results; showing 1&ndash;1" \
        "<a rel=\"next\" href=\"?q=election+OR+harbour&amp;lang=en&amp;n=1&amp;page=2\">" \
        "<a href=\"?q=election+OR+harbour&amp;sort=newest&amp;lang=en&amp;n=1\">Newest</a>" \
        "<a href=\"?q=election+OR+harbour&amp;when=week&amp;lang=en&amp;n=1\">Past week</a>" &&
    lang_get "q=election+OR+harbour&lang=en&n=1&page=2" && cgi_status 200 &&
    body_has "showing 2&ndash;2" \
        "<a rel=\"prev\" href=\"?q=election+OR+harbour&amp;lang=en&amp;n=1\">" &&
    ! grep -q "lang=\"fr\"" body
'
test_expect_success 'lang alone lists the entries in that language' '
    lang_get "lang=en&format=json" && cgi_status 200 &&
    test "$(grep -c "\"rank\":" body)" = 2 && ! grep -q "\"lang\":\"fr\"" body
'
test_expect_success 'no results in one language: a link to all of them' '
    lang_get "q=harbour&lang=fr" && cgi_status 200 &&
    body_has "<h2>No entries match</h2>" \
        "Search <a href=\"?q=harbour\">all languages</a>."
'
test_expect_success 'lang= (all languages, as the form sends it) filters nothing' '
    lang_get "q=election&lang=&format=json" && cgi_status 200 &&
    body_has "\"lang\":null,\"estimate\":2,"
'
test_expect_success 'one language, lang given: kept in the form, hidden' '
    cgi_run GET "q=storm&lang=en" && cgi_status 200 &&
    body_has "About 4 results" \
        "<input type=\"hidden\" name=\"lang\" value=\"en\">"
'
# Table of bad languages (HTML and JSON): what is sent, never shown.
while IFS="|" read -r conf val words; do
    test_expect_success "bad lang '$val' ($conf): 400, says '$words'" '
        DATELINE_CGI_CONFIG=$TMP/'"$conf"' cgi_run GET "q=election&lang='"$val"'" &&
        cgi_status 400 && cgi_headers_ok && cgi_no_leak &&
        body_has "role=\"alert\"" "'"$words"'" &&
        DATELINE_CGI_CONFIG=$TMP/'"$conf"' cgi_run GET "q=election&format=json&lang='"$val"'" &&
        cgi_status 400 && json_ok body &&
        body_has "{\"error\":{\"status\":400,\"message\":\"'"$words"'"
    '
done <<'TABLE'
lang.conf|de|Unknown language: use one of en (english), fr (french).
lang.conf|klingon|Unknown language: use one of en (english), fr (french).
lang.conf|FR|Unknown language: use one of en (english), fr (french).
lang.conf|fr-FR|Unknown language: use one of en (english), fr (french).
lang.conf|+fr|Unknown language: use one of en (english), fr (french).
lang.conf|fra|Unknown language: use one of en (english), fr (french).
cgi.conf|fr|Unknown language: use one of en (english).
TABLE
test_expect_success 'markup in lang: 400, never repeated back' '
    for v in "%3Cscript%3Ealert(1)%3C%2Fscript%3E" \
             "fr%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E" \
             "en%27+onmouseover%3D%27alert(1)"; do
        lang_get "q=election&lang=$v" && cgi_status 400 &&
        ! grep -qi -e "alert(1)" -e onerror -e onmouseover -e "<script" body &&
        lang_get "q=election&lang=$v&format=json" && cgi_status 400 &&
        json_ok body &&
        ! grep -qi -e "alert(1)" -e onerror -e onmouseover -e "<" body ||
            return 1
    done
'
test_expect_success 'lang and a missing index: 503' '
    sed "s|^index = .*|index = $TMP/nope.db|" cgi.conf >nolang.conf &&
    DATELINE_CGI_CONFIG=$TMP/nolang.conf cgi_run GET "lang=en" &&
    cgi_status 503 && cgi_no_leak
'

# ---- configuration and index failures ------------------------------------
test_expect_success 'OpenSearch without base_url: from Host and SCRIPT_NAME' '
    grep -v base_url cgi.conf >nobase.conf &&
    DATELINE_CGI_CONFIG=$TMP/nobase.conf HTTP_HOST=host.example:8080 \
        SCRIPT_NAME=/cgi-bin/dateline.cgi HTTPS=on \
        REQUEST_METHOD=GET QUERY_STRING=format=opensearch \
        "$DATELINE_CGI" >raw && cgi_split && cgi_status 200 &&
    grep -q "template=\"https://host.example:8080/cgi-bin/dateline.cgi?q={searchTerms}\"" body &&
    DATELINE_CGI_CONFIG=$TMP/nobase.conf HTTP_HOST="x\"><script>" \
        SCRIPT_NAME=/s REQUEST_METHOD=GET QUERY_STRING=format=opensearch \
        "$DATELINE_CGI" >raw && cgi_split && cgi_status 404 &&
    ! grep -q "<script" body
'
test_expect_success 'missing index: 503, Retry-After, no path' '
    sed "s|^index = .*|index = $TMP/nope.db|" cgi.conf >missing.conf &&
    DATELINE_CGI_CONFIG=$TMP/missing.conf cgi_run GET "q=storm" &&
    cgi_status 503 && cgi_headers_ok && grep -q "^Retry-After: 30$" head &&
    cgi_no_leak && grep -q "try again" body && grep -q "nope.db" stderr
'
test_expect_success 'damaged index: 503, no path' '
    mkdir bad.db && echo garbage >bad.db/iamglass &&
    sed "s|^index = .*|index = $TMP/bad.db|" cgi.conf >bad.conf &&
    DATELINE_CGI_CONFIG=$TMP/bad.conf cgi_run GET "q=storm" &&
    cgi_status 503 && cgi_no_leak
'
test_expect_success 'front page works without an index' '
    DATELINE_CGI_CONFIG=$TMP/missing.conf cgi_run GET "" && cgi_status 200
'
test_expect_success 'missing configuration: 500, the file named on stderr only' '
    DATELINE_CGI_CONFIG=$TMP/none.conf cgi_run GET "q=storm" &&
    cgi_status 500 && cgi_headers_ok && cgi_no_leak &&
    grep -q "none.conf" stderr
'
while IFS="|" read -r line words; do
    test_expect_success "bad configuration '$line': 500, stderr says '$words'" '
        { cat cgi.conf; printf "%s\n" "$line"; } >bad.conf &&
        DATELINE_CGI_CONFIG=$TMP/bad.conf cgi_run GET "q=storm" &&
        cgi_status 500 && cgi_no_leak &&
        grep -q "bad.conf:[0-9]*: '"$words"'" stderr
    '
done <<'TABLE'
colour = blue|unknown key .colour.
results_per_page = 0|results_per_page: expected a number from 1 to 100
default_sort = oldest|default_sort: expected best, newest or relevance
half_life = forever|half_life: expected a duration
time_zone = ../../etc/passwd|time_zone: expected a zone name
time_limit = -1|time_limit: expected seconds
just words|expected .key = value.
TABLE
test_expect_success 'configuration: default sort, per page and caps' '
    { cat cgi.conf; printf "default_sort = newest\nresults_per_page = 2\nmax_page = 3\nmax_query_bytes = 10\n"; } >c2.conf &&
    DATELINE_CGI_CONFIG=$TMP/c2.conf cgi_run GET "q=storm&format=json" &&
    grep -q "\"per_page\":2,\"sort\":\"newest\"" body &&
    DATELINE_CGI_CONFIG=$TMP/c2.conf cgi_run GET "q=storm&page=4" &&
    cgi_status 400 && grep -q "from 1 to 3" body &&
    DATELINE_CGI_CONFIG=$TMP/c2.conf cgi_run GET "q=stormstormstorm" &&
    cgi_status 400 && grep -q "the limit is 10" body &&
    { cat cgi.conf; printf "max_page = 1000\n"; } >c3.conf &&
    DATELINE_CGI_CONFIG=$TMP/c3.conf cgi_run GET "q=storm&n=50&page=201" &&
    cgi_status 400 && grep -q "too far: at most 10000 results" body
'
test_expect_success 'a theme folder of the operator replaces the page' '
    mkdir theme &&
    printf "<!DOCTYPE html><html lang=\"@LANG@\"><title>@TITLE@</title>OPERATOR-THEME @BODY@ @NOT-A-SLOT@</html>\n" >theme/page.html &&
    echo "body{}" >theme/style.css &&
    { cat cgi.conf; printf "theme = $TMP/theme\nlang = en-GB\n"; } >t.conf &&
    DATELINE_CGI_CONFIG=$TMP/t.conf cgi_run GET "q=storm" &&
    grep -q "OPERATOR-THEME" body && grep -q "lang=\"en-GB\"" body &&
    grep -q "@NOT-A-SLOT@" body && grep -q "<mark>storm</mark>" body
'
test_expect_success 'a missing theme: the built-in page, reported on stderr' '
    { cat cgi.conf; printf "theme = $TMP/no-theme\n"; } >nt.conf &&
    DATELINE_CGI_CONFIG=$TMP/nt.conf cgi_run GET "q=storm" &&
    cgi_status 200 && grep -q "<mark>storm</mark>" body &&
    grep -q "no-theme/page.html" stderr && cgi_no_leak
'
test_expect_success 'without time_zone: UTC only' '
    grep -v time_zone cgi.conf >utc.conf &&
    DATELINE_CGI_CONFIG=$TMP/utc.conf cgi_run GET "q=storm" &&
    grep -q "22:15 UTC" body && ! grep -q "class=\"local\"" body
'
test_done
