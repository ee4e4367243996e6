#!/bin/sh
# Dateline tests: `dateline search --batch TOPICS --trec`, the batch mode
# of tools/releval.  One line per result, "qid Q0 docno rank score tag";
# docnos are the documents' names (or sources), once per topic however
# many entries of a page match; ranks count from 1 and scores never rise;
# --limit, --run-tag, --docid and --sort apply to every topic; comments
# and blank lines are skipped; a bad line is reported with its file and
# line while the other topics still run; a topic over the term limit is
# cut, not dropped; misuse of the options is a usage error.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/docs.db"
TAB=$(printf '\t')

# A tiny collection, one file per document named by its number, as
# tools/releval writes one.
mkdir -p "$TMP/docs"
doc()
{
    printf '%s\n' "$2" >"$TMP/docs/$1.txt"
}
doc 1 'Wing flutter at high speed
flutter of a swept wing was measured in the wind tunnel at high speed.'
doc 2 'Heat transfer in a slab
conduction of heat through a composite slab, with flutter mentioned once.'
doc 3 'Boundary layer on a flat plate
the boundary layer of a flat plate in supersonic flow.'
doc 10 'Flutter flutter flutter
flutter of panels: flutter boundaries and flutter speed of panels.'

# Check a run: six fields, Q0, increasing ranks from 1 per topic, scores
# that never rise, and no docno twice in a topic.
check_run()
{
    awk '
        NF != 6 || $2 != "Q0" { print "bad line: " $0; bad = 1 }
        $1 != q { q = $1; r = 0; s = "" }
        { r++; if ($4 != r) { print "rank " $4 " != " r; bad = 1 } }
        s != "" && $5 + 0 > s + 0 { print "score rises: " $0; bad = 1 }
        { s = $5; if (seen[$1 " " $3]++) { print "twice: " $0; bad = 1 } }
        END { exit bad }' "$1"
}

cat >topics.tsv <<EOF2
# topics for the batch test
t1${TAB}flutter

t2${TAB}boundary layer plate
t3${TAB}heat slab
EOF2
mv topics.tsv "$TMP/"

test_expect_success 'index the documents' '
    "$DATELINE" index --db "$DB" "$TMP/docs" 2>err &&
    grep -q "indexed 4 pages (4 entries)" err
'

test_expect_success 'a TREC run with every topic, best first' '
    "$DATELINE" search --db "$DB" --batch topics.tsv --trec --any >run &&
    cat run &&
    check_run run &&
    test_expect_equal "$(cut -d" " -f1 run | uniq | tr "\n" " ")" \
        "t1 t2 t3 " &&
    test_expect_equal "$(awk "\$1 == \"t1\" { print \$3 }" run | head -n 1)" \
        10 &&
    test_expect_equal "$(awk "\$1 == \"t2\" && \$4 == 1 { print \$3 }" run)" \
        3 &&
    test_expect_equal "$(awk "\$1 == \"t3\" && \$4 == 1 { print \$3 \$6 }" run)" \
        2dateline &&
    test "$(awk "\$1 == \"t1\"" run | wc -l)" -eq 3
'

test_expect_success 'all words by default, any word with --any' '
    "$DATELINE" search --db "$DB" --batch topics.tsv --trec >all &&
    check_run all &&
    test "$(awk "\$1 == \"t2\"" all | wc -l)" -eq 1 &&
    printf "a\tflutter plate\n" >both.tsv &&
    "$DATELINE" search --db "$DB" --batch both.tsv --trec >relaxed &&
    test "$(wc -l <relaxed)" -eq 4
'

test_expect_success '--limit, --run-tag and --docid source' '
    "$DATELINE" search --db "$DB" --batch topics.tsv --trec --any \
        --limit 1 --run-tag mine --docid source >run1 &&
    cat run1 &&
    test "$(wc -l <run1)" -eq 3 &&
    test "$(cut -d" " -f6 run1 | sort -u)" = mine &&
    test "$(awk "\$1 == \"t1\" { print \$3 }" run1)" = "$TMP/docs/10.txt"
'

test_expect_success '--sort date keeps its order through the scores' '
    "$DATELINE" search --db "$DB" --batch topics.tsv --trec --any \
        --sort date >run2 &&
    check_run run2
'

test_expect_success 'topics from standard input' '
    printf "x\tslab\n" |
        "$DATELINE" search --db "$DB" --batch - --trec >run3 &&
    test_expect_equal "$(cat run3)" "x Q0 2 1 $(cut -d" " -f5 run3) dateline"
'

test_expect_success 'a page with many matching entries is one docno' '
    "$DATELINE" index --db sample.db "$SAMPLE" 2>/dev/null &&
    printf "s\tstrike OR port OR mediation\n" >s.tsv &&
    "$DATELINE" search --db sample.db --batch s.tsv --trec >runs &&
    cat runs && check_run runs &&
    grep -q " aldmere" runs
'

test_expect_success 'a bad line is reported; the other topics run' '
    printf "t1\tflutter\nno tab here\nt3\theat\n" >bad.tsv &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --batch bad.tsv \
        --trec >run4 2>err &&
    cat err &&
    grep -q "bad.tsv:2: expected a topic id" err &&
    test_expect_equal "$(cut -d" " -f1 run4 | uniq | tr "\n" " ")" "t1 t3 "
'

test_expect_success 'a topic over the term limit is cut, not dropped' '
    words=$(for i in $(seq 1 300); do printf "w%d " $i; done) &&
    printf "long\tflutter %s\nt3\theat\n" "$words" >long.tsv &&
    "$DATELINE" search --db "$DB" --batch long.tsv --trec --any >run5 \
        2>err &&
    cat err &&
    grep -q "long.tsv:1 (topic long): query has more than 256 terms: cut" err &&
    test_expect_equal "$(cut -d" " -f1 run5 | uniq | tr "\n" " ")" \
        "long t3 " &&
    test_expect_equal "$(awk "\$1 == \"long\" { print \$3 }" run5 | head -n 1)" \
        10
'

test_expect_success 'misuse is a usage error' '
    test_expect_code 2 "$DATELINE" search --db "$DB" --batch topics.tsv \
        2>err && grep -q "needs --trec" err &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --trec flutter \
        2>err && grep -q "go with --batch" err &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --batch topics.tsv \
        --trec flutter 2>err && grep -q "from the file" err &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --batch topics.tsv \
        --trec --docid url 2>err && grep -q "name or source" err &&
    test_expect_code 2 "$DATELINE" search --db "$DB" --batch nosuch.tsv \
        --trec 2>err && grep -q "nosuch.tsv" err
'

test_done
