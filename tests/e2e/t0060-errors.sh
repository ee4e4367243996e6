#!/bin/sh
# Dateline tests: bad input gets a clear message naming the file and place,
# the right exit status, never a crash; what was indexed stays indexed.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

DB="$TMP/e.db"
mkdir -p "$TMP/in"
cp "$top_srcdir/tests/data/mini/storm.txt" "$TMP/in/a-good.txt"
cp "$top_srcdir/tests/data/mini/garden.txt" "$TMP/in/z-good.txt"

test_expect_success 'searching a missing index: status 3 and a hint' '
    test_expect_code 3 "$DATELINE" search --db "$TMP/nope.db" x 2>err &&
    grep -q "no index at" err && grep -q "dateline index" err
'
test_expect_success 'a missing file: named, status 1, others indexed' '
    test_expect_code 1 "$DATELINE" index --db "$DB" "$TMP/in/a-good.txt" \
        "$TMP/in/missing.txt" "$TMP/in/z-good.txt" 2>err &&
    grep -q "missing.txt" err &&
    "$DATELINE" search --db "$DB" gardeners >/dev/null &&
    "$DATELINE" search --db "$DB" trains >/dev/null
'
test_expect_success 'a truncated gzip page: file and byte named, status 1' '
    gzip -c "$top_srcdir/tests/data/mini/review.txt" >full.gz &&
    head -c 120 full.gz >"$TMP/in/m-trunc.txt.gz" &&
    test_expect_code 1 "$DATELINE" index --db "$DB" "$TMP/in" 2>err &&
    grep -q "m-trunc.txt.gz: byte [0-9]*:" err &&
    "$DATELINE" search --db "$DB" gardeners >/dev/null
'
test_expect_success 'a binary file is skipped with a message' '
    head -c 4096 /dev/urandom >"$TMP/bin.txt" &&
    test_expect_code 1 "$DATELINE" index --db "$DB" "$TMP/bin.txt" 2>err &&
    grep -q "bin.txt: binary" err
'
test_expect_success 'binary data that starts with a brace is no JSON Lines' '
    { printf "{"; head -c 4095 /dev/urandom; } >"$TMP/brace.txt" &&
    test_expect_code 1 "$DATELINE" index --db "$DB" "$TMP/brace.txt" \
        2>err &&
    grep -q "brace.txt: binary" err
'
test_expect_success 'invalid UTF-8 and NULs are replaced and reported once' '
    printf "Title: Bad bytes\n\nCaf\351 owners \300\200 met \000 the mayor Quimby.\nMore \377 text.\n" \
        >"$TMP/bad.txt" &&
    "$DATELINE" index --db "$DB" "$TMP/bad.txt" 2>err &&
    test "$(grep -c "bad.txt: byte" err)" -eq 1 &&
    "$DATELINE" search --db "$DB" quimby >/dev/null
'
test_expect_success 'a file over 64 MiB is refused, not loaded' '
    yes "Plain words in a very long page." | head -c 70000000 \
        >"$TMP/huge.txt" &&
    test_expect_code 1 "$DATELINE" index --db "$DB" "$TMP/huge.txt" 2>err &&
    grep -q "huge.txt: larger than 64 MiB" err
'
test_expect_success 'an empty file is fine' '
    : >"$TMP/empty.txt" &&
    "$DATELINE" index --db "$DB" "$TMP/empty.txt"
'
test_expect_success 'a directory given as a file name is walked' '
    "$DATELINE" index --db "$DB" --quiet "$top_srcdir/tests/data/mini"
'
test_expect_success 'another --lang than the index has is refused (2)' '
    test_expect_code 2 "$DATELINE" index --db "$DB" --lang french \
        "$TMP/in/a-good.txt" 2>err &&
    grep -q "english" err && grep -q "french" err
'
test_expect_success 'an unknown language is a usage error (2)' '
    test_expect_code 2 "$DATELINE" index --db "$TMP/l.db" --lang klingon \
        "$TMP/in/a-good.txt" 2>err &&
    grep -q "klingon" err
'
test_expect_success 'a new index in french stems french' '
    printf "Les chanteuses chantaient.\n" >"$TMP/fr.txt" &&
    "$DATELINE" index --db "$TMP/fr.db" --lang french "$TMP/fr.txt" &&
    "$DATELINE" info --db "$TMP/fr.db" | grep -q "lang=french" &&
    "$DATELINE" search --db "$TMP/fr.db" chanteuse >/dev/null
'
test_expect_success 'an index path that is a file: clear error, status 5' '
    : >"$TMP/notadb" &&
    "$DATELINE" search --db "$TMP/notadb" x 2>err
    rc=$?
    test $rc -eq 3 -o $rc -eq 5 && grep -q "notadb" err
'
test_expect_success 'unknown --tz is a usage error' '
    test_expect_code 2 "$DATELINE" index --db "$DB" --tz Mars/Olympus \
        "$TMP/in/a-good.txt"
'
test_done
