#!/bin/sh
# Dateline tests: the sample archive (sample/*.txt, sample/*.txt.gz) against
# its hand-computed ground truth (sample/TRUTH.tsv, sample/README): every
# entry is indexed, each entry's unique word finds exactly that entry with
# its UTC time, headline, page title and lead flag, date filters agree with
# the time, each page is known by its URL or path, words of the boilerplate
# tails (sample/BOILERPLATE) find nothing, --sort date orders everything,
# and indexing the sample again changes nothing.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/sample.db"
TRUTH="$SAMPLE/TRUTH.tsv"
BOILER="$SAMPLE/BOILERPLATE"
TAB=$(printf '\t')

# Index the directory, as a user would: it also holds TRUTH.tsv,
# BOILERPLATE and README, which must not be taken as pages (they hold every
# test word; the searches below would find them).
index_sample()
{
    "$DATELINE" index --db "$DB" "$SAMPLE"
}
N_ENTRIES=$(wc -l <"$TRUTH" | tr -d ' ')
N_PAGES=$(cut -f1 "$TRUTH" | sort -u | wc -l | tr -d ' ')

# json_first KEY FILE: the value of KEY in the first result of a --json
# answer (one JSON object; a string is printed without its quotes and with
# \" \\ \/ undone; null, numbers and booleans as they are).
json_first()
{
    tr -d '\n' <"$2" |
        sed 's/^.*"results"[[:space:]]*:[[:space:]]*\[//' |
        grep -o "\"$1\"[[:space:]]*:[[:space:]]*\(\"\([^\"\\\\]\|\\\\.\)*\"\|[^,}]*\)" |
        head -n 1 |
        sed -e "s/^\"$1\"[[:space:]]*:[[:space:]]*//" \
            -e 's/^"\(.*\)"$/\1/' -e 's/\\"/"/g' -e 's/\\\//\//g' \
            -e 's/\\\\/\\/g'
}

# Number of results in a --json answer.
json_count()
{
    tr -d '\n' <"$1" | grep -o '"rank"[[:space:]]*:' | wc -l | tr -d ' '
}

# page_meta KEY FILE: the page's metadata header KEY ("" if none).
page_meta()
{
    case $2 in
    *.gz) gzip -dc "$2" ;;
    *) cat "$2" ;;
    esac | sed -n "1,/^\$/s/^$1: //p"
}

count()
{
    "$DATELINE" info --db "$DB" | sed -n 's/^entries: *//p'
}

test_expect_success 'the ground truth is well formed' '
    test "$N_ENTRIES" -ge 25 &&
    test "$(grep -c "^[^$TAB]*$TAB[0-9]*$TAB[0-9T:-]*Z$TAB[^$TAB]*$TAB[A-Za-z]*\$" \
        "$TRUTH")" -eq "$N_ENTRIES" &&
    test "$(ls -d "$SAMPLE"/[0-9][0-9]-*.txt "$SAMPLE"/[0-9][0-9]-*.txt.gz |
        wc -l)" -eq "$N_PAGES" &&
    test "$(cut -f5 "$TRUTH" | sort -u | wc -l)" -eq "$N_ENTRIES"
'

test_expect_success 'index the sample: every page, every entry, no error' '
    index_sample 2>err &&
    cat err &&
    grep -q "indexed $N_PAGES pages ($N_ENTRIES entries), 0 unchanged, 0 errors" err &&
    ! grep -q "^dateline: " err
'

test_expect_success 'info counts the entries of TRUTH.tsv' '
    test_expect_equal "$(count)" "$N_ENTRIES"
'

# One test per entry of the truth.
while IFS="$TAB" read -r file idx want_time want_head word; do
    n_in_page=$(grep -c "^$file$TAB" "$TRUTH")
    if [ "$idx" -gt 0 ]; then
        want_lead=false
    elif [ "$n_in_page" -gt 1 ]; then
        want_lead=true
    else
        want_lead=     # an article: not checked
    fi
    want_title=$(page_meta Title "$SAMPLE/$file")
    test_expect_success "$word finds $file entry $idx ($want_time)" '
        "$DATELINE" search --db "$DB" --limit 5 --json "$word" >hit.json &&
        got_n=$(json_count hit.json) &&
        test_expect_equal "$got_n" 1 &&
        test_expect_equal "$(json_first time hit.json)" "$want_time" &&
        test_expect_equal "$(json_first headline hit.json)" "$want_head" &&
        test_expect_equal "$(json_first title hit.json)" "$want_title" &&
        { test -z "$want_lead" ||
          test_expect_equal "$(json_first lead hit.json)" "$want_lead"; } ||
        { cat hit.json; false; }
    ' </dev/null
    # since = until = the truth's time: only an entry at exactly that
    # second passes.
    test_expect_success "$word: --since/--until $want_time finds it" '
        test_expect_code 0 "$DATELINE" search --db "$DB" \
            --since "$want_time" --until "$want_time" "$word"
    ' </dev/null
done <"$TRUTH"

# One test per page: its lead's word shows the page's source, its URL:
# line, else its absolute path.
grep "${TAB}0$TAB" "$TRUTH" >"$TMP/leads"
while IFS="$TAB" read -r file idx t h word; do
    want_source=$(page_meta URL "$SAMPLE/$file")
    test_expect_success "$file is known by ${want_source:-its path}" '
        "$DATELINE" search --db "$DB" --limit 1 --json "$word" >hit.json &&
        got=$(json_first source hit.json) &&
        case $want_source in
        "") case $got in
            /*/"$file") ;;
            *) test_expect_equal "$got" "/.../$file" ;;
            esac ;;
        *) test_expect_equal "$got" "$want_source" ;;
        esac
    ' </dev/null
done <"$TMP/leads"

while read -r word; do
    test_expect_success "boilerplate word $word finds nothing" '
        test_expect_code 1 "$DATELINE" search --db "$DB" "$word"
    ' </dev/null
done <"$BOILER"

# Every entry at once, newest first: the times are those of the truth and
# come in order.
test_expect_success 'sort date lists every entry newest first' '
    "$DATELINE" search --db "$DB" --any --sort date --limit 100 --json \
        $(cut -f5 "$TRUTH") >all.json &&
    tr -d "\n" <all.json | grep -o "\"time\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" |
        sed "s/^\"time\"[[:space:]]*:[[:space:]]*\"//; s/\"\$//" >got-times &&
    cut -f3 "$TRUTH" | sort -r >want-times &&
    test_expect_equal_file got-times want-times
'

test_expect_success 'indexing the sample again changes nothing' '
    "$DATELINE" search --db "$DB" --any --sort date --limit 100 --json \
        --now 2026-02-01 $(cut -f5 "$TRUTH") >before.json &&
    index_sample 2>err &&
    cat err &&
    grep -q "indexed 0 pages (0 entries), $N_PAGES unchanged, 0 errors" err &&
    test_expect_equal "$(count)" "$N_ENTRIES" &&
    "$DATELINE" search --db "$DB" --any --sort date --limit 100 --json \
        --now 2026-02-01 $(cut -f5 "$TRUTH") >after.json &&
    test_expect_equal_file after.json before.json
'

test_done
