#!/bin/sh
# Dateline tests: faults during a run: a full disk (a small tmpfs, when
# this runs as root and may mount one), an unreadable file, and a file
# that changes while it is read.  Each gets a clear error; nothing
# committed before is lost; the index still checks clean.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

ops_gen "$TMP/ga" 1500 41 2>/dev/null
FULL="$TMP/full"
mounted=
cleanup()
{
    [ -n "$mounted" ] && umount "$FULL" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$FULL"
if [ "$(id -u)" -eq 0 ] &&
   mount -t tmpfs -o size=2m tmpfs "$FULL" 2>/dev/null; then
    mounted=yes
fi

test_expect_success 'full disk: a clear error, the last commit intact' '
    if [ -z "$mounted" ]; then
        echo "# cannot mount a tmpfs here (not root?): not tested"
        exit 0
    fi
    "$DATELINE" index --quiet --db "$FULL/x.db" "$SAMPLE" &&
    ops_list "$FULL/x.db" >s.list &&
    "$DATELINE" index --quiet --db ref.db "$SAMPLE" "$TMP/ga/pages" &&
    ops_list ref.db >ref.list &&
    DATELINE_COMMIT_EVERY=100 "$DATELINE" index --db "$FULL/x.db" --json \
        "$TMP/ga/pages" >full.json 2>full.err
    rc=$?
    cat full.err | tail -n 3
    test "$rc" -eq 5 &&
    grep -q "No space left on device" full.err &&
    grep -q "^  \"status\": \"failed\",$" full.json &&
    "$DATELINE" check --db "$FULL/x.db" >/dev/null &&
    ops_list "$FULL/x.db" >after.list &&
    test -z "$(LC_ALL=C comm -23 s.list after.list)" &&
    test -z "$(LC_ALL=C comm -23 after.list ref.list)"
'
test_expect_success 'full disk: with room again a rerun completes' '
    [ -z "$mounted" ] && exit 0
    mount -o remount,size=64m "$FULL" &&
    "$DATELINE" index --quiet --db "$FULL/x.db" "$SAMPLE" "$TMP/ga/pages" &&
    ops_list "$FULL/x.db" >done.list &&
    test_expect_equal_file done.list ref.list
'

test_expect_success 'an unreadable file: named, counted, the rest indexed' '
    chmod 755 "$TMP" && mkdir -p un && chmod 777 un && cp "$SAMPLE"/0[1-3]*.txt un/ &&
    chmod 000 un/02-clearwater-rivers-act.txt &&
    run=
    if [ "$(id -u)" -eq 0 ]; then
        command -v setpriv >/dev/null 2>&1 || exit 0
        run="setpriv --reuid=65534 --regid=65534 --clear-groups"
    fi
    $run "$DATELINE" index --db "$TMP/un/u.db" --json un >u.json 2>u.err
    rc=$?
    test "$rc" -eq 1 &&
    grep -q "un/02-clearwater-rivers-act.txt: cannot open: Permission denied" u.err &&
    grep -q "{\"file\": \"un/02-clearwater-rivers-act.txt\", \"error\": \"cannot open: Permission denied\"}" u.json &&
    test_expect_equal "$(ops_field pages_written u.json)" 2 &&
    "$DATELINE" check --db un/u.db >/dev/null
'

# A page of about 1.5 MB, so that reading it takes a while.
awk "BEGIN { print \"Title: Growing page\"; print \"\"
             print \"Lead paragraph of the growing page.\"
             for (i = 0; i < 30000; i++)
                 print \"Body line \" i \" of the page that keeps growing.\" }" \
    >"$TMP/grow.txt"

test_expect_success 'a file that changes while it is read is not indexed' '
    ( while :; do echo "More text." >>"$TMP/grow.txt"; done ) &
    writer=$!
    found=
    for i in 1 2 3 4 5 6 7 8 9 10; do
        "$DATELINE" index --db g.db --json "$TMP/grow.txt" >g.json 2>g.err
        if grep -q "changed while it was read" g.err; then
            found=$i; break
        fi
    done
    kill $writer; wait $writer 2>/dev/null
    echo "caught on try ${found:-never}"
    test -n "$found" &&
    grep -q "grow.txt: changed while it was read; not indexed (the next run will index it)" g.err &&
    grep -q "\"error\": \"changed while it was read" g.json &&
    test_expect_equal "$(ops_field added g.json)" 0
'
test_expect_success 'once it is still, the next run indexes it' '
    "$DATELINE" index --db g.db --json "$TMP/grow.txt" >g2.json 2>/dev/null &&
    test "$(ops_entries g.db)" -eq 1 &&
    test "$(ops_field files g2.json)" -eq 1 &&
    ! grep -q "changed while" g2.json &&
    "$DATELINE" check --db g.db >/dev/null
'
test_done
