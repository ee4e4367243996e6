#!/bin/sh
# Dateline tests: the search page in a real browser: headless Chromium
# (Debian's chromium) driven by tests/browser/search.mjs through
# playwright-core, against dateline.cgi as FastCGI behind lighttpd.
# Screenshots are kept in $top_builddir/tests/browser-shots/.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"

: "${CHROMIUM:=/usr/bin/chromium}"
: "${DATELINE_NODE_MODULES:=$top_srcdir/tests/browser/node_modules}"
export CHROMIUM
[ -x "$CHROMIUM" ] ||
    test_skip_all "no Chromium at $CHROMIUM (Debian package chromium; tools/install-deps --browser)"
command -v node >/dev/null 2>&1 ||
    test_skip_all "no node (tools/install-deps --browser)"
[ -d "$DATELINE_NODE_MODULES/playwright-core" ] ||
    test_skip_all "no playwright-core in $DATELINE_NODE_MODULES (run: npm install --prefix tests/browser)"
command -v lighttpd >/dev/null 2>&1 ||
    test_skip_all "lighttpd is not installed (Debian package lighttpd)"

cgi_setup "results_per_page = 2"
lighttpd_start >"$TMP/start.log" 2>&1 || {
    echo "1..0 # SKIP lighttpd did not start: $(tail -n 1 "$TMP/start.log")"
    exit 0
}
trap 'lighttpd_stop; rm -rf "$TMP"' EXIT

shots="$top_builddir/tests/browser-shots"
mkdir -p "$shots"
# The script imports playwright-core from beside itself: run a copy there.
cp "$top_srcdir/tests/browser/search.mjs" "$TMP/search.mjs"
ln -s "$DATELINE_NODE_MODULES" "$TMP/node_modules"
timeout 120 node "$TMP/search.mjs" "$BASE/fcgi" "$shots"
