#!/bin/sh
# Dateline tests: what the search box's time_limit does, so that what the
# README and dateline.cgi(8) say about it is checked.  It is Xapian's
# Enquire time limit, which only stops counting matches beyond those the
# matcher must rank (check_at_least); Xapian 1.4 cannot stop a running
# match.  So with a limit far below a search's time on an archive of a
# few thousand entries, every page must show the same results, in the
# same order, as with no limit, say "About N results" (an estimate, never
# an exact count), and carry no note that part of the archive was not
# searched; JSON must say "incomplete": false.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/cgi-test-lib.sh"

command -v python3 >/dev/null 2>&1 ||
    test_skip_all "no python3 for tools/gen-archive"
trap 'rm -rf "$TMP"' EXIT

python3 "$top_srcdir/tools/gen-archive" --entries 2000 --days 30 \
    --start 2025-11-01 --seed 11 --out "$TMP/arc" >/dev/null 2>&1 &&
"$DATELINE" index --quiet --db "$TMP/db" "$TMP/arc/pages" >/dev/null 2>&1 ||
    test_skip_all "cannot generate and index the archive"

# conf LIMIT: the configuration with that time_limit.
conf()
{
    printf "index = %s\ntheme = %s\ntime_limit = %s\n" "$TMP/db" \
        "$top_srcdir/share/dateline" "$1" >"$TMP/cgi.conf"
    DATELINE_CGI_CONFIG="$TMP/cgi.conf"
    export DATELINE_CGI_CONFIG
}

# Words of most generated entries: each query matches hundreds, more
# than the matcher must rank, so counting them is what the limit cuts.
W1=said W2=from W3=that
n=0
for q in "$W1" "$W1+$W2" "$W1+OR+$W2+OR+$W3" "$W2+-$W1"; do
    for sort in best newest relevance; do
        n=$((n + 1))
        test_expect_success "time_limit = 0.000001: $q, sort=$sort as without" "
            conf 0 &&
            cgi_run GET 'q=$q&sort=$sort&n=20' && cgi_status 200 &&
            grep -o '<h3>.*</h3>' body >none.$n &&
            test \$(grep -c . none.$n) -ge 10 &&
            conf 0.000001 &&
            cgi_run GET 'q=$q&sort=$sort&n=20' && cgi_status 200 &&
            grep -o '<h3>.*</h3>' body >tiny.$n &&
            test_expect_equal \"\$(cat tiny.$n)\" \"\$(cat none.$n)\" &&
            grep -q 'About [0-9,]* result' body &&
            ! grep -q 'not searched' body &&
            cgi_run GET 'q=$q&sort=$sort&n=20&format=json' &&
            grep -q '\"incomplete\":false' body
        "
    done
done
test_expect_success 'a bad time_limit is a configuration mistake' '
    conf 601 && cgi_run GET "q=$W1" && cgi_status 500 &&
    grep -q "time_limit: expected seconds from 0 to 600" stderr
'
test_done
