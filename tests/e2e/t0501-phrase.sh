#!/bin/sh
# Dateline tests: phrases without positions in the index (layout 2).  A
# phrase is checked on the stored text: its words must follow each other
# in one field (headline, body, title or source), in order; a negated
# phrase removes only entries that hold it; stemmed words still match
# every form, exact words only themselves.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/p.db"

# Headlines of the hits, sorted (order is ranking's business, not this
# test's).
hits()
{
    "$DATELINE" search --db "$DB" --limit 50 --json "$@" |
        sed -n 's/.*"headline": *"\([^"]*\)".*/\1/p' | sort | tr '\n' '|'
}

test_expect_success 'the phrase pages index' '
    "$DATELINE" index --db "$DB" "$top_srcdir/tests/data/phrase" 2>err &&
    grep -q "indexed 2 pages (7 entries)" err &&
    test ! -f "$DB/position.glass"
'
test_expect_success 'a phrase matches its words next to each other' '
    test_expect_equal "$(hits "\"prime minister\"")" \
        "Prime minister urges talks|"
'
test_expect_success 'reversed words are another phrase' '
    test_expect_equal "$(hits "\"minister prime\"")" \
        "Minister prime among critics|"
'
test_expect_success 'a phrase does not run from headline into body' '
    test_expect_equal "$(hits "\"talks the\"")" "" &&
    test_expect_equal "$(hits "\"urges talks\"")" \
        "Prime minister urges talks|"
'
test_expect_success 'a phrase does not cross a line break in the body' '
    test_expect_equal "$(hits "\"prime ministers\"")" "Fuel duty frozen|"
'
test_expect_success 'headline: phrase looks at the headline only' '
    test_expect_equal "$(hits "headline:\"prime minister\"")" \
        "Prime minister urges talks|" &&
    test_expect_equal "$(hits "headline:\"crane drivers\"")" "" &&
    test_expect_equal "$(hits "\"crane drivers\"" | tr -cd "|")" "|"
'
test_expect_success 'title: and source: phrases' '
    test_expect_equal "$(hits "title:\"dockers walk\"" | tr -cd "|")" \
        "||||" &&
    test_expect_equal "$(hits "title:\"walk dockers\"")" "" &&
    test_expect_equal "$(hits "source:\"budget day\"" | tr -cd "|")" "|||"
'
test_expect_success 'a negated phrase keeps entries with the words apart' '
    test_expect_equal "$(hits "minister -\"prime minister\"")" \
        "Fuel duty frozen|Minister prime among critics|"
'
test_expect_success 'a phrase in an OR and with a date filter' '
    test_expect_equal "$(hits "\"fuel duty\" OR \"port authority\"")" \
        "Fuel duty frozen|Talks collapse|" &&
    test_expect_equal "$(hits "\"harbour strike\" since:2025-11-21")" \
        "Strike talks mentioned|"
'
test_expect_success 'stems match every form, exact words only themselves' '
    test_expect_equal "$(hits ministers)" \
        "Fuel duty frozen|Minister prime among critics|Prime minister urges talks|" &&
    test_expect_equal "$(hits "\"ministers\"")" \
        "Fuel duty frozen|Prime minister urges talks|"
'
test_done
