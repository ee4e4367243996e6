#!/bin/sh
# Dateline tests: re-indexing the same inputs changes nothing; a live blog
# that grew, was edited and lost an entry gets exactly those three changes
# written (an exact diff of every entry's id and content hash), on the
# sample pages and on a generated archive, unsharded and sharded.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

revision()
{
    "$DATELINE" stats --db "$1" --json |
        sed -n 's/.*"name": "total",.*"revision": \([0-9]*\)}.*/\1/p'
}

test_expect_success 'sample: a second run writes nothing at all' '
    "$DATELINE" index --db s.db --json "$SAMPLE" >s1.json 2>/dev/null &&
    ops_list s.db >s1.list &&
    r1=$("$DATELINE" stats --db s.db --json | grep -o "\"revision\": [0-9]*") &&
    "$DATELINE" index --db s.db --json "$SAMPLE" >s2.json 2>/dev/null &&
    ops_list s.db >s2.list &&
    r2=$("$DATELINE" stats --db s.db --json | grep -o "\"revision\": [0-9]*") &&
    test_expect_equal "$(ops_counts s1.json)" "39 0 0 0" &&
    test_expect_equal "$(ops_counts s2.json)" "0 0 39 0" &&
    test_expect_equal_file s2.list s1.list &&
    test_expect_equal "$r2" "$r1" &&
    test "$(wc -l <s1.list)" -eq 39
'
test_expect_success 'sample: an edited entry is the only one written' '
    mkdir -p s2 && cp "$SAMPLE"/0[1-6]*.txt s2/ &&
    "$DATELINE" index --db e.db s2 2>/dev/null && ops_list e.db >e1.list &&
    sed -i "s/walked off the job for a third straight day/walked off the job for a fourth straight day/" \
        s2/01-aldmere-port-strike.txt &&
    "$DATELINE" index --db e.db --json s2 >e2.json 2>/dev/null &&
    ops_list e.db >e2.list &&
    test_expect_equal "$(ops_counts e2.json)" \
        "0 1 $(($(wc -l <e1.list) - 1)) 0" &&
    diff e1.list e2.list | grep "^[<>]" | cut -f1,3 | sort -u >d &&
    test "$(wc -l <d)" -eq 2 &&
    test "$(cut -f2 d | sort -u | wc -l)" -eq 1
'

ops_gen "$TMP/ga" 1200 11 2>/dev/null
# A page with at least five stamped entries.
P=$(awk -F "\t" "\$2 == 5 { print \$1; exit }" "$TMP/ga/truth.tsv")
PAGE="$TMP/ga/pages/$P"

# The line numbers of the headlines of entries 1..4 of page $P (from the
# archive's truth file; the stamp line is just above each headline).
headline_line()
{
    h=$(awk -F "\t" -v p="$P" -v e="$1" "\$1 == p && \$2 == e { print \$4 }" \
        "$TMP/ga/truth.tsv")
    awk -v h="$h" "\$0 == h { print NR; exit }" "$PAGE"
}

# Grow, edit and shrink page $P: a new entry on top (entry 1's stamp, a new
# headline), entry 2's first paragraph edited, entry 3 removed.
edit_page()
{
    h1=$(headline_line 1) && h2=$(headline_line 2) &&
    h3=$(headline_line 3) && h4=$(headline_line 4) &&
    test -n "$h1" && test -n "$h4" &&
    awk -v h1="$h1" -v h2="$h2" -v h3="$h3" -v h4="$h4" "
        NR == h1 - 1 { stamp = \$0
                       print; print \"Quokkas seen near the harbour\"
                       print \"A quokka colony was sighted today.\"
                       print stamp; next }
        NR == h2 + 1 { print \$0 \" Edited by the desk.\"; next }
        NR >= h3 - 1 && NR <= h4 - 2 { next }
        { print }" "$PAGE" >"$TMP/page.new" &&
    mv "$TMP/page.new" "$PAGE"
}

for layout in plain sharded; do
    DB="$TMP/ga-$layout.db"
    opt=
    [ "$layout" = sharded ] && opt="--shard-by month"
    test_expect_success "$layout: first run adds every entry" '
        cp "$PAGE" "$TMP/page.orig" &&
        "$DATELINE" index --db "$DB" $opt --json "$TMP/ga/pages" \
            >g1.json 2>/dev/null &&
        ops_list "$DB" >g1.list && n=$(wc -l <g1.list) &&
        test_expect_equal "$(ops_counts g1.json)" "$n 0 0 0" &&
        test "$(ops_field pages_written g1.json)" -gt 50 &&
        test "$(ops_entries "$DB")" -eq "$n"
    '
    test_expect_success "$layout: the same archive again changes nothing" '
        r1=$(revision "$DB") && n=$(wc -l <g1.list) &&
        "$DATELINE" index --db "$DB" $opt --json "$TMP/ga/pages" \
            >g2.json 2>/dev/null &&
        ops_list "$DB" >g2.list &&
        test_expect_equal "$(ops_counts g2.json)" "0 0 $n 0" &&
        test_expect_equal "$(ops_field pages_written g2.json)" 0 &&
        test_expect_equal_file g2.list g1.list &&
        test_expect_equal "$(revision "$DB")" "$r1" &&
        echo "first run $(ops_field seconds g1.json) s," \
             "second $(ops_field seconds g2.json) s"
    '
    test_expect_success "$layout: grown, edited and shrunk page: exact diff" '
        edit_page && n=$(wc -l <g1.list) &&
        "$DATELINE" index --db "$DB" $opt --json "$TMP/ga/pages" \
            >g3.json 2>/dev/null &&
        ops_list "$DB" >g3.list &&
        test_expect_equal "$(ops_counts g3.json)" "1 1 $((n - 2)) 1" &&
        test_expect_equal "$(ops_field pages_written g3.json)" 1 &&
        diff g1.list g3.list | sed -n "s/^\([<>]\) [^\t]*\t\([^\t]*\)\t\([^\t]*\)\t.*/\1 \2 \3/p" >d &&
        cat d &&
        test "$(grep -c "^<" d)" -eq 2 && test "$(grep -c "^>" d)" -eq 2 &&
        ids_gone=$(grep "^<" d | cut -d" " -f3 | sort) &&
        ids_new=$(grep "^>" d | cut -d" " -f3 | sort) &&
        kept=$(printf "%s\n%s\n" "$ids_gone" "$ids_new" | sort | uniq -d) &&
        test "$(echo "$kept" | wc -l)" -eq 1 && test -n "$kept" &&
        "$DATELINE" search --db "$DB" quokka >/dev/null &&
        "$DATELINE" check --db "$DB" >/dev/null
    '
    test_expect_success "$layout: the page as it was restores the listing" '
        cp "$TMP/page.orig" "$PAGE" && n=$(wc -l <g1.list) &&
        "$DATELINE" index --db "$DB" $opt --json "$TMP/ga/pages" \
            >g4.json 2>/dev/null &&
        test_expect_equal "$(ops_counts g4.json)" "1 1 $((n - 2)) 1" &&
        ops_list "$DB" >g4.list &&
        test_expect_equal_file g4.list g1.list
    '
done
test_expect_success 'sharded: the shards are listed in a Xapian stub' '
    test -f "$TMP/ga-sharded.db/XAPIANDB" &&
    grep -q "^glass [0-9][0-9][0-9][0-9]-[0-9][0-9]$" \
        "$TMP/ga-sharded.db/XAPIANDB" &&
    ops_list "$TMP/ga-plain.db" >p.list &&
    ops_list "$TMP/ga-sharded.db" >s.list &&
    test_expect_equal_file s.list p.list
'
test_done
