#!/bin/sh
# Dateline tests: the side database.  Xapian's remote backend serves no
# spelling data, so "Did you mean" through a remote shard needs the side
# database that `dateline side` builds from the shards' vocabulary; a
# rebuild follows what the shards hold now.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"
. "$top_srcdir/tests/lib/remote-lib.sh"

remote_available || test_skip_all "no xapian-tcpsrv (Debian package xapian-tools)"
trap 'remote_stop_all; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

DB="$TMP/mini.db"
SIDE="$TMP/side.db"
"$DATELINE" index --quiet --db "$DB" "$top_srcdir/tests/data/mini" ||
    test_skip_all "cannot index the mini archive"
remote_start "$DB" || test_skip_all "could not start xapian-tcpsrv"
R="tcp://127.0.0.1:$REMOTE_PORT"

test_expect_success 'a local index suggests by itself' '
    test_expect_code 1 "$DATELINE" search --db "$DB" flodo >out &&
    grep -q "^Did you mean: flood$" out
'
test_expect_success 'a remote shard alone cannot suggest' '
    test_expect_code 1 "$DATELINE" search --db "$R" flodo >out &&
    ! grep -q "Did you mean" out
'
test_expect_success 'dateline side builds the side database' '
    "$DATELINE" side --db "$R" --side "$SIDE" 2>err &&
    grep -q "side database .*: [1-9][0-9]* words from 1 shard" err
'
test_expect_success 'with --side, the remote shard suggests' '
    test_expect_code 1 "$DATELINE" search --db "$R" --side "$SIDE" flodo \
        >out &&
    grep -q "^Did you mean: flood$" out
'
test_expect_success 'an index is not a side database' '
    test_expect_code 5 "$DATELINE" search --db "$R" --side "$DB" flood \
        2>err &&
    grep -q "not a side database" err
'
test_expect_success "a rebuild takes the shards' new words" '
    mkdir -p more && printf "Title: Gales\n\nGales battered the quayside overnight.\n" \
        >more/gales.txt &&
    "$DATELINE" index --quiet --db "$DB" more/gales.txt &&
    test_expect_code 1 "$DATELINE" search --db "$R" --side "$SIDE" quaysde \
        >out && ! grep -q "Did you mean" out &&
    "$DATELINE" side --db "$R" --side "$SIDE" 2>/dev/null &&
    test_expect_code 1 "$DATELINE" search --db "$R" --side "$SIDE" quaysde \
        >out && grep -q "^Did you mean: quayside$" out
'
test_expect_success 'side needs every shard to answer' '
    test_expect_code 5 "$DATELINE" side --db "$R" --db tcp://127.0.0.1:1 \
        --side "$SIDE" 2>err &&
    grep -q "tcp://127.0.0.1:1" err
'
test_done
