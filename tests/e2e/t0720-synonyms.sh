#!/bin/sh
# Dateline tests: synonyms.  `dateline synonyms` stores a synonym file in
# an index; a search for a word then finds entries that hold only one of
# its synonyms (any form of the word: keys are stems; a synonym may be a
# phrase; with a quoted phrase in the query, the text check sees the
# synonyms too), quoted words are not expanded, a bad file changes
# nothing and names its file and line, an empty file removes them.  Over a remote
# shard (whose server serves no synonyms) they come from the side
# database that `dateline side` copies them into.  Snippets mark the
# words found through a synonym (command line and search box).
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

: "${DATELINE_CGI:=$top_builddir/src/dateline.cgi}"

trap 'remote_stop_all; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

MINI="$top_srcdir/tests/data/mini"
DB="$TMP/mini.db"
# An entry with both words of the phrase synonym "flood water", apart.
mkdir -p "$TMP/extra" &&
printf "Title: Dry spell\n\nA flood of visitors drank all the water.\n" \
    >"$TMP/extra/dry.txt"
"$DATELINE" index --quiet --db "$DB" "$MINI" "$TMP/extra" ||
    test_skip_all "cannot index the mini archive"
cat >"$TMP/syn.txt" <<'SYN'
# one-way: a search for the key also finds its synonyms
downpour: rain
washout: deluge, flood water
SYN

# Headlines of a search's hits, one per line, in order.
heads()
{
    "$@" >out 2>err
    rc=$?
    sed -n 's/^[0-9]*\. [^ ]*  //p' out
    return $rc
}

test_expect_success 'without synonyms the word finds nothing' '
    test_expect_code 1 "$DATELINE" search --db "$DB" downpour
'
test_expect_success 'dateline synonyms stores the file' '
    "$DATELINE" synonyms --db "$DB" "$TMP/syn.txt" >out &&
    test_expect_equal "$(cat out)" "stored 3 synonyms of 2 words"
'
test_expect_success 'a synonym finds entries that hold only the other word' '
    heads "$DATELINE" search --db "$DB" --sort date downpour >got &&
    printf "%s\n" "Storm Bert live updates" "Gardening in the rain" >want &&
    test_expect_equal "$(cat got)" "$(cat want)" &&
    ! grep -qi downpour "$MINI"/*.txt
'
test_expect_success 'any form of the key: keys are stems' '
    heads "$DATELINE" search --db "$DB" --sort date downpours >got &&
    test_expect_equal "$(cat got)" "$(cat want)"
'
test_expect_success 'a phrase synonym matches the phrase only' '
    heads "$DATELINE" search --db "$DB" washout >got &&
    test_expect_equal "$(cat got)" "Flood after flood: the wettest October" &&
    heads "$DATELINE" search --db "$DB" flood water >got &&
    grep -q "^Dry spell$" got
'
test_expect_success 'a word found through a synonym is marked: text' '
    "$DATELINE" search --db "$DB" --sort date downpour >out &&
    grep -q "^   Gardeners welcome the \[rain\] after a dry summer. Trains" out &&
    grep -q "with heavy \[rain\] and strong winds" out &&
    "$DATELINE" search --db "$DB" washout >out &&
    grep -q "^   \[Flood\] \[water\] covered the fields." out
'
test_expect_success 'a word found through a synonym is marked: JSON' '
    "$DATELINE" search --db "$DB" --json downpour gardeners >out &&
    grep -q "\"snippet\":\"Gardeners welcome the rain after a dry summer[^\"]*\",\"marks\":\[\[0,9\],\[22,26\]\]" out
'
test_expect_success 'a word found through a synonym is marked: search box' '
    printf "index = %s\ntheme = %s\n" "$DB" "$top_srcdir/share/dateline" \
        >cgi.conf &&
    DATELINE_CGI_CONFIG=$TMP/cgi.conf "$DATELINE_CGI" q=downpour >page &&
    grep -q "<p class=\"snippet\">Gardeners welcome the <mark>rain</mark> after" page &&
    DATELINE_CGI_CONFIG=$TMP/cgi.conf "$DATELINE_CGI" q=washout >page &&
    grep -q "<p class=\"snippet\"><mark>Flood</mark> <mark>water</mark> covered" page
'
test_expect_success 'with a quoted phrase, an entry matching through a synonym' '
    heads "$DATELINE" search --db "$DB" "\"heavy rain\" downpour" >got &&
    test_expect_equal "$(cat got)" "Storm Bert live updates" &&
    heads "$DATELINE" search --db "$DB" "\"west of the country\" OR washout" \
        >got &&
    test_expect_equal "$(sort got)" "$(printf "%s\n" \
        "Flood after flood: the wettest October" "Storm Bert live updates")"
'
test_expect_success 'one-way, and a quoted word is not expanded' '
    heads "$DATELINE" search --db "$DB" --sort date rain >got &&
    test_expect_equal "$(cat got)" "$(cat want)" &&
    test_expect_code 1 "$DATELINE" search --db "$DB" "\"downpour\""
'
test_expect_success 'the synonym counts as the word (OP_SYNONYM): AND still holds' '
    heads "$DATELINE" search --db "$DB" downpour gardeners >got &&
    test_expect_equal "$(cat got)" "Gardening in the rain"
'
test_expect_success 'a bad file: its file and line, nothing changed' '
    printf "ok: fine\nnew york: big apple\n" >bad.txt &&
    test_expect_code 2 "$DATELINE" synonyms --db "$DB" bad.txt 2>err &&
    grep -q "bad.txt:2: the key .new york. must be one word" err &&
    "$DATELINE" search --db "$DB" downpour >/dev/null
'
test_expect_success 'a missing file or index' '
    test_expect_code 5 "$DATELINE" synonyms --db "$DB" nowhere.txt 2>err &&
    grep -q "nowhere.txt" err &&
    test_expect_code 3 "$DATELINE" synonyms --db "$TMP/none" "$TMP/syn.txt"
'
test_expect_success 'an empty file removes the synonyms' '
    : >empty.txt &&
    "$DATELINE" synonyms --db "$DB" empty.txt >out &&
    test_expect_equal "$(cat out)" "stored 0 synonyms of 0 words" &&
    test_expect_code 1 "$DATELINE" search --db "$DB" downpour &&
    "$DATELINE" synonyms --db "$DB" "$TMP/syn.txt" >/dev/null
'
test_expect_success 'a sharded index: every shard gets them' '
    "$DATELINE" index --quiet --db "$TMP/sharded" --shard-by month \
        --date 2025-11-20 "$MINI/storm.txt" &&
    "$DATELINE" index --quiet --db "$TMP/sharded" --date 2025-12-01 \
        "$MINI/garden.txt" &&
    test "$(grep -c . "$TMP/sharded/XAPIANDB")" -eq 2 &&
    "$DATELINE" synonyms --db "$TMP/sharded" "$TMP/syn.txt" >/dev/null &&
    heads "$DATELINE" search --db "$TMP/sharded" downpour >got &&
    test_expect_equal "$(sort got)" "$(sort want)"
'

if ! remote_available; then
    test_skip_rest "no xapian-tcpsrv (Debian package xapian-tools)"
    test_done
fi
remote_start "$DB" || test_skip_rest "could not start xapian-tcpsrv"
R="tcp://127.0.0.1:$REMOTE_PORT"

test_expect_success 'a remote shard serves no synonyms' '
    test_expect_code 1 "$DATELINE" search --db "$R" downpour &&
    "$DATELINE" search --db "$R" rain >/dev/null
'
test_expect_success 'dateline side copies the synonyms of local shards' '
    "$DATELINE" side --db "$DB" --side "$TMP/side.db" 2>/dev/null &&
    heads "$DATELINE" search --db "$R" --side "$TMP/side.db" --sort date \
        downpour >got &&
    test_expect_equal "$(cat got)" "$(cat want)" &&
    heads "$DATELINE" search --db "$R" --side "$TMP/side.db" washout >got &&
    grep -q "^Flood after flood: the wettest October$" got &&
    grep -q "^   \[Flood\] \[water\] covered the fields." out &&
    "$DATELINE" search --db "$R" --side "$TMP/side.db" downpour >out &&
    grep -q "Gardeners welcome the \[rain\] after" out
'
test_expect_success 'over remote shards a phrase synonym is a phrase too' '
    heads "$DATELINE" search --db "$R" --side "$TMP/side.db" washout >got &&
    test_expect_equal "$(cat got)" \
        "Flood after flood: the wettest October" &&
    heads "$DATELINE" search --db "$R" --side "$TMP/side.db" \
        "\"west of the country\" OR washout" >got &&
    test_expect_equal "$(sort got)" "$(printf "%s\n" \
        "Flood after flood: the wettest October" "Storm Bert live updates")"
'
test_done
