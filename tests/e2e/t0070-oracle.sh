#!/bin/sh
# Dateline tests: an oracle.  Index random live blogs built from a small
# vocabulary, then check every result set of many random queries against a
# naive search over the same entries (awk).
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/o.db"
mkdir -p "$TMP/pages"
# Words whose English stems are all different, so "same stem" is "same
# word" and the naive matcher needs no stemmer.
VOCAB="amber basil cobalt delta ember fjord garnet harbor indigo jasper
kestrel lantern marble nectar onyx pepper quartz raven saffron tundra umber
velvet walnut xenon yarrow zephyr anchor beacon cedar dune"
SEED=${DTL_ORACLE_SEED:-20251202}

# pages/pNNN.txt and truth.tsv: "headline<TAB>word word ...".
awk -v seed="$SEED" -v vocab="$VOCAB" -v dir="$TMP/pages" '
BEGIN {
    srand(seed); nv = split(vocab, v, /[ \n]+/)
    for (p = 0; p < 150; p++) {
        f = sprintf("%s/p%03d.txt", dir, p)
        printf "Title: Oracle page %d\n\n", p > f
        ne = 1 + int(rand() * 3)
        for (e = 0; e < ne; e++) {
            printf "2025-10-%02dT%02d:%02d:00Z\n", 28 - e, int(rand() * 24),
                int(rand() * 60) > f
            h = sprintf("Entry p%de%d", p, e)
            printf "%s\n", h > f
            nw = 3 + int(rand() * 25); line = ""; words = ""
            for (w = 0; w < nw; w++) {
                # Zipf-like: low indexes are common.
                k = 1 + int(nv * rand() * rand())
                line = line (w ? " " : "") toupper(substr(v[k], 1, 1)) \
                       substr(v[k], 2)
                words = words " " v[k]
            }
            printf "%s.\n", line > f
            printf "%s\t%s \n", h, words > (dir "/../truth.tsv")
        }
        close(f)
    }
}' || exit 99

# Naive evaluation: op is and|or|not; prints matching headlines, sorted.
naive()
{
    awk -F '\t' -v op="$1" -v a=" $2 " -v b=" ${3:-} " '
    { has_a = index($2, a) > 0; has_b = index($2, b) > 0
      if ((op == "and" && has_a && has_b) || (op == "or" && (has_a || has_b)) ||
          (op == "not" && has_a && !has_b) || (op == "one" && has_a))
          print $1 }' "$TMP/truth.tsv" | sort
}

engine()
{
    "$DATELINE" search --db "$DB" --sort date --limit 10000 --json "$@" |
        sed -n 's/^.*"headline":"\(Entry [^"]*\)".*$/\1/p' | sort
}

test_expect_success 'index the random archive' '
    "$DATELINE" index --quiet --db "$DB" "$TMP/pages" &&
    test "$("$DATELINE" info --db "$DB" | sed -n "s/^entries: *//p")" \
        -eq "$(wc -l <"$TMP/truth.tsv")"
'
i=0
for a in $VOCAB; do
    i=$((i + 1))
    b=$(echo $VOCAB | awk -v i="$i" '{ print $((i * 7) % NF + 1) }')
    [ "$a" = "$b" ] && continue
    test_expect_success "oracle: $a" '
        test_expect_equal "$(engine "$a")" "$(naive one "$a")"
    '
    test_expect_success "oracle: $a $b" '
        want=$(naive and "$a" "$b")
        if [ -n "$want" ]; then
            test_expect_equal "$(engine "$a" "$b")" "$want"
        else
            "$DATELINE" search --db "$DB" --json "$a" "$b" |
                grep -q "\"relaxed\":true"
        fi
    '
    test_expect_success "oracle: $a OR $b" '
        test_expect_equal "$(engine "$a" OR "$b")" "$(naive or "$a" "$b")"
    '
    test_expect_success "oracle: $a -$b" '
        test_expect_equal "$(engine "$a" "-$b")" "$(naive not "$a" "$b")"
    '
done
test_done
