/* Dateline: the blend's candidates from one pass over the posting lists,
 * for a reader of local databases whose caches are ready.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Why.  Xapian 1.4's matcher reads each candidate's length from the
 * postlist table in between reads of the word's own postings, and that
 * read is most of a common word's cost: on the generated 300,000-entry
 * archive a bare loop over the 56,537 postings of "year" takes 0.9 ms
 * (wdf only) and 4.5 ms once it asks for each length, about what the
 * matcher's top 10 takes.  The blend also needs M (the best relevance of
 * any match) before it can prune, so shim-rank.cc runs the matcher twice.
 * Here one pass over the postings of the query's words, with each length
 * from the reader's length cache (dtl_index.lens), scores every match by
 * BM25, finds M, and picks the blend's first hits.
 *
 * Exactness.  This pass only chooses candidates; Xapian scores them
 * (dtl_shim_rank(), shim-rank.cc).  The scores here follow Xapian's
 * BM25Weight: for each group (a word, or the words of one OP_SYNONYM),
 *   tw * wdf / (k1 * (len / avlen * b + 1 - b) + wdf)
 * summed over the groups an entry holds, with wdf the group's summed wdf
 * (at most the entry's length) and tw, the group's term weight, taken from
 * Xapian: the group alone is searched on one entry that holds it and tw
 * is that weight over the formula's fraction (so idf, the synonym's
 * estimated frequency and k3 are Xapian's own).  They agree with
 * Xapian's to rounding.  The candidates are every entry whose blend score
 * is within a margin of 1e-7 (relative) of the K-th best or whose
 * relevance is within it of M; an entry outside them is below the K-th
 * best by far more than any rounding, so the first K of the candidates,
 * ranked on Xapian's scores, are the first K of all matches.  The caller
 * checks each candidate's score here against Xapian's and, if one differs
 * by more than 1e-9, runs its own fetches instead: the hits, scores and
 * order are exactly those of dtl_shim_rank()'s fetches either way.
 *
 * Shapes handled: a word, one OP_SYNONYM of words, or an OP_OR or OP_AND
 * of these (the any-word and every-word queries).  Anything else
 * (phrases, negations, filters, dates, languages, fields) is the
 * matcher's.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include <xapian.h>

#include "banned.h"

namespace {

/* Candidates past this many beyond the K wanted (many entries tied at the
 * K-th score): the matcher's fetches are left to do it. */
const size_t extra_max = 1024;
/* Postings read at most (the pass keeps 16 bytes a match: 32 MB at
 * most, and about 50 ms): past it the matcher's fetches, which keep only
 * the hits, are left to do it, under the search's time limit. */
const size_t postings_max = (size_t)2 << 20;
/* Posting lists read at most in one part: each step of the pass looks
 * at every list, where the matcher's OR prunes the weak words of a long
 * query once the first hits are in (and obeys the search's time limit). */
const size_t lists_max = 24;
/* Relative margin of the candidates; the caller's check is 1e-9. */
const double margin_rel = 1e-7;

/* The docids of a sorted list, with no weight: a filter.  Over a set of
 * databases Xapian hands each its own copy (clone()) and init() names the
 * part; the list of that part's own docids is picked by its UUID.  One
 * part with an empty UUID stands for a single database. */
class Docids : public Xapian::PostingSource {
  public:
    typedef std::vector<std::pair<std::string, std::vector<Xapian::docid>>>
        parts_t;

  private:
    std::shared_ptr<const parts_t> parts;
    const std::vector<Xapian::docid> *ids = nullptr;
    size_t at = 0;
    bool started = false;

  public:
    explicit Docids(std::shared_ptr<const parts_t> p) : parts(std::move(p))
    {
    }

    void init(const Xapian::Database &db) override
    {
        static const std::vector<Xapian::docid> none;

        ids = &none;
        if (parts->size() == 1 && (*parts)[0].first.empty()) {
            ids = &(*parts)[0].second;
        } else {
            std::string uuid = db.get_uuid();
            for (const auto &p : *parts)
                if (p.first == uuid)
                    ids = &p.second;
        }
        at = 0;
        started = false;
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override
    {
        return ids ? (Xapian::doccount)ids->size() : 0;
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return get_termfreq_est();
    }
    void next(double) override
    {
        if (started)
            at++;
        started = true;
    }
    void skip_to(Xapian::docid d, double) override
    {
        started = true;
        if (at < ids->size() && (*ids)[at] < d)
            at = (size_t)(std::lower_bound(ids->begin() + (long)at,
                                           ids->end(), d) -
                          ids->begin());
    }
    bool at_end() const override { return started && at >= ids->size(); }
    Xapian::docid get_docid() const override { return (*ids)[at]; }
    Docids *clone() const override { return new Docids(parts); }
};

bool
leaf_term(const Xapian::Query &q, std::string &t)
{
    if (q.get_type() != Xapian::Query::LEAF_TERM)
        return false;
    Xapian::TermIterator i = q.get_terms_begin();
    if (i == q.get_terms_end())
        return false;
    t = *i;
    return !t.empty();
}

/* A group: a word, or the words of one OP_SYNONYM. */
bool
group_terms(const Xapian::Query &q, std::vector<std::string> &terms)
{
    std::string t;

    if (leaf_term(q, t)) {
        terms.push_back(t);
        return true;
    }
    if (q.get_type() != Xapian::Query::OP_SYNONYM)
        return false;
    for (size_t i = 0; i < q.get_num_subqueries(); i++) {
        if (!leaf_term(q.get_subquery(i), t))
            return false;
        terms.push_back(t);
    }
    return true;
}

/* One posting list being read; at is its current docid, 0 once done. */
struct reader {
    Xapian::PostingIterator it, end;
    unsigned group;
    Xapian::docid at;
};

struct scorer {
    double k1, b, min_normlen, len_factor;

    /* The fraction BM25Weight::get_sumpart() multiplies tw by. */
    double frac(Xapian::termcount wdf, Xapian::termcount len) const
    {
        double normlen = std::max(len * len_factor, min_normlen);
        double w = (double)std::min(wdf, len);
        double denom = k1 * (normlen * b + (1 - b)) + w;
        return w / denom;
    }
};

/* Entries scored by the pass: docid and relevance, in docid order. */
struct scored {
    Xapian::docid d;
    double rel;
};

/* The UUIDs of a set's parts (its own UUID is theirs joined by ':'), or
 * an empty list when they cannot tell the parts apart: a part with no
 * UUID, two copies of one database, or not one per part. */
std::vector<std::string>
part_uuids(const Xapian::Database &db)
{
    std::vector<std::string> v;
    std::string all = db.get_uuid();
    size_t from = 0, n = db.size();

    while (from <= all.size() && v.size() < n) {
        size_t to = all.find(':', from);
        if (to == std::string::npos)
            to = all.size();
        std::string uuid = all.substr(from, to - from);
        if (uuid.empty() || std::find(v.begin(), v.end(), uuid) != v.end())
            return {};
        v.push_back(uuid);
        from = to + 1;
    }
    if (v.size() != n || from != all.size() + 1)
        return {};
    return v;
}

} /* namespace */

bool
dtl_shim_docids(const Xapian::Database &db,
                const std::vector<Xapian::docid> &ids, Xapian::Query &out)
{
    auto parts = std::make_shared<Docids::parts_t>();
    size_t n = db.size();

    if (n == 1) {
        parts->emplace_back(std::string(), ids);
    } else {
        /* Docid d of the set is docid (d - 1) / n + 1 of part
         * (d - 1) % n. */
        std::vector<std::string> uuids = part_uuids(db);
        if (uuids.empty())
            return false;
        for (std::string &u : uuids)
            parts->emplace_back(std::move(u), std::vector<Xapian::docid>());
        for (Xapian::docid d : ids)
            (*parts)[(d - 1) % n].second.push_back((d - 1) / n + 1);
    }
    out = Xapian::Query((new Docids(parts))->release());
    return true;
}

bool
dtl_shim_scan(Xapian::Enquire &enq, const Xapian::Query &q,
              const dtl_index &cache, const dtl_shim_bm25 &bm25,
              Xapian::doccount want, double now, double half_life,
              double beta, dtl_shim_scan_out &out)
{
    const Xapian::Database &db = cache.db;
    const std::vector<uint32_t> &lens = cache.lens;
    const std::vector<double> &times = cache.times;
    const std::vector<double> &upto = cache.times_upto;
    std::vector<Xapian::Query> gq;
    std::vector<std::vector<std::string>> gt;

    /* Whatever the way out, enq's query is q again (the term weights
     * below search other queries on it, and a caller that falls back to
     * the matcher's fetches runs enq as it is). */
    struct restore {
        Xapian::Enquire &e;
        const Xapian::Query &q;
        ~restore() { e.set_query(q); }
    } restore_q{enq, q};

    out.cands.clear();
    out.rel.clear();
    out.matches = 0;
    if (want == 0 || lens.empty())
        return false;
    /* The groups. */
    bool every = q.get_type() == Xapian::Query::OP_AND;
    if (every || q.get_type() == Xapian::Query::OP_OR) {
        for (size_t i = 0; i < q.get_num_subqueries(); i++)
            gq.push_back(q.get_subquery(i));
    } else {
        gq.push_back(q);
    }
    gt.resize(gq.size());
    for (size_t g = 0; g < gq.size(); g++)
        if (!group_terms(gq[g], gt[g]))
            return false;

    double avlen = db.get_avlength();
    if (!(avlen > 0.0))
        return false;
    scorer sc{bm25.k1, bm25.b, bm25.min_normlen, 1.0 / avlen};

    /* The parts read: the database, or each shard of a set on its own
     * (Xapian's iterator over a set looks at every part at each step);
     * docid d of part k of n is docid (d - 1) * n + k + 1 of the set. */
    std::vector<Xapian::Database> parts;
    size_t n = db.size();
    if (n > 1) {
        /* The answering shards, in the set's order, checked by UUID. */
        std::vector<std::string> uuids = part_uuids(db);
        for (const dtl_shard &sh : cache.shards) {
            if (!sh.why.empty())
                continue;
            if (parts.size() >= uuids.size() || sh.db.size() != 1 ||
                sh.db.get_uuid() != uuids[parts.size()])
                break;
            parts.push_back(sh.db);
        }
        if (parts.size() != n)
            parts.clear();
    }
    if (parts.empty())
        parts.push_back(db); /* one database, or a set read as one */
    size_t np = parts.size();
    auto in_set = [&](size_t k, Xapian::docid d) {
        return np == 1 ? d : (Xapian::docid)((d - 1) * np + k + 1);
    };

    std::vector<std::vector<reader>> rdp(np);
    size_t total = 0;
    for (size_t k = 0; k < np; k++)
        for (size_t g = 0; g < gt.size(); g++)
            for (const std::string &t : gt[g]) {
                reader r{parts[k].postlist_begin(t), parts[k].postlist_end(t),
                         (unsigned)g, 0};
                if (r.it == r.end)
                    continue;
                r.at = *r.it;
                total += parts[k].get_termfreq(t);
                rdp[k].push_back(r);
            }
    if (total > postings_max)
        return false;
    for (const std::vector<reader> &rd : rdp)
        if (rd.size() > lists_max)
            return false;

    /* Each group's term weight, from Xapian: the group alone on the entry
     * of its first posting in the first part that has one. */
    std::vector<double> tw(gq.size(), 0.0);
    for (size_t g = 0; g < gq.size(); g++) {
        Xapian::docid d0 = 0;
        size_t k = 0;
        for (; k < np && d0 == 0; k++)
            for (const reader &r : rdp[k])
                if (r.group == g && (d0 == 0 || r.at < d0))
                    d0 = r.at;
        if (d0 == 0)
            continue; /* none of its words is in the index */
        k--;
        Xapian::termcount wdf = 0;
        for (const reader &r : rdp[k])
            if (r.group == g && r.at == d0)
                wdf += r.it.get_wdf();
        d0 = in_set(k, d0);
        if (d0 >= lens.size())
            return false;
        double f = sc.frac(wdf, lens[d0]);
        Xapian::Query one;
        if (!dtl_shim_docids(db, {d0}, one))
            return false;
        enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, gq[g], one));
        Xapian::MSet ms = enq.get_mset(0, 1);
        if (ms.size() != 1 || !(f > 0.0) || !(ms[0].get_weight() > 0.0))
            return false;
        tw[g] = ms[0].get_weight() / f;
    }

    /* The pass, part by part: every match and its relevance.  Every word
     * (AND): the next docid that each group holds, each group's lists
     * skipped to the furthest group's docid in turn. */
    std::vector<scored> all;
    std::vector<Xapian::termcount> wdf(gq.size(), 0);
    std::vector<Xapian::docid> gmin(gq.size());
    double m = 0.0; /* M, the best relevance */
    all.reserve(every ? total / gq.size() : total);
    for (size_t k = 0; k < np; k++) {
        std::vector<reader> &rd = rdp[k];
        Xapian::docid target = 1;
        for (;;) {
            Xapian::docid d = 0;
            if (every) {
                Xapian::docid lo = 0, hi = 0;
                std::fill(gmin.begin(), gmin.end(), 0);
                for (reader &r : rd) {
                    if (r.at && r.at < target) {
                        r.it.skip_to(target);
                        r.at = r.it == r.end ? 0 : *r.it;
                    }
                    if (r.at &&
                        (gmin[r.group] == 0 || r.at < gmin[r.group]))
                        gmin[r.group] = r.at;
                }
                for (size_t g = 0; g < gmin.size(); g++) {
                    lo = g == 0 ? gmin[g] : std::min(lo, gmin[g]);
                    hi = std::max(hi, gmin[g]);
                }
                if (lo == 0)
                    break; /* a group is done (or never had a posting) */
                if (lo != hi) {
                    target = hi;
                    continue;
                }
                d = hi;
                target = d + 1;
            } else {
                for (const reader &r : rd)
                    if (r.at && (d == 0 || r.at < d))
                        d = r.at;
            }
            if (d == 0)
                break;
            for (reader &r : rd)
                if (r.at == d) {
                    wdf[r.group] += r.it.get_wdf();
                    ++r.it;
                    r.at = r.it == r.end ? 0 : *r.it;
                }
            d = in_set(k, d);
            if (d >= lens.size())
                return false; /* not the revision the cache describes */
            Xapian::termcount len = lens[d];
            double rel = 0.0;
            for (size_t g = 0; g < wdf.size(); g++)
                if (wdf[g]) {
                    rel += tw[g] * sc.frac(wdf[g], len);
                    wdf[g] = 0;
                }
            all.push_back(scored{d, rel});
            m = std::max(m, rel);
        }
    }
    out.matches = all.size();
    if (all.empty())
        return true;

    double bm = beta * m;
    double m_floor = m - margin_rel * (m + 1.0);
    /* An entry's bonus is at most its block's bound (times_upto is the
     * newest time at or below the block; without it, the newest time). */
    auto block_bonus = [&](Xapian::docid d) {
        size_t b = d / DTL_SHIM_TIMES_BLOCK;
        double t = upto.empty()          ? cache.times_max
                   : b < upto.size() ? upto[b]
                                     : upto.back();
        /* A second late: an entry's time is read back rounded. */
        return bm * dtl_shim_decay(now, half_life, t + 1.0);
    };
    /* x less the margin: increasing in x, -inf for -inf. */
    auto less_margin = [](double x) {
        return x - margin_rel * (std::fabs(x) + 1.0);
    };

    /* Newest blocks first (of each part), so the K-th best score (K =
     * want) rises early.  An entry is set aside unless it scores below
     * that K-th best so far less the margin (which can only rise, so it
     * stays out of the candidates) or is a candidate for M. */
    std::priority_queue<double, std::vector<double>, std::greater<double>> top;
    std::vector<std::pair<size_t, double>> kept;
    size_t last_block = (size_t)-1;
    double bound = 0.0, cut = -HUGE_VAL;
    for (size_t i = all.size(); i-- > 0;) {
        const scored &s = all[i];
        size_t b = s.d / DTL_SHIM_TIMES_BLOCK;
        if (b != last_block) {
            bound = block_bonus(s.d);
            last_block = b;
        }
        bool for_m = s.rel >= m_floor;
        if (!for_m && s.rel + bound < cut)
            continue;
        int64_t ts = dtl_shim_cached_ts(times, s.d);
        double v = s.rel + (ts == DTL_TS_NONE ? 0.0
                                              : bm * dtl_shim_decay(
                                                         now, half_life,
                                                         (double)ts));
        if (!for_m && v < cut)
            continue;
        kept.emplace_back(i, v);
        if (top.size() < want) {
            top.push(v);
        } else if (v > top.top()) {
            top.pop();
            top.push(v);
        }
        if (top.size() >= want)
            cut = less_margin(top.top());
    }
    /* The candidates: within the margin of the K-th best (-inf with
     * fewer matches) or of M, in docid order. */
    double floor = top.size() >= want ? less_margin(top.top()) : -HUGE_VAL;
    std::vector<scored> picked;
    for (const auto &kv : kept) {
        const scored &s = all[kv.first];
        if (kv.second < floor && s.rel < m_floor)
            continue;
        if (picked.size() >= (size_t)want + extra_max)
            return false;
        picked.push_back(s);
    }
    std::sort(picked.begin(), picked.end(),
              [](const scored &a, const scored &b) { return a.d < b.d; });
    for (const scored &s : picked) {
        out.cands.push_back(s.d);
        out.rel.push_back(s.rel);
    }
    return true;
}
