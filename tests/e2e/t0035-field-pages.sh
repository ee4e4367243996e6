#!/bin/sh
# Dateline tests: title and source clauses select every entry of the
# pages whose title or URL matches, though only one entry of each page
# (its carrier, layout 5) holds the title terms while every entry holds
# the URL terms (a source clause is one term query, never capped): on a
# generated archive against an expectation computed from the pages'
# files, under negation, in OR, with dates, sharded, and on a live blog
# whose carrier moves as entries are added, whose title changes and
# whose oldest entries are deleted.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

DB="$TMP/ga.db"
SH="$TMP/ga-sharded"

# got DB QUERY...: "entries source" per page matched, sorted.
got()
{
    db=$1
    shift
    "$DATELINE" search --db "$db" --sort date --limit 10000 --json "$@" |
        sed -n 's/^.*"headline":.*,"source":"\([^"]*\)",.*$/\1/p' |
        LC_ALL=C sort | uniq -c | awk '{ print $1, $2 }'
}

# want_title WORD / want_source WORD: the same, from the pages' files
# (Title: and URL: lines, words as runs of letters and digits, any
# case) and the entries each page has in the index.
want_field()
{
    for f in "$TMP"/ga/pages/*/*.txt; do
        awk -v w="$2" -v key="$1" '
            $0 ~ "^" key ": " {
                t = tolower(substr($0, length(key) + 3))
                n = split(t, ws, /[^a-z0-9]+/)
                for (i = 1; i <= n; i++) if (ws[i] == w) hit = 1
            }
            /^URL: / { url = substr($0, 6) }
            END { if (hit) print url }' "$f"
    done | LC_ALL=C sort -u >want.src
    ops_pages "$DB" | awk -F "\t" 'NR == FNR { want[$1] = 1; next }
                                   ($1 in want) { print $2, $1 }' \
        want.src - | LC_ALL=C sort -k2
}

test_expect_success 'a generated archive, plain and sharded by month' '
    ops_gen "$TMP/ga" 400 5 &&
    "$DATELINE" index --quiet --db "$DB" "$TMP/ga/pages" &&
    "$DATELINE" index --quiet --db "$SH" --shard-by month "$TMP/ga/pages" &&
    "$DATELINE" check --db "$DB" &&
    test "$(ops_pages "$DB" | wc -l)" -gt 20
'
# Words: in every title, in some titles (W1), in some URL paths (U1, of
# a page whose title has W1), in every URL.
W1=$(sed -n "s/^Title: \([A-Za-z]*\) .*/\1/p" "$TMP"/ga/pages/*/000001.txt |
     head -n 1 | tr "A-Z" "a-z")
U1=$(sed -n "s|^URL: https://[^/]*/live/[0-9-]*\([a-z]*\)-.*|\1|p" \
     "$TMP"/ga/pages/*/000001.txt | head -n 1)
for q in "Title live" "Title $W1" "URL $U1" "URL example"; do
    KEY=${q% *}
    WORD=${q#* }
    test_expect_success "$KEY word \"$WORD\": every entry of the matching pages" '
        case $KEY in Title) f=title ;; *) f=source ;; esac &&
        want_field $KEY $WORD >want &&
        test -s want &&
        got "$DB" "$f:\"$WORD\"" >got &&
        test_expect_equal_file got want &&
        got "$SH" "$f:\"$WORD\"" >got.sh &&
        test_expect_equal_file got.sh want
    '
done
test_expect_success 'a stemmed title word matches as many pages or more' '
    want_field Title "$W1" >want &&
    test -s want &&
    got "$DB" "title:$W1" >got &&
    test "$(wc -l <got)" -ge "$(wc -l <want)" &&
    test -z "$(LC_ALL=C comm -13 got want)"
'
test_expect_success 'negation: the other entries, and all add up' '
    all=$(got "$DB" "since:2000-01-01" | awk "{ s += \$1 } END { print s }") &&
    yes=$(got "$DB" "since:2000-01-01 title:\"$W1\"" |
          awk "{ s += \$1 } END { print s }") &&
    no=$(got "$DB" "since:2000-01-01 -title:\"$W1\"" |
         awk "{ s += \$1 } END { print s }") &&
    no2=$(got "$DB" "since:2000-01-01 NOT title:\"$W1\"" |
          awk "{ s += \$1 } END { print s }") &&
    test "$yes" -gt 0 && test "$no" -gt 0 &&
    test "$((yes + no))" -eq "$all" && test "$no2" -eq "$no" &&
    got "$DB" "since:2000-01-01 title:\"$W1\"" | cut -d " " -f2 >y &&
    got "$DB" "since:2000-01-01 -title:\"$W1\"" | cut -d " " -f2 >n &&
    test -z "$(LC_ALL=C comm -12 y n)"
'
test_expect_success 'a field clause in OR and beside another field clause' '
    want_field Title "$W1" >t && want_field URL "$U1" >u &&
    LC_ALL=C sort -u -k2 t u >want &&
    got "$DB" "title:\"$W1\" OR source:\"$U1\"" >got &&
    test_expect_equal_file got want &&
    LC_ALL=C join -1 2 -2 2 t u | awk "{ print \$2, \$1 }" >want2 &&
    test -s want2 &&
    got "$DB" "title:\"$W1\" source:\"$U1\"" >got2 &&
    test_expect_equal_file got2 want2 &&
    "$DATELINE" search --db "$DB" --json "title:\"$W1\" source:\"$U1\"" |
        grep -q "\"relaxed\":false"
'
test_expect_success 'a date filter applies to the entries, not the carrier' '
    "$DATELINE" search --db "$DB" --sort date --limit 10000 --json \
        "title:live until:2025-11-10" >d.json &&
    n=$(grep -c "^{\"rank\"" d.json) && test "$n" -gt 0 &&
    ! grep "^{\"rank\"" d.json | grep -v "\"time\":\"2025-11-10T" |
        grep -v "\"time\":\"2025-11-0" |
        grep -q .
'
test_expect_success 'over the page cap the search says it is incomplete' '
    DATELINE_FIELD_PAGES=3 "$DATELINE" search --db "$DB" --limit 10000 \
        --json title:live >cap.json &&
    grep -q "\"field_capped\":3," cap.json &&
    test "$(sed -n "s/^.*\"source\":\"\([^\"]*\)\",.*$/\1/p" cap.json |
            sort -u | wc -l)" -eq 3 &&
    DATELINE_FIELD_PAGES=3 "$DATELINE" search --db "$DB" title:live >cap.txt &&
    grep -q "^Note: a title clause matched more than 3 pages" cap.txt &&
    "$DATELINE" search --db "$DB" --json title:live >nocap.json &&
    grep -q "\"field_capped\":0," nocap.json
'
# The URL terms are on every entry (layout 5 keeps them there): a source
# clause is one term query, with no first stage and so no page cap.
test_expect_success 'a source clause over every page is not capped' '
    all=$(ops_pages "$DB" | awk -F "\t" "{ s += \$2 } END { print s }") &&
    test "$(ops_pages "$DB" | wc -l)" -gt 3 &&
    DATELINE_FIELD_PAGES=3 "$DATELINE" search --db "$DB" --limit 10000 \
        --json source:example >src.json &&
    grep -q "\"field_capped\":0," src.json &&
    test "$(grep -c "^{\"rank\"" src.json)" -eq "$all" &&
    DATELINE_FIELD_PAGES=3 "$DATELINE" search --db "$DB" \
        "source:example title:live" >src.txt &&
    grep -q "^Note: a title clause matched more than 3 pages" src.txt
'

# 600 small pages: a clause that matches more than 500 of them is
# answered as every entry but those of the pages it does not match
# (index/shim-field.cc); fewer, as the pages it matches.
test_expect_success 'clauses over most of 600 pages, and over some' '
    mkdir -p "$TMP/many" &&
    awk "BEGIN { for (i = 0; i < 600; i++) {
        f = sprintf(\"$TMP/many/p%03d.txt\", i);
        w = (i % 12) ? \"common\" : \"rare\";
        printf \"Title: Page %d %s live\\nURL: https://m.example/%s/%d\\n\\n\", i, w, w, i > f;
        printf \"Lead of page %d.\\n2025-10-%02dT%02d:00:00Z\\nHeadline %d\\nBody of page %d.\\n\", i, i % 28 + 1, i % 24, i, i > f;
        close(f) } }" &&
    "$DATELINE" index --quiet --db "$TMP/many.db" "$TMP/many" &&
    for q in "title:live 1200" "title:common 1100" "title:rare 100" \
             "source:common 1100" "-title:rare since:2000-01-01 1100" \
             "title:live -title:common 100" "title:common OR title:rare 1200"; do
        n=${q##* } &&
        "$DATELINE" search --db "$TMP/many.db" --limit 10000 --json \
            "${q% *}" >m.json &&
        test "$(grep -c "^{\"rank\"" m.json)" -eq "$n" || return 1
    done &&
    "$DATELINE" search --db "$TMP/many.db" --limit 10000 --json \
        title:common >m.json &&
    ! grep "^{\"rank\"" m.json | grep -q "\"title\":\"Page [0-9]* rare"
'

# A live blog with no lead: its carrier is the entry whose id sorts
# last, so a night's new entry becomes the carrier when its id sorts
# after the others.
mkdir -p "$TMP/blog"
BLOG="$TMP/blog/blog.txt"
BDB="$TMP/blog.db"
{
    printf "Title: Harbour strike live\n"
    printf "URL: https://news.example/live/harbour-strike\n\n"
} >"$TMP/head"
: >"$TMP/entries"
# night N: add entry N on top and index; the report goes to night.json.
night()
{
    { printf "2025-11-%02dT10:00:00Z\nDay %d of the strike\n" "$1" "$1"
      printf "Pickets stood at gate %d again.\n" "$1"
      cat "$TMP/entries"; } >"$TMP/entries.new" &&
    mv "$TMP/entries.new" "$TMP/entries" &&
    cat "$TMP/head" "$TMP/entries" >"$BLOG" &&
    "$DATELINE" index --db "$BDB" --json "$TMP/blog" >night.json 2>/dev/null
}
# The page's carrier: the id that sorts last.
carrier_id()
{
    ops_list "$BDB" | cut -f3 | LC_ALL=C sort | tail -n 1
}
# holders TERM: how many entries of the blog hold TERM (its term
# frequency, read by xapian-delve; "n/a" without it).
holders()
{
    if command -v xapian-delve >/dev/null 2>&1; then
        xapian-delve -t "$1" "$BDB" |
            sed -n "1s/.*(termfreq \([0-9]*\),.*/\1/p"
    else
        echo n/a
    fi
}

test_expect_success 'live blog: nights of new entries on top' '
    night 1 &&
    moves=0 &&
    for d in 2 3 4 5 6 7 8 9 10 11 12; do
        before=$(carrier_id) &&
        night $d &&
        after=$(carrier_id) &&
        n=$(ops_entries "$BDB") &&
        if [ "$after" = "$before" ]; then
            want="1 0 $((n - 1)) 0"
        else
            want="1 1 $((n - 2)) 0" && moves=$((moves + 1))
        fi &&
        test_expect_equal "$(ops_counts night.json)" "$want" &&
        test_expect_equal "$(got "$BDB" title:harbour)" \
            "$n https://news.example/live/harbour-strike" &&
        test_expect_equal "$(got "$BDB" source:harbour)" \
            "$n https://news.example/live/harbour-strike" &&
        "$DATELINE" check --db "$BDB" >/dev/null || return 1
    done &&
    echo "carrier moves: $moves" &&
    test "$moves" -gt 0
'
test_expect_success 'live blog: a new title rewrites every entry' '
    n=$(ops_entries "$BDB") &&
    sed -i "s/^Title: Harbour strike live/Title: Port dispute live/" "$BLOG" &&
    "$DATELINE" index --db "$BDB" --json "$TMP/blog" >t.json 2>/dev/null &&
    test_expect_equal "$(ops_counts t.json)" "0 $n 0 0" &&
    test_expect_equal "$(got "$BDB" title:dispute)" \
        "$n https://news.example/live/harbour-strike" &&
    test_expect_code 1 "$DATELINE" search --db "$BDB" title:harbour \
        >/dev/null &&
    "$DATELINE" check --db "$BDB"
'
test_expect_success 'live blog: deleting the carrier moves its terms' '
    n=$(ops_entries "$BDB") &&
    c=$(carrier_id) &&
    t=$(ops_list "$BDB" | awk -F "\t" -v c="$c" "\$3 == c { print \$2 }") &&
    newest=$(ops_list "$BDB" | cut -f2 | LC_ALL=C sort | tail -n 1) &&
    test "$t" \< "$newest" &&
    "$DATELINE" delete --db "$BDB" --before "${t%:00Z}:01Z" >/dev/null &&
    left=$(ops_entries "$BDB") &&
    test "$left" -lt "$n" && test "$left" -gt 0 &&
    test "$(carrier_id)" != "$c" &&
    test_expect_equal "$(got "$BDB" title:dispute)" \
        "$left https://news.example/live/harbour-strike" &&
    test_expect_equal "$(got "$BDB" source:harbour)" \
        "$left https://news.example/live/harbour-strike" &&
    "$DATELINE" check --db "$BDB"
'
test_expect_success 'live blog: title terms on one entry, URL terms on all' '
    n=$(ops_entries "$BDB") &&
    case $(holders XUharbour) in
    n/a) echo "no xapian-delve: not checked" ;;
    *) test_expect_equal "$(holders XUharbour)" "$n" &&
       test_expect_equal "$(holders XUstrike)" "$n" &&
       test_expect_equal "$(holders XTdispute)" 1 &&
       test_expect_equal "$(holders XTlive)" 1 ;;
    esac
'
test_expect_success 'live blog: the page as it was is not written again' '
    "$DATELINE" index --db "$BDB" --json "$TMP/blog" >r.json 2>/dev/null &&
    test_expect_equal "$(ops_field added r.json)" 0
'
test_done
