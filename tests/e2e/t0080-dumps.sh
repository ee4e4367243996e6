#!/bin/sh
# Dateline tests: textual dumps of each pipeline stage against expected
# outputs in tests/data (split, tokenise, parse-query).
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DATA="$top_srcdir/tests/data"

test_expect_success 'tokenise: the analyser on tricky text' '
    "$DTL_TEST_TOOL" tokenise <"$DATA/tokenise.txt" >got &&
    test_expect_equal_file got "$DATA/tokenise.expected"
'
test_expect_success 'parse-query: the tree of each query' '
    while IFS= read -r q; do
        printf "%s\n" "$q"
        "$DTL_TEST_TOOL" parse-query --now 2025-12-02T12:00:00Z "$q" |
            sed "s/^/  /"
    done <"$DATA/queries.txt" >got &&
    test_expect_equal_file got "$DATA/queries.expected"
'
test_expect_success 'split: the mini archive pages' '
    for f in "$DATA"/mini/*.txt; do
        echo "== $(basename "$f")"
        "$DTL_TEST_TOOL" split <"$f"
    done >got &&
    test_expect_equal_file got "$DATA/mini-split.expected"
'
if [ -d "$DATELINE_SHARED/corpus" ]; then
    test_expect_success 'split: the shared live blog' '
        "$DTL_TEST_TOOL" split \
            <"$DATELINE_SHARED/corpus/000_1264d0ae378510b8.txt" >got &&
        test_expect_equal_file got "$DATA/corpus-split.expected"
    '
fi
test_done
