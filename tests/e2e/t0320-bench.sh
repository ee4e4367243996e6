#!/bin/sh
# Dateline tests: tools/bench runs end to end at a tiny scale, with the
# peers that are installed, and writes a well-formed Markdown table and
# JSON whose figures agree with the archive it generated.
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
. "$top_srcdir/tests/lib/test-lib.sh"

[ -x /usr/bin/time ] || test_skip_all "no /usr/bin/time (package time)"
command -v python3 >/dev/null 2>&1 || test_skip_all "no python3"
command -v xapian-config >/dev/null 2>&1 ||
    test_skip_all "no xapian-config (package libxapian-dev)"
[ -f "$top_builddir/.libs/libdateline.so" ] ||
    test_skip_all "no shared libdateline (bench-query links to it)"

BENCH="$top_srcdir/tools/bench"
W="$TMP/work"

test_expect_success 'an unknown peer is refused by name' '
    test_expect_code 1 "$BENCH" --peers termgen,nosuch 2>err &&
    grep -q "unknown peer .nosuch." err
'
test_expect_success 'a tiny run finishes' '
    "$BENCH" --build "$top_builddir" --no-build --dateline "$DATELINE" \
        --entries 200 --days 5 --runs 1 --queries 40 --driver-flags -O0 \
        --cache "$TMP/cache" --work "$W" >out 2>err ||
        { cat err >&2; false; }
'
# A peer has its column exactly when it was not skipped, and a skipped
# one says which packages bring it.
for peer in scriptindex:scriptindex fts5:"SQLite FTS5" lucene:Lucene; do
    label=${peer#*:}
    peer=${peer%%:*}
    test_expect_success "$peer: measured, or skipped with a message" "
        if grep -q 'skipping $peer: ' err; then
            grep 'skipping $peer: ' err | grep -q 'install-deps --bench' &&
            ! grep -q '| $label | ratio |' out
        else
            grep -q '| $label | ratio |' out
        fi
    "
done
test_expect_success 'the table has one column per measured system' '
    grep -q "^| figure | Dateline |" out &&
    cols=$(grep -c "^| figure" out) && test "$cols" -eq 1 &&
    n=$(grep "^| figure" out | tr -cd "|" | wc -c) &&
    grep "^|" out | while read -r line; do
        test "$(printf "%s" "$line" | tr -cd "|" | wc -c)" -eq "$n" ||
            { echo "bad row: $line" >&2; exit 1; }
    done &&
    grep -q "^| index: wall time (s) | [0-9.]* |" out &&
    grep -q "^| all words, blended: p50 (ms) | [0-9.]* |" out &&
    grep -q "^| any word, relevance only: p99 (ms) | [0-9.]* |" out &&
    grep -q "TermGenerator | ratio |" out
'
test_expect_success 'the JSON holds the same figures, with ratios' '
    python3 - "$W/bench.json" "$W/table.md" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
md = open(sys.argv[2]).read()
a = d["archive"]
s = d["systems"]
assert s["dl"]["figures"]["entries"]["median"] == a["entries"], a
assert s["tg"]["figures"]["entries"]["median"] == a["entries"]
for name in ("dl", "tg", "fts5", "lucene"):
    if name not in s:
        continue
    f = s[name]["figures"]
    assert f["index.wall"]["median"] > 0 and f["index.size"]["median"] > 0
    assert f["q.all.relevance.p50"]["median"] > 0
    assert f["q.any.relevance.qps"]["median"] > 0
    # every engine finds the generated headlines words: the top 10s are
    # nearly full for any-word queries
    assert f["q.any.relevance.results"]["median"] > 40 * 5, (name, f)
    assert s[name]["label"] + " | ratio |" in md or name == "dl"
assert s["dl"]["figures"]["q.all.blend.p99"]["median"] > 0
# the Xapian peers are also measured compacted (the size target of issue 5)
tgf = s["tg"]["figures"]
assert 0 < tgf["index.csize"]["median"] <= tgf["index.size"]["median"], tgf
assert "index: size compacted (MB)" in md
for row in d["table"]:
    assert row["figure"] in md, row["figure"]
    for peer, r in row["ratio_dateline_over_peer"].items():
        v, p = row["dateline"], row["peers"][peer]
        if r is not None:
            assert abs(r - v["median"] / p["median"]) < 1e-9
assert s["dl"]["figures"]["extract.mbs"]["median"] > 0
assert "extraction: MB of HTML per CPU second" in md
assert d["machine"]["nproc"] >= 1 and d["runs"] == 1
assert len(d["machine"]["loadavg_before"].split()) == 3
PY
'
test_expect_success 'the peers get the entries gen-archive wrote as truth' '
    python3 - "$W/bench.json" <<PY
import calendar, json, sys, time
arch = json.load(open(sys.argv[1]))["archive"]["path"]
fed = {}
for line in open(arch + "/entries/entries.tsv", encoding="utf-8"):
    ident, ts, head, text = line.rstrip("\n").split("\t")
    fed[ident.split("/", 1)[1]] = (int(ts), head, text)
n = 0
for line in open(arch + "/entries.jsonl", encoding="utf-8"):
    o = json.loads(line)
    key = "%s#%d" % (o["page"], o["entry"])
    ts = calendar.timegm(time.strptime(o["ts"], "%Y-%m-%dT%H:%M:%SZ"))
    want = (ts, " ".join(o["headline"].split()), " ".join(o["text"].split()))
    assert fed[key] == want, (key, fed[key][:2], want[:2])
    n += 1
# and one lead (entry 0) per page besides
assert n > 0 and len(fed) == n + sum(1 for k in fed if k.endswith("#0"))
PY
'
test_done
