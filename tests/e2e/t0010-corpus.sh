#!/bin/sh
# Dateline tests: the shared live blog, end to end (the foundation issue's
# acceptance checks): its three entries, their UTC stamps, searches that
# must find each of them, and a boilerplate tail that must find nothing.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
test_need_shared

PAGE="$DATELINE_SHARED/corpus/000_1264d0ae378510b8.txt"
DB="$TMP/news.db"
T0946='Military trainer from NATO ally accused of working for Russia in Ukraine'
T0931='Ukraine defense minister meets with US ambassador to NATO'
LEAD="U.S. President Donald Trump's Special Envoy Steve Witkoff is in Moscow to meet with Russian President Vladimir Putin and discuss the evolving plan to bring peace to Ukraine."

# The first hit of a search as "time|headline" (from --json output).
first()
{
    "$DATELINE" search --db "$DB" --limit 1 --json "$@" >first.json ||
        return 1
    sed -n 's/^.*"time":"\([^"]*\)".*"headline":"\(.*\)","title".*$/\1|\2/p' \
        first.json | head -n 1
}

test_expect_success 'index the shared live blog' '
    "$DATELINE" index --db "$DB" "$PAGE" 2>err &&
    grep -q "indexed 1 pages (3 entries), 0 unchanged, 0 errors" err
'
test_expect_success 'info counts exactly three entries' '
    "$DATELINE" info --db "$DB" >info &&
    grep -q "^entries:  3$" info &&
    grep -q "lang=english" info
'
test_expect_success 'exactly the three entries, with their UTC stamps' '
    "$DATELINE" search --db "$DB" --sort date --limit 10 --json \
        ukraine >all.json &&
    got=$(sed -n "s/^.*\"time\":\"\([^\"]*\)\".*\"headline\":\"\(.*\)\",\"title\".*\"lead\":\([a-z]*\).*$/\1 \3 \2/p" all.json | sort) &&
    test_expect_equal "$got" "2025-12-02T09:31:00Z false $T0931
2025-12-02T09:46:00Z false $T0946
2025-12-02T09:46:00Z true $LEAD"
'
test_expect_success 'Cutmore finds the 09:46 entry first' '
    test_expect_equal "$(first Cutmore)" "2025-12-02T09:46:00Z|$T0946"
'
test_expect_success 'Shmyhal Whitaker finds the 09:31 entry' '
    test_expect_equal "$(first Shmyhal Whitaker)" \
        "2025-12-02T09:31:00Z|$T0931"
'
test_expect_success 'Pokrovsk finds the lead' '
    test_expect_equal "$(first Pokrovsk)" "2025-12-02T09:46:00Z|$LEAD"
'
test_expect_success 'Krasnoarmeysk finds the lead' '
    test_expect_equal "$(first Krasnoarmeysk)" "2025-12-02T09:46:00Z|$LEAD"
'
test_expect_success 'the lead is dated by its newest entry' '
    "$DATELINE" search --db "$DB" --json Pokrovsk | grep -q "\"lead\":true"
'
test_expect_success '"defense partnership" (phrase) finds the 09:31 entry' '
    test_expect_equal "$(first "\"defense partnership\"")" \
        "2025-12-02T09:31:00Z|$T0931"
'
test_expect_success 'trainers (stemming) finds the 09:46 entry' '
    test_expect_equal "$(first trainers)" "2025-12-02T09:46:00Z|$T0946"
'
test_expect_success '--since 2025-12-02T09:40:00Z ukraine excludes 09:31' '
    "$DATELINE" search --db "$DB" --json --since 2025-12-02T09:40:00Z \
        ukraine >since.json &&
    grep -q "09:46:00Z" since.json && ! grep -q "09:31:00Z" since.json
'
test_expect_success 'since: inline works the same way' '
    "$DATELINE" search --db "$DB" --json "since:2025-12-02T09:40:00Z" \
        ukraine >since2.json &&
    grep -q "09:46:00Z" since2.json && ! grep -q "09:31:00Z" since2.json
'
# Words that occur only in the page's boilerplate tail.
for w in Reprint Licensing Correction Guidelines preferred Recommended \
         Astronaut Kazakhstan Duffer Thanksgiving Sotomayor Neuter \
         Eyebrows Bradley Podcasts Trending MRI; do
    test_expect_success "boilerplate word $w finds nothing" '
        test_expect_code 1 "$DATELINE" search --db "$DB" "$w" >/dev/null
    '
done
test_expect_success 'human output shows stamp, headline, source, marks' '
    "$DATELINE" search --db "$DB" Cutmore >human &&
    grep -q "^1\. 2025-12-02T09:46:00Z  $T0946$" human &&
    grep -q "000_1264d0ae378510b8.txt" human &&
    grep -q "\[Cutmore\]" human
'
test_expect_success 'indexing the page again changes nothing' '
    "$DATELINE" index --db "$DB" "$PAGE" 2>err &&
    grep -q "indexed 0 pages (0 entries), 1 unchanged, 0 errors" err &&
    "$DATELINE" info --db "$DB" | grep -q "^entries:  3$"
'
test_done
