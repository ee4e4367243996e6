#!/bin/sh
# Dateline tests: an indexer killed (SIGKILL) at random points of a run,
# many times over, always leaves an index that opens, checks clean and
# holds whole pages only, each exactly as an uninterrupted run writes it;
# a last run then completes the work with exactly the expected entries.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

: "${DTL_CRASH_KILLS:=8}"
ops_gen "$TMP/ga" 3000 23 2>/dev/null
A="$TMP/ga/pages"

# Commit every 150 changes, so that a run makes many commits to interrupt.
DATELINE_COMMIT_EVERY=150
export DATELINE_COMMIT_EVERY

test_expect_success 'reference: an uninterrupted run' '
    "$DATELINE" index --quiet --db ref.db "$A" &&
    ops_list ref.db >ref.list && ops_pages ref.db >ref.pages &&
    test "$(wc -l <ref.list)" -ge 3000
'

# Kill delays in seconds, reproducible, spread over a run.
delays=$(awk -v n="$DTL_CRASH_KILLS" "BEGIN { srand(5); for (i = 0; i < n; i++)
    printf \"%.2f \", 0.4 + rand() * 2.2 }")
k=0
for d in $delays; do
    k=$((k + 1))
    test_expect_success "kill -9 after ${d}s (kill $k): whole pages only" '
        "$DATELINE" index --quiet --db crash.db "$A" &
        pid=$!
        sleep "$d"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if [ -d crash.db ]; then
            "$DATELINE" check --db crash.db >check.out ||
                { cat check.out; exit 1; }
            ops_list crash.db >crash.list &&
            ops_pages crash.db >crash.pages &&
            echo "# after kill $k at ${d}s: $(wc -l <crash.list) entries" \
                >>"$TMP/kills.log" &&
            test -z "$(LC_ALL=C comm -23 crash.list ref.list)" &&
            test -z "$(LC_ALL=C comm -23 crash.pages ref.pages)"
        fi
    '
done
# How far each killed run had got (committed entries), for the log.
cat "$TMP/kills.log" 2>/dev/null
test_expect_success 'a last run completes the work exactly' '
    "$DATELINE" index --db crash.db --json "$A" >last.json 2>/dev/null &&
    ops_list crash.db >crash.list &&
    test_expect_equal_file crash.list ref.list &&
    test_expect_equal "$(ops_field updated last.json)" 0 &&
    test_expect_equal "$(ops_field deleted last.json)" 0 &&
    test "$(($(ops_field added last.json) + $(ops_field unchanged last.json)))" \
        -eq "$(wc -l <ref.list)" &&
    "$DATELINE" check --db crash.db >/dev/null
'
test_done
