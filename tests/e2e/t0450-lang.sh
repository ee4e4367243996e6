#!/bin/sh
# Dateline tests: pages in other languages (issue 4).  A small mixed
# archive (tests/data/lang: English, French, German, Spanish and Italian
# HTML pages declaring their language through <html lang>, JSON-LD
# inLanguage, Content-Language or not at all, and a JSON Lines dump with
# `language`) is indexed into an English index; each page is stemmed in
# its own language and found by a query in that language, and the index
# lists the languages it holds.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

D="$top_srcdir/tests/data/lang"
DB="$TMP/l.db"

# hits QUERY [OPTIONS...]: the sources of the results, one per line
# (none: search exits with 1).
hits()
{
    q=$1
    shift
    "$DATELINE" search --db "$DB" --json "$@" "$q" >out
    test $? -le 1 || return 1
    tr , '\n' <out | sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' |
        sed 's,.*/,,' | sort
}

test_expect_success 'the mixed archive is indexed' '
    mkdir "$TMP/in" && cp "$D"/* "$TMP/in" &&
    "$DATELINE" index --db "$DB" "$TMP/in" 2>err &&
    grep -q "indexed 8 pages (8 entries), 0 unchanged, 0 errors" err
'
test_expect_success 'extract --json: declared and detected languages' '
    "$DATELINE" extract --json "$D/fr.html" >x &&
    grep -q "\"language\": \"fr-FR\"" x &&
    grep -q "\"stem_language\": \"french\"" x &&
    grep -q "\"language_from\": \"declared\"" x &&
    "$DATELINE" extract --json "$D/de.html" >x &&
    grep -q "\"stem_language\": \"german\"" x &&
    grep -q "\"language_from\": \"declared\"" x &&
    "$DATELINE" extract --json "$D/es.html" >x &&
    grep -q "\"stem_language\": \"spanish\"" x &&
    "$DATELINE" extract --json "$D/it.html" >x &&
    grep -q "\"language\": \"\"" x &&
    grep -q "\"stem_language\": \"italian\"" x &&
    grep -q "\"language_from\": \"detected\"" x
'
test_expect_success 'a template'"'"'s lang="en" over a German article is overridden' '
    sed "s/<html>/<html lang=\"en\">/" "$D/de.html" |
        sed "/ld+json/d" >"$TMP/de-en.html" &&
    "$DATELINE" extract --json "$TMP/de-en.html" >x &&
    grep -q "\"language\": \"en\"" x &&
    grep -q "\"stem_language\": \"german\"" x &&
    grep -q "\"language_from\": \"corrected\"" x
'
test_expect_success 'stats lists the languages with their entry counts' '
    "$DATELINE" stats --db "$DB" >s &&
    grep -q "^language:  english$" s &&
    grep -q "^languages: english 2, french 1, german 1, italian 1, norwegian 1, portuguese 1, spanish 1$" s &&
    "$DATELINE" stats --db "$DB" --json >sj &&
    grep -q "{\"language\": \"english\", \"code\": \"en\", \"entries\": 2}" sj &&
    grep -q "{\"language\": \"norwegian\", \"code\": \"no\", \"entries\": 1}" sj
'
test_expect_success 'French: "élections" finds the page that says "élection"' '
    hits "élections" >h && grep -q "^fr.html$" h
'
test_expect_success 'French: "chevaux" finds "cheval" (French stemming only)' '
    hits chevaux >h && test_expect_equal "$(cat h)" "fr.html"
'
test_expect_success 'German: "Wahl" finds "Wahlen", "Haus" finds "Häuser"' '
    hits Wahl >h && test_expect_equal "$(cat h)" "de.html" &&
    hits Haus >h && test_expect_equal "$(cat h)" "de.html"
'
test_expect_success 'German: "Wahlen" finds the German page' '
    hits Wahlen >h && test_expect_equal "$(cat h)" "de.html" &&
    grep -q "\"language\":\"german\"" out
'
test_expect_success 'Italian, detected: "elezioni" finds "elezione"' '
    hits elezioni >h && test_expect_equal "$(cat h)" "it.html"
'
test_expect_success 'Norwegian (nb) from JSON Lines: "boligene" finds "boliger"' '
    hits boligene >h && grep -q "^valget-i-oslo$" h
'
test_expect_success 'Spanish and Portuguese pages are found in their words' '
    hits elecciones >h && grep -q "^es.html$" h &&
    hits eleições >h && grep -q "^eleicoes-em-lisboa$" h
'
test_expect_success 'English stemming still works' '
    hits election --lang en >h && grep -q "^en.html$" h &&
    grep -q "\"language\":\"english\"" out &&
    ! grep -q "\"language\":\"french\"" out &&
    hits election >h && grep -q "^en.html$" h &&
    hits "voter campaigning" >h && grep -q "^en.html$" h
'
test_expect_success 'a French stem never meets an English one' '
    hits elected >h && ! grep -q "^fr.html$" h
'
test_expect_success 'search --lang keeps one language' '
    hits urnes --lang fr >h && test_expect_equal "$(cat h)" "fr.html" &&
    hits urnes --lang de >h && test_expect_equal "$(cat h)" "" &&
    hits election --lang french >h && test_expect_equal "$(cat h)" "fr.html" &&
    hits election --lang en-GB >h && test_expect_equal "$(cat h)" "en.html"
'
test_expect_success 'search --lang with no words lists that language' '
    hits "" --lang fr >h && test_expect_equal "$(cat h)" "fr.html" &&
    hits "" --lang de >h && test_expect_equal "$(cat h)" "de.html" &&
    hits "" >h && test_expect_equal "$(cat h)" ""
'
test_expect_success 'search --lang with an unknown language is a usage error' '
    test_expect_code 2 "$DATELINE" search --db "$DB" --lang klingon x 2>err &&
    grep -q "klingon" err
'
test_expect_success 'the snippet marks the words in the entry'"'"'s language' '
    "$DATELINE" search --db "$DB" Wahl >t &&
    grep -q "\[Wahlen\]" t && grep -q "\[Wähler\]" t
'
test_expect_success 'a phrase is checked in the entry'"'"'s language' '
    hits "\"neue Häuser\" Wahl" >h && test_expect_equal "$(cat h)" "de.html"
'
test_expect_success 'indexing again changes nothing' '
    "$DATELINE" index --db "$DB" "$TMP/in" 2>err &&
    grep -q "0 added, 0 updated, 8 unchanged" err
'
test_expect_success 'a page that changes language moves in the counts' '
    sed "/harbour/s/\"language\": \"en\"/\"language\": \"de\"/" \
        "$D/dump.jsonl" >"$TMP/in/dump.jsonl" &&
    "$DATELINE" index --db "$DB" "$TMP/in" 2>err &&
    grep -q "0 added, 1 updated, 7 unchanged" err &&
    "$DATELINE" stats --db "$DB" >s &&
    grep -q "^languages: german 2, english 1, french 1, italian 1, norwegian 1, portuguese 1, spanish 1$" s
'
test_expect_success 'a deleted page leaves the counts' '
    "$DATELINE" delete --db "$DB" --source "$TMP/in/it.html" >/dev/null &&
    "$DATELINE" stats --db "$DB" >s &&
    grep -q "^languages: german 2, english 1, french 1, norwegian 1, portuguese 1, spanish 1$" s &&
    hits elezioni >h && test_expect_equal "$(cat h)" ""
'
test_expect_success 'an index without stemming stems no page' '
    "$DATELINE" index --db "$TMP/n.db" --lang none "$D/de.html" "$D/fr.html" &&
    "$DATELINE" stats --db "$TMP/n.db" >s &&
    grep -q "^languages: none 2$" s
'
test_expect_success 'an index in porter keeps its English pages in porter' '
    "$DATELINE" index --db "$TMP/p.db" --lang porter "$D/en.html" "$D/fr.html" &&
    "$DATELINE" stats --db "$TMP/p.db" >s &&
    grep -q "^languages: french 1, porter 1$" s
'
test_done
