#!/bin/sh
# Dateline tests: the programs start, answer --help/--version, refuse bad
# usage with status 2; every header compiles on its own.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

test_expect_success 'dateline --version prints the version' '
    "$DATELINE" --version | grep -q "^dateline [0-9][0-9.]*$"
'
test_expect_success 'dateline --help lists the commands' '
    "$DATELINE" --help >out &&
    grep -q "^  index " out && grep -q "^  search " out &&
    grep -q "^  info " out
'
test_expect_success 'no command is a usage error (2)' '
    test_expect_code 2 "$DATELINE"
'
test_expect_success 'an unknown command is a usage error (2)' '
    test_expect_code 2 "$DATELINE" frobnicate 2>err &&
    grep -q "no such command: frobnicate" err
'
test_expect_success 'an unknown option is a usage error (2)' '
    test_expect_code 2 "$DATELINE" search --bogus x 2>/dev/null
'
test_expect_success 'search without words is a usage error (2)' '
    test_expect_code 2 "$DATELINE" search --db "$TMP/none.db" 2>/dev/null
'
test_expect_success 'help COMMAND shows that command'"'"'s usage' '
    "$DATELINE" help search | grep -q "usage: dateline search"
'

# Every public header compiles alone, in C and as C++ (extern "C" guards);
# every private header compiles alone too.
test_expect_success 'public headers are self-contained (C11 and C++)' '
    for h in "$top_srcdir"/include/dateline/*.h; do
        n=$(basename "$h")
        printf "#include <dateline/%s>\n" "$n" >h.c &&
        ${CC:-cc} -std=c11 -Wall -Werror -fsyntax-only \
            -I"$top_srcdir/include" h.c || { echo "C: $n"; exit 1; }
        cp h.c h.cc &&
        c++ -Wall -Werror -fsyntax-only -I"$top_srcdir/include" h.cc ||
            { echo "C++: $n"; exit 1; }
    done
'
test_expect_success 'private headers are self-contained' '
    for h in "$top_srcdir"/src/*.h; do
        n=$(basename "$h")
        printf "#include <config.h>\n#include \"%s\"\n" "$n" >h.c &&
        ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -Wall -Werror -fsyntax-only -I"$top_builddir" \
            -I"$top_srcdir/include" -I"$top_srcdir/src" $(pkg-config \
            --cflags libutf8proc libxml-2.0 jansson 2>/dev/null) h.c ||
            { echo "$n"; exit 1; }
    done
'
test_done
