#!/bin/sh
# Dateline tests: phrases over remote shards.  xapian-tcpsrv cannot run
# the match decider that checks phrases on the stored text, so over
# remote shards the client checks the candidates; the hits must be the
# same entries, order and scores as one database holding every entry:
# a phrase that matches, one that matches nowhere (though its words do),
# a phrase with another word, a negated phrase, a phrase of common words
# (deeper fetches), with each sort, per page and paged.  The check reads
# at most $DATELINE_CHECK_MAX documents and then says the search is
# incomplete; below the cap the count of a rare phrase is exact.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

remote_archive_setup

test_expect_success 'generate an archive and index it whole and as 3 shards' '
    remote_archive
'

remote_shards ||
    test_skip_rest "could not start three xapian-tcpsrv servers"

# The hits of a search (remote-lib.sh).
hits()
{
    remote_hits "$@"
}

# A phrase that matches on at least two shards: a frequent pair of
# adjacent words of the pages (five letters or more each).
pairs=$(cat "$TMP"/arc/pages/*/*.txt 2>/dev/null | tr "A-Z" "a-z" |
    tr -cs "a-z" "\n" |
    awk 'length(p) >= 5 && length($0) >= 5 { print p, $0 } { p = $0 }' |
    sort | uniq -c | sort -rn | awk 'NR <= 40 { print $2 "_" $3 }')
PHRASE=
for pr in $pairs; do
    ph=$(echo "$pr" | tr _ " ")
    n=0
    for k in 0 1 2; do
        "$DATELINE" search --db "$TMP/s$k.db" --limit 1 "\"$ph\"" \
            >/dev/null 2>&1 && n=$((n + 1))
    done
    if [ "$n" -ge 2 ]; then
        PHRASE=$ph
        break
    fi
done
[ -n "$PHRASE" ] || PHRASE="no phrase"
set -- $PHRASE
A=$1 B=$2
# Its words the other way round: both words match, the phrase nowhere.
BACK="$B $A"

same()
{
    hits --db "$ALL" "$@" >one &&
    hits $REMOTE "$@" >three &&
    test -s one && test_expect_equal "$(cat three)" "$(cat one)"
}

test_expect_success "the phrase \"$PHRASE\" is a phrase here (the test can fail)" '
    test "$PHRASE" != "no phrase" &&
    "$DATELINE" search --db "$ALL" --limit 1 "$BACK" >/dev/null &&
    test_expect_code 1 "$DATELINE" search --db "$ALL" "\"$BACK\"" >/dev/null &&
    hits --db "$ALL" "$A -\"$PHRASE\"" >neg && test -s neg &&
    hits --db "$ALL" "\"of the\"" >common && test "$(wc -l <common)" -eq 40
'

for sort in blend relevance date; do
    for q in "\"$PHRASE\"" "\"$PHRASE\" said" "\"of the\" $A" \
        "$A -\"$PHRASE\"" "\"of the\"" "\"$PHRASE\" OR \"of the\""; do
        test_expect_success "3 remote shards = one index: --sort $sort $q" "
            same --sort $sort '$q'
        "
    done
    test_expect_success "3 remote shards = one index: --sort $sort, per page" "
        same --sort $sort --per-page 1 '\"of the\"' &&
        same --sort $sort --per-page 2 --offset 3 '\"$PHRASE\" OR \"of the\"'
    "
    test_expect_success "a phrase that matches nowhere: --sort $sort" "
        test_expect_code 1 hits $REMOTE --sort $sort '\"$BACK\"' >three &&
        test_expect_equal \"\$(cat three)\" ''
    "
done

test_expect_success 'paging a common phrase through remote shards' '
    strip="s/\"docid\":[0-9]*//; s/\"estimate\":[0-9]*//" &&
    for off in 0 5 37 60; do
        "$DATELINE" search $REMOTE --now "$NOW" --offset $off --limit 5 \
            --json "\"of the\"" >page.json &&
        "$DATELINE" search --db "$ALL" --now "$NOW" --offset $off \
            --limit 5 --json "\"of the\"" >page1.json &&
        test "$(grep -c "^{\"rank\"" page.json)" -eq 5 &&
        test_expect_equal "$(sed "$strip" page.json)" \
            "$(sed "$strip" page1.json)" || return 1
    done
'
test_expect_success 'a rare phrase: every candidate checked, the count exact' '
    "$DATELINE" search $REMOTE --limit 200 --json "\"$PHRASE\"" >r.json &&
    n=$(grep -c "^{\"rank\"" r.json) &&
    test "$n" -gt 0 && test "$n" -lt 200 &&
    grep -q "^{\"query\":.*\"estimate\":$n,.*\"capped\":0," r.json
'
test_expect_success 'the check stops at DATELINE_CHECK_MAX and says so' '
    hits $REMOTE --sort relevance "\"of the\"" >full &&
    DATELINE_CHECK_MAX=30 hits $REMOTE --sort relevance "\"of the\"" \
        >capped &&
    grep -q "^{\"query\":.*\"capped\":30," hits.json &&
    n=$(wc -l <capped) &&
    test "$n" -gt 0 && test "$n" -lt 30 &&
    head -n "$n" full >want &&
    test_expect_equal "$(cat capped)" "$(cat want)" &&
    DATELINE_CHECK_MAX=30 "$DATELINE" search $REMOTE "\"of the\"" >out &&
    grep -q "^Note: the phrase check over remote shards stopped after 30 candidates" out &&
    DATELINE_CHECK_MAX=30 hits --db "$ALL" "\"of the\"" >/dev/null &&
    grep -q "\"capped\":0," hits.json
'
test_done
