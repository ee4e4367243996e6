#!/bin/sh
# Dateline tests: the ranking choices that tools/releval measured.  An
# entry's BM25 length is its own text: the same entry under a page with a
# long title and URL scores exactly as under a short one (field copies
# carry no frequency); field clauses select without weight, so a query of
# them alone lists newest first; any-word queries drop function words
# ("the storm" scores as "storm") and take a hyphenated word as its words.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/r.db"
mkdir -p "$TMP/pages"
page()
{
    # page FILE TITLE URL STAMP HEADLINE BODY
    printf 'Title: %s\nURL: %s\n\nA short lead.\n%s\n%s\n%s\n' \
        "$2" "$3" "$4" "$5" "$6" >"$TMP/pages/$1"
}
BODY='Forecasters issued a storm warning for the coast as the surge rose.'
page a.txt "Storm" "https://a.example/s" "2025-12-01T10:00:00Z" \
    "Coast braces for weather" "$BODY"
page b.txt "Live updates from every coastal town of the region as the \
winter weather system crosses the country over the long weekend ahead" \
    "https://b.example/news/live/updates/weather/coastal/towns/region" \
    "2025-12-01T09:00:00Z" "Coast braces for weather" "$BODY"
page c.txt "Harbour" "https://c.example/h" "2025-12-02T08:00:00Z" \
    "Harbour closes" "The harbour closed as the surge flooded the quay."

# relevance of each hit, in rank order, as "time relevance" lines
rel()
{
    "$DATELINE" search --db "$DB" --json --limit 10 "$@" >out.json
    tr -d '\n' <out.json | grep -o '"time":"[^"]*"\|"relevance":[^,]*' |
        sed 's/^"time":"\(.*\)"$/\1/; s/^"relevance"://' | paste - -
}

test_expect_success 'index three pages' '
    "$DATELINE" index --db "$DB" "$TMP/pages" 2>err &&
    grep -q "indexed 3 pages" err
'

test_expect_success 'a long page title and URL do not lengthen an entry' '
    rel --sort relevance warning >got &&
    cat got &&
    test "$(wc -l <got)" -eq 2 &&
    test "$(cut -f2 got | uniq | wc -l)" -eq 1
'

test_expect_success 'a query of field clauses alone lists newest first' '
    rel --sort relevance headline:coast OR headline:harbour >got &&
    cat got &&
    test_expect_equal "$(cut -f1 got | tr "\n" " ")" \
        "2025-12-02T08:00:00Z 2025-12-02T08:00:00Z 2025-12-01T10:00:00Z \
2025-12-01T09:00:00Z "
'

test_expect_success 'any-word queries leave out function words' '
    rel --any --sort relevance the storm of >with &&
    rel --any --sort relevance storm >without &&
    test -s with && test_expect_equal_file with without
'

test_expect_success 'any-word queries take a hyphenated word as its words' '
    rel --any --sort relevance quay-warning >got &&
    cat got &&
    test "$(wc -l <got)" -eq 3 &&
    test_expect_code 1 "$DATELINE" search --db "$DB" quay-warning
'

test_done
