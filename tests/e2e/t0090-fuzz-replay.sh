#!/bin/sh
# Dateline tests: replay every fuzz target's seed corpus (each corpus file
# must run without a crash or a sanitizer report).
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

for target in stamp liveblog tokenise query gzip warc jsonl html jsonld \
    cgi-param cgi-config stub synonyms; do
    prog="$top_builddir/tests/fuzz/fuzz-$target"
    corpus="$top_srcdir/tests/fuzz/corpus/$target"
    test_expect_success "fuzz-$target replays its corpus" '
        [ -x "$prog" ] && [ -d "$corpus" ] &&
        [ "$(ls "$corpus" | wc -l)" -ge 5 ] &&
        "$prog" "$corpus" >out 2>&1 &&
        ! grep -q "^not ok" out
    '
done
test_expect_success 'fuzz-html replays the HTML fixtures too' '
    "$top_builddir/tests/fuzz/fuzz-html" "$top_srcdir/tests/data/html" \
        >out 2>&1 &&
    ! grep -q "^not ok" out
'
test_done
