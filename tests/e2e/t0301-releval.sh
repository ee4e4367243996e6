#!/bin/sh
# Dateline tests: tools/releval's measures against a hand-computed example
# (trec_eval's definitions: order by score then docno, both descending;
# relevant = judgment >= 1; queries without a relevant document skipped;
# judged queries missing from the run score 0), its randomization test,
# and, when ../shared/data and python3-xapian are there, one collection
# end to end through `dateline search --batch`.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

RELEVAL="$top_srcdir/tools/releval"
[ -x /usr/bin/python3 ] ||
    test_skip_all "no /usr/bin/python3 (tools/releval runs with it)"

# q1: 4 relevant (d1 grade 2, d3, d5, d7 grade 3; d9 judged 0).  The run
# ranks d1 d2 d4 d3 d5 d9: d3 and d4 tie at 0.7 and the higher docno, d4,
# goes first.  Relevant at ranks 1, 4, 5 (d7 not retrieved):
#   AP      = (1/1 + 2/4 + 3/5) / 4                          = 0.525
#   P@10    = 3 / 10                                         = 0.3
#   R@100   = 3 / 4                                          = 0.75
#   DCG@10  = 2/log2(2) + 1/log2(5) + 1/log2(6)              = 2.817529
#   IDCG@10 = 3/log2(2) + 2/log2(3) + 1/log2(4) + 1/log2(5)  = 5.192536
#   nDCG@10 = 0.542611
# q2: d2 relevant, ranked 2nd: AP 0.5, P@10 0.1, R@100 1,
#   nDCG@10 = (1/log2(3)) / 1 = 0.630930.
# q3: d1 relevant, no results: 0 everywhere.  q4: nothing relevant: not
# counted.  Means over q1-q3:
#   MAP 0.341667  P@10 0.133333  nDCG@10 0.391180  R@100 0.583333
cat >"$TMP/qrels" <<'EOF2'
q1 0 d1 2
q1 0 d3 1
q1 0 d5 1
q1 0 d7 3
q1 0 d9 0
q2 0 d2 1
q3 0 d1 1
q4 0 d1 0
EOF2
cat >"$TMP/run" <<'EOF2'
q1 Q0 d2 2 0.8 r
q1 Q0 d1 1 0.9 r
q1 Q0 d3 3 0.7 r
q1 Q0 d4 4 0.7 r
q1 Q0 d5 5 0.5 r
q1 Q0 d9 6 0.4 r
q2 Q0 d5 1 0.3 r
q2 Q0 d2 2 0.2 r
q4 Q0 d1 1 1.0 r
EOF2

test_expect_success 'the measures of the hand-computed example' '
    "$RELEVAL" eval qrels run >out &&
    cat out &&
    test_expect_equal "$(cat out)" "MAP      all 0.3417
P@10     all 0.1333
nDCG@10  all 0.3912
R@100    all 0.5833"
'

test_expect_success 'a run against itself: same figures, p = 1' '
    "$RELEVAL" eval qrels run run >out &&
    cat out &&
    test "$(grep -c "p=1.0000" out)" -eq 4
'

# run2 makes q1 and q2 perfect (AP 1): per-query MAP differences
# -0.475, -0.5, 0; of the 8 sign patterns, 4 reach |sum| >= 0.975, so p
# is 0.5 (sampled: within 0.02).
test_expect_success 'the randomization test of a known difference' '
    printf "q1 Q0 d1 1 3 r\nq1 Q0 d7 2 2 r\nq1 Q0 d3 3 1 r\nq1 Q0 d5 4 0.5 r\nq2 Q0 d2 1 1 r\n" \
        >run2 &&
    "$RELEVAL" eval qrels run run2 >out &&
    cat out &&
    p=$(sed -n "s/^MAP .*p=//p" out) &&
    awk -v p="$p" "BEGIN { exit !(p > 0.48 && p < 0.52) }"
'

test_expect_success 'a malformed run is refused with its line' '
    printf "q1 Q0 d1 1 0.9\n" >bad &&
    ! "$RELEVAL" eval qrels bad 2>err &&
    grep -q "bad:1: expected qid Q0 docno rank score tag" err
'

if [ ! -d "$DATELINE_SHARED/data/relevance/med" ]; then
    test_skip_rest "no relevance collections under $DATELINE_SHARED/data"
elif ! /usr/bin/python3 -c "import xapian" 2>/dev/null; then
    test_skip_rest "python3-xapian is not installed (tools/install-deps --bench)"
fi
test_expect_success 'MED end to end: Dateline at least as good as the peers' '
    "$RELEVAL" --collections med --dateline "$DATELINE" --json med.json \
        >table &&
    cat table &&
    grep -q "^| med | dateline | 0\.[0-9]* |" table &&
    grep -q "^| med | xapian |" table &&
    grep -q "^| med | fts5 |" table &&
    grep -q "\"queries\": 30" med.json
'

test_done
