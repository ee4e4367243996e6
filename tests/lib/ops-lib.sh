# Dateline tests: helpers for the nightly-indexing tests (t0520-t0559).
#
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Source after test-lib.sh.  Reading a --json run report needs no JSON
# tool: the report prints one "key": value per line (src/report.c).

: "${GEN_ARCHIVE:=$top_srcdir/tools/gen-archive}"

# ops_field KEY FILE: the number after "KEY": in a --json report.
ops_field()
{
    sed -n "s/^  \"$1\": \\([0-9][0-9.]*\\),\$/\\1/p" "$2"
}

# ops_counts FILE: "added updated unchanged deleted" of a --json report.
ops_counts()
{
    echo "$(ops_field added "$1") $(ops_field updated "$1")" \
         "$(ops_field unchanged "$1") $(ops_field deleted "$1")"
}

# ops_list DB: every entry (source, time, id, content hash), sorted.
ops_list()
{
    "$DATELINE" stats --db "$1" --list | LC_ALL=C sort
}

# ops_entries DB: the number of entries in the index.
ops_entries()
{
    "$DATELINE" stats --db "$1" --json |
        sed -n 's/.*"name": "total", "entries": \([0-9]*\),.*/\1/p'
}

# ops_pages DB: "source<TAB>entries" per page, sorted.
ops_pages()
{
    ops_list "$1" | cut -f1 | uniq -c | awk '{ print $2 "\t" $1 }'
}

# ops_gen DIR ENTRIES SEED: a generated archive in DIR/pages (skips the
# whole script when python3 is missing).
ops_gen()
{
    command -v python3 >/dev/null 2>&1 ||
        test_skip_all "python3 is needed by tools/gen-archive"
    python3 "$GEN_ARCHIVE" --entries "$2" --seed "$3" --days 3 \
        --start 2025-11-10 --force --out "$1" >/dev/null
}

# ops_wait_for FILE PATTERN [TENTHS]: wait until FILE holds PATTERN.
ops_wait_for()
{
    i=0
    while ! grep -q "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -gt "${3:-100}" ] && return 1
        sleep 0.1
    done
    return 0
}
