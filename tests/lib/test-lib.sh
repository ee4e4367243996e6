# Dateline tests: a small TAP library for end-to-end shell tests.
#
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Source it from a tests/e2e/tNNNN-*.sh script, then:
#   test_expect_success 'what it checks' 'shell commands'
#   test_expect_equal "$got" "$want"     (inside a test body)
#   test_done
# Each script gets its own temporary directory $TMP (removed on exit), so
# scripts run in parallel.  Programs are found through variables that
# installcheck can point at installed binaries.

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${DATELINE:=$top_builddir/src/dateline}"
: "${DTL_TEST_TOOL:=$top_builddir/tests/tool/dtl-test-tool}"
: "${DATELINE_SHARED:=$top_srcdir/../shared}"
SAMPLE="$top_srcdir/sample"
export DATELINE DTL_TEST_TOOL DATELINE_SHARED SAMPLE

# Never touch the user's own index.
unset DATELINE_DB
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dateline-test.XXXXXX") || exit 99
HOME="$TMP/home"
XDG_DATA_HOME="$TMP/home/.local/share"
export HOME XDG_DATA_HOME
mkdir -p "$HOME"
trap 'rm -rf "$TMP"' EXIT

test_count=0
test_failed=0
test_skip_reason=

# Print a TAP line for one test: the body runs in a subshell with -e off so
# that it can test exit statuses; it passes if its last status is 0.
test_expect_success()
{
    test_count=$((test_count + 1))
    if [ -n "$test_skip_reason" ]; then
        echo "ok $test_count - $1 # SKIP $test_skip_reason"
        return 0
    fi
    if (cd "$TMP" && eval "$2") >"$TMP/.out" 2>&1; then
        echo "ok $test_count - $1"
    else
        test_failed=$((test_failed + 1))
        echo "not ok $test_count - $1"
        sed 's/^/# /' "$TMP/.out" | head -n 60
    fi
}

# Like test_expect_success, for a body that must fail.
test_expect_failure()
{
    test_expect_success "$1" "! { $2; }"
}

# Compare two strings; print a unified diff when they differ.
test_expect_equal()
{
    if [ "$1" = "$2" ]; then
        return 0
    fi
    printf '%s\n' "$2" >"$TMP/.want"
    printf '%s\n' "$1" >"$TMP/.got"
    echo "--- expected"
    echo "+++ got"
    diff -u "$TMP/.want" "$TMP/.got" | tail -n +3
    return 1
}

# Compare a file with an expected file.
test_expect_equal_file()
{
    diff -u "$2" "$1"
}

# Run a command and check its exit status: test_expect_code 1 cmd args...
test_expect_code()
{
    want=$1
    shift
    "$@"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "exit status $got, expected $want: $*"
        return 1
    fi
    return 0
}

# Skip every following test (e.g. when shared data is missing).
test_skip_rest()
{
    test_skip_reason=$1
}

# Skip the whole script.
test_skip_all()
{
    echo "1..0 # SKIP $1"
    exit 0
}

test_need_shared()
{
    [ -d "$DATELINE_SHARED" ] ||
        test_skip_all "no shared data at $DATELINE_SHARED (set DATELINE_SHARED)"
}

test_done()
{
    echo "1..$test_count"
    [ "$test_failed" -eq 0 ]
}
