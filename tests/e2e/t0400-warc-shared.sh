#!/bin/sh
# Dateline tests: every WARC (and ARC, LZ4) file in ../shared/data/warc,
# broken ones included: the records each holds, what is skipped, damage
# reported with its offset after every whole record before it, and the
# same records from the plain and the gzip copy of a file.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

W="$DATELINE_SHARED/data/warc"
[ -d "$W" ] || test_skip_all "no shared WARC files at $W (set DATELINE_SHARED)"

# file | records | HTML pages | damaged records | how reading ends ("ok"
# or part of the error message, after "error: byte N: ")
while IFS='|' read -r f recs pages damaged end; do
    [ -n "$f" ] || continue
    test_expect_success "$f: $recs records, $pages pages, $damaged damaged, $end" '
        "$DTL_TEST_TOOL" warc "$W/$f" >out
        rc=$?
        test_expect_equal "$(grep -vc "^error" out)" "$recs" &&
        test_expect_equal "$(grep -c " page " out)" "$pages" &&
        test_expect_equal "$(grep -c " damaged " out)" "$damaged" &&
        if [ "$end" = ok ]; then
            ! grep -q "^error" out &&
            test $rc -eq $([ "$damaged" -eq 0 ] && echo 0 || echo 1)
        else
            test $rc -eq 1 && grep -q "^error: byte [0-9]*: .*$end" out
        fi
    '
done <<'TABLE'
dolma-testdata/sample-0000.warc.gz|48|22|0|ok
dolma-testdata/sample-0001.warc.gz|34|15|0|ok
resiliparse-testdata/block-sized-records.warc|3|0|0|ok
resiliparse-testdata/block-sized-records.warc.gz|3|0|0|ok
resiliparse-testdata/clipped.warc.gz|0|0|0|record at byte 0: gzip data cut short: the file is truncated
resiliparse-testdata/clueweb-quirk.warc.gz|30|29|0|ok
resiliparse-testdata/warcfile.warc|50|16|0|ok
resiliparse-testdata/warcfile.warc.gz|50|16|0|ok
warcio-testdata/example-bad-non-chunked.warc.gz|6|1|0|ok
warcio-testdata/example-bad.warc.gz.bad|6|1|0|ok
warcio-testdata/example-digest.warc|4|0|0|ok
warcio-testdata/example-iana.org-chunked.warc|3|1|0|ok
warcio-testdata/example-resource.warc.gz|3|1|0|ok
warcio-testdata/example-space-in-target-uri.warc.gz|2|0|0|ok
warcio-testdata/example-trunc.warc|4|0|1|ok
warcio-testdata/example-wget-bad-target-uri.warc.gz|6|1|0|ok
warcio-testdata/example-wrong-chunks.warc.gz|2|1|0|ok
warcio-testdata/example.warc|6|1|0|ok
warcio-testdata/example.warc.gz|6|1|0|ok
warcio-testdata/post-test.warc.gz|6|0|0|ok
TABLE

test_expect_success 'every file of the folder is covered above or below' '
    ls "$W"/*/* | grep -v /SOURCE | wc -l >n &&
    test_expect_equal "$(cat n)" 26
'
test_expect_success 'plain and gzip copies give the same records' '
    for f in resiliparse-testdata/warcfile resiliparse-testdata/block-sized-records; do
        "$DTL_TEST_TOOL" warc "$W/$f.warc" >plain &&
        "$DTL_TEST_TOOL" warc "$W/$f.warc.gz" >gz &&
        diff -u plain gz || exit 1
    done
'
test_expect_success 'the damaged record of example-trunc, and the one after it' '
    "$DTL_TEST_TOOL" warc "$W/warcio-testdata/example-trunc.warc" >out
    grep -q "^1197  damaged 0 - \[record does not end where its Content-Length says; 1369 bytes skipped\]" out &&
    grep -q "^2566 request skip" out
'
test_expect_success 'every record offset of the plain files is a WARC header' '
    for f in warcio-testdata/example.warc resiliparse-testdata/warcfile.warc \
             warcio-testdata/example-trunc.warc; do
        "$DTL_TEST_TOOL" warc "$W/$f" | grep -v ^error | cut -d" " -f1 >offs &&
        test -s offs || exit 1
        while read -r off; do
            test "$(tail -c +$((off + 1)) "$W/$f" | head -c 8)" = "WARC/1.0" ||
                { echo "$f: $off"; exit 1; }
        done <offs
    done
'
test_expect_success 'chunked body de-chunked, charset from HTTP' '
    "$DTL_TEST_TOOL" warc --payload "$W/warcio-testdata/example-iana.org-chunked.warc" >out &&
    grep -q "^405 response page 200 text/html \[utf-8\] 2017-03-06T16:54:09Z 7223 <http://www.iana.org/>" out &&
    sed -n 3p out | grep -q "^<!doctype html>" &&
    ! grep -q "^[0-9a-f]*\r$" out
'
test_expect_success 'Content-Encoding gzip on a decoded body (ClueWeb quirk)' '
    "$DTL_TEST_TOOL" warc --payload "$W/resiliparse-testdata/clueweb-quirk.warc.gz" >out &&
    sed -n 3p out | grep -q "<html>" &&
    grep -q "page 200 text/html \[euc-jp\]" out
'
test_expect_success 'target URIs in <...> are unwrapped (wget)' '
    "$DTL_TEST_TOOL" warc "$W/dolma-testdata/sample-0000.warc.gz" >out &&
    ! grep -q "<<" out && grep -q " <https\?://[^<> ]*>$" out
'
test_expect_success 'revisit records are skipped' '
    "$DTL_TEST_TOOL" warc "$W/warcio-testdata/example.warc" >out &&
    grep -q "^3370 revisit skip 0 - \[revisit\]" out
'
test_expect_success 'ARC and LZ4 files: named, clear message, status 1' '
    for f in warcio-testdata/example.arc warcio-testdata/example.arc.gz \
             warcio-testdata/bad.arc warcio-testdata/example-space-in-url.arc \
             resiliparse-testdata/warcfile.warc.lz4 \
             resiliparse-testdata/block-sized-records.warc.lz4; do
        test_expect_code 1 "$DATELINE" index --db "$TMP/u.db" "$W/$f" 2>err &&
        grep -q "$f: .*not supported" err || exit 1
    done
'
test_expect_success 'dateline index reads the whole folder, damage named' '
    test_expect_code 1 "$DATELINE" index --db "$TMP/all.db" \
        --include "*.warc*" --include "*.arc*" "$W" 2>err &&
    grep -q "clipped.warc.gz: byte 75657: record at byte 0: gzip data cut short" err &&
    grep -q "example-trunc.warc: byte 1197: record does not end where its Content-Length says; 1369 bytes skipped" err &&
    tail -n 1 err | grep -q "errors, [0-9]* records skipped"
'
test_done
