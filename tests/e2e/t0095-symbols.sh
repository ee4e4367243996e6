#!/bin/sh
# Dateline tests: libdateline.so exports exactly the dtl_* functions that
# the public headers declare with DTL_API (nothing internal leaks, nothing
# declared is missing).  Modelled on notmuch's T360-symbol-hiding.sh.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

SO="$top_builddir/.libs/libdateline.so"
[ -f "$SO" ] ||
    test_skip_all "no $SO (static-only build?)"
command -v nm >/dev/null 2>&1 || test_skip_all "nm not found"

# Names declared with DTL_API in include/dateline/*.h: the identifier just
# before the first "(" of the declaration (which may start on a later line
# than DTL_API).  The #define of DTL_API itself is skipped.
declared()
{
    for h in "$top_srcdir"/include/dateline/*.h; do
        awk '
            /^[[:space:]]*#/ { next }
            /(^|[^A-Za-z0-9_])DTL_API([^A-Za-z0-9_]|$)/ { decl = ""; on = 1 }
            on {
                decl = decl " " $0
                if (index(decl, "(")) {
                    s = substr(decl, 1, index(decl, "(") - 1)
                    sub(/[[:space:]]+$/, "", s)
                    n = split(s, w, /[^A-Za-z0-9_]+/)
                    print w[n]
                    on = 0
                }
            }' "$h"
    done | LC_ALL=C sort -u
}

# Defined dynamic symbols, without the linker's own.
exported()
{
    nm -D --defined-only "$SO" | awk 'NF >= 3 { print $3 }' |
        sed 's/@.*//' |
        grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$' |
        LC_ALL=C sort -u
}

test_expect_success 'the headers declare dtl_* functions' '
    declared >declared &&
    test "$(wc -l <declared)" -gt 50 &&
    ! grep -v "^dtl_" declared
'
test_expect_success 'the exported symbols are exactly the declared ones' '
    declared >declared &&
    exported >exported &&
    diff -u declared exported
'
test_done
