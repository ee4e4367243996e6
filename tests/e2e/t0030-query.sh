#!/bin/sh
# Dateline tests: the query language end to end on a tiny fixed archive
# (tests/data/mini): operators, phrases, fields, date filters, leniency,
# limits, relaxation and exit statuses.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/mini.db"
MINI="$top_srcdir/tests/data/mini"

# Every hit, newest first, as "time headline" lines.
hits()
{
    "$DATELINE" search --db "$DB" --sort date --limit 100 --json "$@" \
        >hits.json
    rc=$?
    sed -n 's/^.*"time":"\([^"]*\)".*"headline":"\(.*\)","title".*$/\1 \2/p' \
        hits.json
    return $rc
}

A1='2025-11-20T10:00:00Z Trains cancelled as storm strengthens'
A2='2025-11-20T08:00:00Z Flood warnings issued for river towns'
C='2025-11-15T00:00:00Z Gardening in the rain'
B1='2025-11-01T12:00:00Z Flood after flood: the wettest October'
B2='2025-11-01T09:00:00Z Council meets on drainage'

test_expect_success 'index the mini archive' '
    "$DATELINE" index --db "$DB" "$MINI" 2>err &&
    grep -q "indexed 3 pages (7 entries), 0 unchanged, 0 errors" err
'
test_expect_success 'a word matches its stems (flooding, floods)' '
    test "$(hits flood | wc -l)" -eq 4
'
test_expect_success 'implicit AND' '
    test_expect_equal "$(hits storm trains)" "$A1"
'
test_expect_success 'OR, and | for OR' '
    test_expect_equal "$(hits trains OR drainage)" "$A1
$C
$B2" &&
    test_expect_equal "$(hits "trains | drainage")" "$A1
$C
$B2"
'
test_expect_success 'NOT and -word' '
    test_expect_equal "$(hits trains NOT storm)" "$C" &&
    test_expect_equal "$(hits trains -storm)" "$C"
'
test_expect_success 'lower-case or is a word, not an operator' '
    "$DATELINE" search --db "$DB" --json trains or drainage |
        grep -q "\"relaxed\":true"
'
test_expect_success 'phrases match words in order only' '
    test_expect_equal "$(hits "\"flood barriers\"")" "$A2" &&
    test_expect_code 1 hits "\"barriers flood\"" >/dev/null
'
test_expect_success 'parentheses group' '
    test_expect_equal "$(hits "(drainage OR trains) -gardeners")" "$A1
$B2"
'
test_expect_success 'headline: matches headlines only' '
    test_expect_equal "$(hits headline:trains)" "$A1"
'
test_expect_success 'title: matches the page title' '
    test_expect_equal "$(hits title:gardening)" "$C"
'
test_expect_success 'source: matches words of the URL' '
    test "$(hits source:example | wc -l)" -eq 3 &&
    test "$(hits source:bert | wc -l)" -eq 3
'
test_expect_success 'until: keeps the older entries' '
    test_expect_equal "$(hits flood until:2025-11-10 | cut -c1-20)" \
        "2025-11-01T12:00:00Z
2025-11-01T00:00:00Z"
'
test_expect_success 'since: keeps the newer entries' '
    test "$(hits flood since:2025-11-10 | wc -l)" -eq 2 &&
    hits flood since:2025-11-10 | grep -q "^$A2$"
'
test_expect_success 'a date-only --until includes that whole day' '
    test "$(hits drainage --until 2025-11-01 | wc -l)" -eq 1
'
test_expect_success 'filters alone list entries in the range' '
    test "$(hits --since 2025-11-15 --until 2025-11-16 | wc -l)" -eq 1
'
test_expect_success 'no entry with all words: say so, show partial matches' '
    "$DATELINE" search --db "$DB" flood zeppelin >out &&
    grep -q "No entry has all the words" out &&
    "$DATELINE" search --db "$DB" --json flood zeppelin |
        grep -q "\"relaxed\":true"
'
test_expect_success '--any ORs the words' '
    test "$(hits --any trains drainage | wc -l)" -eq 3
'
test_expect_success 'limit and offset page through results' '
    test_expect_equal "$(hits --limit 1 --offset 1 flood)" "$A2"
'
test_expect_success 'no hits: exit status 1' '
    test_expect_code 1 "$DATELINE" search --db "$DB" zeppelin >/dev/null
'
test_expect_success 'unbalanced quote is closed at the end' '
    test_expect_equal "$(hits "\"flood barriers")" "$A2" &&
    "$DATELINE" search --db "$DB" "\"flood barriers" | grep -q "^Note: "
'
test_expect_success 'unbalanced parentheses are repaired' '
    test "$(hits "(trains OR drainage")" = "$(hits trains OR drainage)" &&
    test "$(hits "trains)")" = "$(hits trains)"
'
test_expect_success 'a lone operator never crashes' '
    for q in OR AND NOT - "(" ")" "\"" "OR OR" "NOT NOT" "headline:" \
             "since:" "()" "-(" ":"; do
        "$DATELINE" search --db "$DB" "$q" >/dev/null 2>&1
        rc=$?
        [ $rc -le 2 ] || { echo "query [$q] exit $rc"; exit 1; }
    done
'
test_expect_success 'a dangling OR still finds the word' '
    test "$(hits OR trains | wc -l)" -eq 2
'
test_expect_success 'an overlong query is refused with status 2' '
    q=$(head -c 9000 /dev/zero | tr "\\0" a) &&
    test_expect_code 2 "$DATELINE" search --db "$DB" "$q" 2>err &&
    grep -qi "limit\|long" err
'
test_expect_success 'too many terms: status 2' '
    q=$(seq 1 300 | sed "s/^/w/" | tr "\\n" " ") &&
    test_expect_code 2 "$DATELINE" search --db "$DB" $q 2>/dev/null
'
test_expect_success 'too deep nesting: status 2' '
    q="$(printf "%.0s(" $(seq 1 40))x$(printf "%.0s)" $(seq 1 40))" &&
    test_expect_code 2 "$DATELINE" search --db "$DB" "$q" 2>/dev/null
'
test_expect_success 'an unreadable since: date is a usage error' '
    test_expect_code 2 "$DATELINE" search --db "$DB" since:notadate x \
        2>err && grep -q "notadate" err
'
test_expect_success 'bad option values are usage errors' '
    test_expect_code 2 "$DATELINE" search --db "$DB" --sort best x &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --limit -1 x &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --half-life soon x &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --since never x
'
test_expect_success 'JSON output is well-formed (python3 json, if present)' '
    if command -v python3 >/dev/null; then
        "$DATELINE" search --db "$DB" --json flood >j.json &&
        python3 -c "import json,sys; d=json.load(open(\"j.json\")); assert len(d[\"results\"])==4; r=d[\"results\"][0]; s=r[\"snippet\"].encode(); assert all(s[a:b] for a,b in r[\"marks\"])"
    fi
'
test_done
