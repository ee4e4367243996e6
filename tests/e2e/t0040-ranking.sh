#!/bin/sh
# Dateline tests: orderings (never raw scores) on the tiny fixed archive:
# relevance, date, the blend's recency decay and its knobs, collapsing.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/mini.db"
"$DATELINE" index --quiet --db "$DB" "$top_srcdir/tests/data/mini" ||
    test_skip_all "cannot index the mini archive"

# Headlines of the hits, in rank order, one per line.
order()
{
    "$DATELINE" search --db "$DB" --limit 100 --json "$@" |
        sed -n 's/^.*"headline":"\(.*\)","title".*$/\1/p'
}
B1='Flood after flood: the wettest October'
A2='Flood warnings issued for river towns'

test_expect_success 'relevance: the entry dense with the word ranks first' '
    test "$(order --sort relevance flood | head -n 1)" = "$B1"
'
test_expect_success 'date: newest first' '
    order --sort date --since 2025-11-01 flood >got &&
    test "$(sed -n 1p got)" != "$B1" &&
    test "$(tail -n 1 got | cut -c1-20)" != "" &&
    "$DATELINE" search --db "$DB" --sort date --json flood |
        sed -n "s/^.*\"timestamp\":\([0-9]*\),.*$/\1/p" >ts &&
    sort -rn ts | cmp -s - ts
'
test_expect_success 'blend far from the entries: same order as relevance' '
    test_expect_equal "$(order --now 2027-01-01 flood)" \
        "$(order --sort relevance flood)"
'
test_expect_success 'blend near the new entries lifts them over older ones' '
    o=$(order --now 2025-11-20T08:00:00Z --recency-weight 1 flood) &&
    pa=$(printf "%s\n" "$o" | grep -n "^$A2$" | cut -d: -f1) &&
    pb=$(printf "%s\n" "$o" | grep -n "^$B1$" | cut -d: -f1) &&
    test "$pa" -lt "$pb"
'
test_expect_success 'a very long half-life makes the decay flat' '
    test "$(order --now 2025-11-20T08:00:00Z --half-life 100000d flood |
        head -n 1)" = "$B1"
'
test_expect_success 'recency weight 0 is relevance' '
    test_expect_equal \
        "$(order --now 2025-11-20T08:00:00Z --recency-weight 0 flood)" \
        "$(order --sort relevance flood)"
'
test_expect_success 'results are reproducible with --now' '
    a=$(order --now 2025-11-21 flood) && b=$(order --now 2025-11-21 flood) &&
    test "$a" = "$b"
'
test_expect_success '--per-page 1: one entry per page, with a count' '
    "$DATELINE" search --db "$DB" --per-page 1 --json flood >pp.json &&
    test "$(grep -o "\"rank\"" pp.json | wc -l)" -eq 2 &&
    grep -q "\"collapsed\":[1-9]" pp.json
'
test_expect_success 'scores are non-increasing down the list' '
    "$DATELINE" search --db "$DB" --json flood |
        sed -n "s/^.*\"score\":\([-0-9.e+]*\),.*$/\1/p" >sc &&
    sort -gr sc | cmp -s - sc
'
test_done
