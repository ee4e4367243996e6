#!/bin/sh
# Dateline tests: the spelling data ("Did you mean") of `dateline index`:
# a first indexing writes it once at the merge, and must suggest what an
# index built page by page suggests; --no-spelling keeps none, and the
# index remembers the choice.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

mkdir -p "$TMP/in" "$TMP/more"
cp "$SAMPLE"/0[1-5]-*.txt "$TMP/in/"
cp "$SAMPLE"/0[68]-*.txt "$TMP/more/"

# Misspelt words, one per line: each word of the sample with one letter
# changed, and words with two changes.
cat >"$TMP/typos" <<'EOF'
hesketj
volcamo
aldmerr
stike
kestrl
clearwatr
rivrs
lander
summitt
flodding
automatoin
EOF

# suggest DB: "word suggestion" for each typo ("-" when there is none).
suggest()
{
    while read -r w; do
        s=$("$DATELINE" search --db "$1" "$w" 2>/dev/null |
            sed -n 's/^Did you mean: //p')
        echo "$w ${s:--}"
    done <"$TMP/typos"
}

test_expect_success 'first indexing (scratch databases, merge) suggests' '
    "$DATELINE" index --jobs 2 --db "$TMP/a.db" "$TMP/in" "$TMP/more" \
        2>/dev/null &&
    suggest "$TMP/a.db" >a.out &&
    grep -q "^hesketj hesketh$" a.out &&
    grep -q "^volcamo volcano$" a.out
'
test_expect_success 'the same as an index written page by page' '
    "$DATELINE" index --db "$TMP/b.db" "$SAMPLE/01-aldmere-port-strike.txt" \
        2>/dev/null &&
    "$DATELINE" index --jobs 1 --db "$TMP/b.db" "$TMP/in" "$TMP/more" \
        2>/dev/null &&
    suggest "$TMP/b.db" >b.out &&
    test_expect_equal_file a.out b.out
'
test_expect_success '--no-spelling: no spelling data, no suggestion' '
    "$DATELINE" index --no-spelling --db "$TMP/c.db" "$TMP/in" 2>/dev/null &&
    test ! -e "$TMP/c.db/spelling.glass" &&
    suggest "$TMP/c.db" >c.out &&
    ! grep -v " -$" c.out &&
    "$DATELINE" search --db "$TMP/c.db" volcano >/dev/null
'
test_expect_success 'later runs of that index keep it off' '
    "$DATELINE" index --db "$TMP/c.db" "$TMP/more" 2>/dev/null &&
    test ! -e "$TMP/c.db/spelling.glass" &&
    "$DATELINE" search --db "$TMP/c.db" varnholm >/dev/null &&
    test_expect_code 1 "$DATELINE" search --db "$TMP/c.db" varnholn >out &&
    ! grep -q "Did you mean" out
'
test_expect_success '--no-spelling on an index that has some stops adding' '
    "$DATELINE" index --db "$TMP/d.db" "$TMP/in" 2>/dev/null &&
    "$DATELINE" index --no-spelling --db "$TMP/d.db" "$TMP/more" \
        2>/dev/null &&
    test_expect_code 1 "$DATELINE" search --db "$TMP/d.db" varnholn >out &&
    ! grep -q "Did you mean" out &&
    test_expect_code 1 "$DATELINE" search --db "$TMP/d.db" hesketj >out &&
    grep -q "Did you mean: hesketh" out
'
test_done
