#!/bin/sh
# Dateline tests: lint the source tree for the rules of STYLE.md that a
# compiler does not check: banned functions, header guards, where <xapian.h>
# and libstemmer.h may be included, <config.h> first, tabs and long lines,
# licence tags, British spelling in identifiers.  Each check is one TAP
# line; on failure it lists the offending file:line.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"


# C and C++ files under the given directories, relative to $top_srcdir
# (test data and fuzz corpora are not source).
c_files()
{
    find "$@" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) \
        ! -path 'tests/data/*' ! -path 'tests/fuzz/corpus/*' \
        ! -path '*/node_modules/*' 2>/dev/null |
        LC_ALL=C sort
}

# Every file that should carry a licence tag.
source_files()
{
    c_files src index include tests
    find tests -type f -name '*.sh' ! -path '*/node_modules/*' 2>/dev/null
    find tools .ci -type f ! -name '*.md' 2>/dev/null
    for f in configure.ac Makefile.am autogen.sh .clang-format \
        dateline.pc.in doc/dateline.1 doc/dateline.cgi.8; do
        [ -f "$f" ] && echo "$f"
    done
}

# Print "file:line: text" for lines of the files on stdin matching the
# extended regular expression $1.
grep_files()
{
    while read -r f; do
        grep -nE -- "$1" "$f" /dev/null
    done
}

# A check passes when it prints nothing; what it prints is the offence list.
lint()
{
    out=$(cd "$top_srcdir" && "$@")
    if [ -n "$out" ]; then
        printf '%s\n' "$out"
        return 1
    fi
    return 0
}

check_banned()
{
    c_files src index tests | grep -v '^src/banned\.h$' |
        grep_files '(^|[^A-Za-z0-9_])(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|gets)[[:space:]]*\('
}

# DTL_<DIR>_<FILE>_H: DIR is DATELINE for the public headers, TESTS for
# anything under tests/, else the top directory (SRC, INDEX).
check_guards()
{
    c_files src index include tests | grep '\.h$' | while read -r f; do
        case $f in
        include/dateline/*) dir=DATELINE ;;
        tests/*) dir=TESTS ;;
        *) dir=${f%%/*} ;;
        esac
        base=${f##*/}
        guard=$(printf 'DTL_%s_%s_H' "$dir" "${base%.h}" |
            tr 'a-z.-' 'A-Z__')
        first=$(grep -m1 -nE '^#[[:space:]]*if' "$f")
        case $first in
        *"#ifndef $guard")
            grep -qE "^#[[:space:]]*define[[:space:]]+$guard([[:space:]]|\$)" \
                "$f" ||
                echo "$f:${first%%:*}: no #define $guard"
            ;;
        *) echo "$f:${first%%:*}: guard should be $guard" ;;
        esac
    done
}

check_xapian()
{
    c_files src include tests |
        grep_files '^#[[:space:]]*include[[:space:]]*[<"]xapian'
}

check_libstemmer()
{
    c_files src index include tests | grep -v '^src/stem\.c$' |
        grep_files '^#[[:space:]]*include[[:space:]]*[<"]libstemmer\.h'
}

check_config_first()
{
    c_files src index | grep -E '\.(c|cc)$' | while read -r f; do
        first=$(grep -m1 -nE '^#[[:space:]]*include' "$f")
        case $first in
        *':#include <config.h>') ;;
        '') echo "$f: no #include <config.h>" ;;
        *) echo "$f:${first%%:*}: first include is not <config.h>" ;;
        esac
    done
}

check_tabs()
{
    tab=$(printf '\t')
    c_files src index include | grep_files "$tab"
}

# Columns count characters: UTF-8 continuation bytes are not counted.
check_width()
{
    c_files src index include | while read -r f; do
        LC_ALL=C awk '{
            line = $0
            gsub(/[\200-\277]/, "", line)
            if (length(line) > 80)
                printf "%s:%d: %d columns\n", FILENAME, FNR, length(line)
        }' "$f"
    done
}

check_spdx()
{
    source_files | LC_ALL=C sort -u | while read -r f; do
        grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' "$f" ||
            echo "$f: no SPDX-License-Identifier: GPL-2.0-or-later"
    done
}

# Identifiers only (dtl_/DTL_ names): comments may quote other projects.
check_spelling()
{
    c_files src index include tests |
        grep_files '(^|[^A-Za-z0-9_])(dtl|DTL)_[A-Za-z0-9_]*([Tt]okeniz|TOKENIZ|[Nn]ormaliz|NORMALIZ|[Aa]nalyz|ANALYZ)'
}

test_expect_success 'no banned function (strcpy strcat ... gets)' \
    'lint check_banned'
test_expect_success 'header guards are DTL_<DIR>_<FILE>_H' \
    'lint check_guards'
test_expect_success '<xapian.h> is included only under index/' \
    'lint check_xapian'
test_expect_success 'libstemmer.h is included only by src/stem.c' \
    'lint check_libstemmer'
test_expect_success 'every .c/.cc in src/ and index/ includes <config.h> first' \
    'lint check_config_first'
test_expect_success 'no tabs in src/ index/ include/' \
    'lint check_tabs'
test_expect_success 'no line over 80 columns in src/ index/ include/' \
    'lint check_width'
test_expect_success 'every source file has SPDX-License-Identifier' \
    'lint check_spdx'
test_expect_success 'identifiers are spelt the British way (tokenise ...)' \
    'lint check_spelling'

test_done
