#!/bin/sh
# Dateline tests: the manual pages.  groff formats them without a warning,
# dateline.cgi(8) documents every key of the configuration table in
# src/cgi-config.c (and README.md's table has them too), and dateline(1)
# every command of src/dateline-cli.c.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

trap 'rm -rf "$TMP"' EXIT
MAN1="$top_srcdir/doc/dateline.1"
MAN8="$top_srcdir/doc/dateline.cgi.8"

# The keys of src/cgi-config.c's table: lines '    {"name", K_...'.
sed -n 's/^    {"\([a-z_]*\)", K_[A-Z]*,.*/\1/p' \
    "$top_srcdir/src/cgi-config.c" >"$TMP/keys"
# The commands of src/dateline-cli.c's table: '    {"name", cli_...'.
sed -n 's/^    {"\([a-z]*\)", cli_[a-z]*,.*/\1/p' \
    "$top_srcdir/src/dateline-cli.c" >"$TMP/commands"

test_expect_success 'the tables were found' '
    test "$(wc -l <"$TMP/keys")" -ge 20 &&
    grep -qx partial_results "$TMP/keys" &&
    test "$(wc -l <"$TMP/commands")" -ge 9 &&
    grep -qx synonyms "$TMP/commands"
'
test_expect_success 'dateline.cgi(8) documents every configuration key' '
    while read -r k; do
        grep -q "^\.B[IR] $k\( \|$\)" "$MAN8" ||
            { echo "not in dateline.cgi.8: $k"; return 1; }
    done <"$TMP/keys"
'
test_expect_success "README's table has every configuration key" '
    while read -r k; do
        grep -q "^| \`$k\` |" "$top_srcdir/README.md" ||
            { echo "not in README.md: $k"; return 1; }
    done <"$TMP/keys"
'
test_expect_success 'dateline(1) documents every command' '
    while read -r c; do
        grep -q "^\.SY \"dateline $c\"" "$MAN1" &&
        grep -q "^\.B $c$" "$MAN1" ||
            { echo "not in dateline.1: $c"; return 1; }
    done <"$TMP/commands"
'
if command -v groff >/dev/null 2>&1; then
    for m in "$MAN1" "$MAN8"; do
        test_expect_success "groff formats $(basename "$m") without a warning" "
            groff -t -man -ww -z '$m' >out 2>&1 && ! test -s out
        "
    done
else
    test_skip_rest "no groff to format the manual pages"
fi
test_done
