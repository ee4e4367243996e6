#!/bin/sh
# Dateline tests: the cron and systemd examples in tools/ run as shipped
# (with the paths pointed at a temporary directory), twice, the second
# time changing nothing.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/ops-lib.sh"

mkdir -p "$TMP/bin" "$TMP/log"
ln -s "$DATELINE" "$TMP/bin/dateline"

# The example's command with its paths replaced by the test's.
localise()
{
    sed -e "s|/usr/bin/dateline|$TMP/bin/dateline|" \
        -e "s|/srv/news/index|$TMP/index|g" \
        -e "s|/srv/news/incoming/|$SAMPLE/|g" \
        -e "s|/var/log/dateline|$TMP/log|g" \
        -e "s|/var/lib/dateline|$TMP/log|g"
}

test_expect_success 'the crontab lines are well formed' '
    grep -v "^#" "$top_srcdir/tools/dateline.cron" | grep . >lines &&
    test "$(wc -l <lines)" -eq 2 &&
    ! awk "NF < 6 || \$6 != \"dateline\"" lines | grep .
'
test_expect_success 'the cron run indexes, then finds everything unchanged' '
    cmd=$(grep "^30 " "$top_srcdir/tools/dateline.cron" |
          sed -E "s/^([^ ]+ +){5}//" | localise) &&
    PATH="$TMP/bin:$PATH" sh -c "$cmd" 2>run1.err &&
    test_expect_equal "$(ops_counts "$TMP/log/last-run.json")" "39 0 0 0" &&
    PATH="$TMP/bin:$PATH" sh -c "$cmd" 2>run2.err &&
    test_expect_equal "$(ops_counts "$TMP/log/last-run.json")" "0 0 39 0" &&
    test -f "$TMP/index/XAPIANDB" &&
    grep -q "^indexed 0 pages (0 entries), 8 unchanged" run2.err
'
test_expect_success 'the monthly compaction runs' '
    cmd=$(grep "^15 " "$top_srcdir/tools/dateline.cron" |
          sed -E "s/^([^ ]+ +){5}//" | localise) &&
    PATH="$TMP/bin:$PATH" sh -c "$cmd" >out &&
    grep -q "^compacted" out &&
    test "$(ops_entries "$TMP/index")" -eq 39
'
test_expect_success 'the systemd service runs its ExecStart' '
    rm -rf "$TMP/index" &&
    cmd=$(sed -n "s/^ExecStart=//p" \
          "$top_srcdir/tools/dateline-nightly.service" | localise) &&
    eval "$cmd" 2>/dev/null &&
    test_expect_equal "$(ops_counts "$TMP/log/last-run.json")" "39 0 0 0"
'
test_expect_success 'systemd accepts the units' '
    command -v systemd-analyze >/dev/null 2>&1 || exit 0
    grep -q "^OnCalendar=\*-\*-\* 02:30:00$" \
        "$top_srcdir/tools/dateline-nightly.timer" &&
    systemd-analyze calendar "*-*-* 02:30:00" >/dev/null
'
test_done
