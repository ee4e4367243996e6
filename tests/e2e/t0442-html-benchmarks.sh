#!/bin/sh
# Dateline tests: `dateline extract --json` on real pages (the first pages
# of each benchmark in ../shared/data/extraction-dev/) exits 0 with
# non-empty text; the scores themselves are tools/eval-extract's job.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

test_need_shared
DEV="$DATELINE_SHARED/data/extraction-dev"
[ -d "$DEV" ] || test_skip_all "no benchmark pages at $DEV"

for set in aeb wcxb trafilatura; do
    test_expect_success "real pages of $set extract" '
        for f in $(ls "$DEV/$set/html" | head -n 15); do
            "$DATELINE" extract --json "$DEV/$set/html/$f" >out.json ||
                { echo "failed: $f"; return 1; }
            grep -q "\"text\": \"[^\"]" out.json ||
                { echo "no text: $f"; return 1; }
        done
    '
done

test_done
