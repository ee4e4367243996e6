#!/bin/sh
# Dateline tests: one generated archive split into three shards, each
# served by its own xapian-tcpsrv on loopback, searches the same as one
# database holding every entry (same entries, same order, same scores to
# rounding) for the blend, relevance and date orders; a stub file mixing
# remote and local shards; a killed server fails the search naming the
# shard, or with --partial leaves it out with a note; a server that never
# answers is given up after --timeout.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

remote_archive_setup

test_expect_success 'generate an archive and index it whole and as 3 shards' '
    remote_archive &&
    test "$(wc -l <files0)" -gt 3
'

if ! remote_shards; then
    test_skip_rest "could not start three xapian-tcpsrv servers"
    PORTS="0 0 0"
fi
set -- $PORTS
P0=$1 P1=$2 P2=$3
pids=$PIDS

# The hits of a search (remote-lib.sh).
hits()
{
    remote_hits "$@"
}

# Query words from the generated headlines: frequent words of five
# letters or more that every shard holds (names belong to one story).
cands=$(cut -f4 "$TMP/arc/truth.tsv" 2>/dev/null | tr "A-Z " "a-z\n" |
    grep -E "^[a-z]{5,}$" | sort | uniq -c | sort -rn | awk "NR <= 60 { print \$2 }")
words=
for w in $cands; do
    for k in 0 1 2; do
        "$DATELINE" search --db "$TMP/s$k.db" --limit 1 "$w" >/dev/null 2>&1 ||
            continue 2
    done
    words="$words $w"
    [ "$(echo $words | wc -w)" -ge 3 ] && break
done
set -- $words
W1=${1:-none} W2=${2:-none} W3=${3:-none}

same()
{
    hits --db "$ALL" "$@" >one &&
    hits $REMOTE "$@" >three &&
    test -s one && test_expect_equal "$(cat three)" "$(cat one)"
}

for sort in blend relevance date; do
    for q in "$W1" "$W1 $W2" "$W2 OR $W3" "$W1 -$W2"; do
        test_expect_success "3 remote shards = one index: --sort $sort $q" "
            same --sort $sort $q
        "
    done
    test_expect_success "3 remote shards = one index: --sort $sort, per page" "
        same --sort $sort --per-page 1 $W1 &&
        same --sort $sort --per-page 2 --offset 3 $W1 OR $W2
    "
done

# Title and source clauses (layout 5: the title terms are on one entry of
# each page, the pages are found first through the same combined
# database; the source terms are on every entry).
# Entries of equal time and no weight come in docid order, which differs
# between one index and shards: the sets are compared, then with words
# the order too.
T1=$(sed -n "s/^Title: \([A-Za-z]*\) .*/\1/p" $(head -n 1 "$TMP/files") |
     tr "A-Z" "a-z")
T2=$(sed -n "s/^Title: [A-Za-z]* \([A-Za-z]*\) .*/\1/p" \
     $(head -n 1 "$TMP/files") | tr "A-Z" "a-z")
U1=$(sed -n "s|^URL: https://\([a-z]*\)\..*|\1|p" $(head -n 1 "$TMP/files"))
same_set()
{
    hits --db "$ALL" "$@" | LC_ALL=C sort >one &&
    hits $REMOTE "$@" | LC_ALL=C sort >three &&
    test -s one && test_expect_equal "$(cat three)" "$(cat one)"
}
for q in "title:$T1" "title:live until:2025-11-05" "source:$U1" \
         "title:\"$T1 $T2\"" "title:\"$T2 $T1\"" "$W1 -title:\"$T1 $T2\""; do
    test_expect_success "3 remote shards = one index: $q" "
        same_set --limit 1000 $q
    "
done
for q in "title:$T1 OR $W1" "$W1 -title:$T1" "source:$U1 $W2"; do
    test_expect_success "3 remote shards = one index: $q" "
        same_set --limit 1000 $q &&
        same $q
    "
done

test_expect_success 'the blend is not relevance here (the test can fail)' '
    hits --db "$ALL" --sort relevance "$W1 OR $W2" >rel &&
    hits --db "$ALL" --recency-weight 1 "$W1 OR $W2" >bl &&
    ! cmp -s rel bl &&
    same --recency-weight 1 "$W1 OR $W2"
'
test_expect_success 'paging through remote shards' '
    hits $REMOTE --limit 40 "$W1 OR $W2" | sed -n "6,10p" >want &&
    "$DATELINE" search $REMOTE --now "$NOW" --offset 5 --limit 5 --json \
        "$W1 OR $W2" >page.json &&
    test "$(grep -c "^{\"rank\"" page.json)" -eq 5 &&
    "$DATELINE" search --db "$ALL" --now "$NOW" --offset 5 --limit 5 --json \
        "$W1 OR $W2" >page1.json &&
    strip="s/\"docid\":[0-9]*//; s/\"estimate\":[0-9]*//" &&
    test_expect_equal "$(sed "$strip" page.json)" "$(sed "$strip" page1.json)"
'
test_expect_success 'a stub file naming remote and local shards' '
    printf "# two remote, one local\nremote 127.0.0.1:%s\nauto s1.db\n\nremote 127.0.0.1:%s\n" \
        "$P0" "$P2" >"$TMP/shards.stub" &&
    hits --db "$ALL" "$W1 $W2" >one &&
    hits --db "$TMP/shards.stub" "$W1 $W2" >stub &&
    test_expect_equal "$(cat stub)" "$(cat one)"
'
test_expect_success 'a malformed stub line is an error naming file and line' '
    printf "auto s0.db\nremote 127.0.0.1\n" >"$TMP/bad.stub" &&
    test_expect_code 5 "$DATELINE" search --db "$TMP/bad.stub" "$W1" \
        2>err &&
    grep -q "bad.stub: stub line 2: expected remote HOST:PORT" err
'

# Kill the second server (its process group: the forked children too).
kill_one()
{
    set -- $pids
    remote_stop "$2"
}
kill_one

test_expect_success 'a dead shard fails the search, naming it' '
    test_expect_code 5 "$DATELINE" search $REMOTE "$W1" >out 2>err &&
    grep -q "tcp://127.0.0.1:$P1" err &&
    ! grep -q "^1\\." out
'
test_expect_success '--partial: the other shards answer, with a note' '
    "$DATELINE" search $REMOTE --partial --now "$NOW" "$W1" >out &&
    grep -q "^Note: part of the archive was not searched" out &&
    grep -q "tcp://127.0.0.1:$P1" out &&
    grep -q "^1\\. " out
'
test_expect_success '--partial: exactly the answering shards'"'"' hits' '
    hits $REMOTE --partial "$W1 OR $W2" >part &&
    grep -q "\"missing\":\\[\"tcp://127.0.0.1:$P1: " hits.json &&
    hits --db tcp://127.0.0.1:$P0 --db tcp://127.0.0.1:$P2 "$W1 OR $W2" \
        >two &&
    test -s two && test_expect_equal "$(cat part)" "$(cat two)"
'
test_expect_success 'a stub with the dead shard, --partial' '
    printf "remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n" "$P1" "$P0" \
        >"$TMP/dead.stub" &&
    test_expect_code 5 "$DATELINE" search --db "$TMP/dead.stub" "$W1" \
        2>err &&
    grep -q "shard tcp://127.0.0.1:$P1 did not answer" err &&
    "$DATELINE" search --db "$TMP/dead.stub" --partial "$W1" >out &&
    grep -q "not searched" out
'

# A server that accepts connections and never answers.
test_expect_success 'a shard that never answers is given up after --timeout' '
    python3 -c "
import socket, sys, time
s = socket.socket()
s.bind((\"127.0.0.1\", 0))
s.listen(5)
print(s.getsockname()[1], flush=True)
time.sleep(120)
" >mute.port &
    mute=$!
    n=0
    while [ ! -s mute.port ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
    port=$(cat mute.port)
    t0=$(date +%s)
    "$DATELINE" search --timeout 1 --db tcp://127.0.0.1:$port \
        --db tcp://127.0.0.1:$P0 "$W1" >out 2>err
    rc=$?
    t1=$(date +%s)
    kill $mute 2>/dev/null
    wait $mute 2>/dev/null
    cat err &&
    test "$rc" -eq 5 && test $((t1 - t0)) -lt 20 &&
    grep -q "tcp://127.0.0.1:$port" err
'
test_done
