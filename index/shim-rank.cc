/* Dateline: the blend order (relevance with a recency decay), computed in
 * the client so that it is the same on one index and on any set of
 * shards, remote ones included.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by shim-search.cc for --sort blend.  Relies on Xapian's
 * relevance order, which is the same over any set of sub-databases: the
 * matcher combines the BM25 statistics of every shard (xapian-tcpsrv
 * computes a remote shard's weights with the statistics the client
 * sends), so an entry's BM25 score does not depend on how the archive is
 * split.
 *
 * Why not in the matcher: the stock xapian-tcpsrv cannot run a custom
 * PostingSource, and the built-in ValueWeightPostingSource under
 * OP_SCALE_WEIGHT adds a term linear in the time, not the decay.  Why M is
 * the best actual relevance and not the matcher's bound
 * (MSet::get_max_possible()): the bound depends on per-shard statistics
 * (wdf and length bounds) and so on the split.
 *
 * The order: score = rel + beta * M * decay(age), M = the best relevance
 * of any match (the first hit by relevance), ties newest first, then by
 * relevance order.  Exactness: every entry scores at most rel + B, where
 * B = beta * M * decay(age of the newest entry) <= beta * M (the decay
 * grows with the entry's time; B = beta * M when the caller does not know
 * the newest time).
 * Hits are fetched by relevance (ties newest first, so each hit's time
 * comes with it as its sort key and no document is read; a reader with
 * a time cache fetches by relevance alone and looks the times up, which
 * spares the matcher a sort key for every candidate).  Once K =
 * first + count hits are ranked, s_K (the K-th best score so far) can only
 * rise as more hits are fetched, so an entry whose rel + B is below
 * s_K can never reach the first K: the fetch stops when the last hit
 * fetched is below that bound, and a deeper fetch asks Xapian for all
 * the entries with rel >= s_K - B (Enquire::set_cutoff, which
 * the matcher uses to prune) in one pass.  With a reader's time cache,
 * that pass also leaves out the docids before the first that can still
 * reach s_K: an entry scores at most M + beta * M * decay(its time), so
 * one older than t_min (where that equals s_K) cannot, and the cache
 * knows below which docid every time is older (docids follow time when
 * an archive is indexed night after night; otherwise nothing is
 * skipped).  With per_page, pages are
 * collapsed here, in the blend order (Xapian's own collapsing keeps a
 * page's best entries by relevance); entries that fall below s_K cannot
 * displace one above it, so the bound still holds.  Only documents of
 * the returned hits are read, prefetched in one batch (one round trip
 * per remote shard).
 *
 * A reader of local databases whose caches are ready (times and
 * lengths) first tries one pass over the postings instead of the fetches
 * (shim-scan.cc): for words, synonym groups and their OR or AND, it picks
 * the few candidates that can be among the first hits, Xapian scores
 * them, and each score is checked against the pass's own; any
 * difference (or a query of another shape, a page collapse, a phrase)
 * and the fetches run as below.
 *
 * Pages are collapsed here for the other orders too (relevance: the blend
 * with beta 0; date: Xapian's date order, fetched until enough pages are
 * in), because Xapian 1.4 loses the collapse counts of remote shards.
 * Collapse counts are lower bounds: the entries fetched beyond those kept.
 *
 * Phrases over remote shards (xapian-tcpsrv cannot run the MatchDecider
 * that checks them on the stored text): each fetch's candidates are
 * checked here on their documents, read in one prefetched batch per fetch
 * and remembered by docid, and a candidate that fails is simply no match:
 * M is the first candidate that passed, s_K is taken over those that
 * passed, and the bound on the rest (the last candidate fetched, passed
 * or not) holds as before, so the result is the one the MatchDecider
 * gives.  The documents read are capped (dtl_shim_check.max_read); at the
 * cap the hits are the best of the candidates checked.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

extern "C" {
#include "layout.h"
}

#include "banned.h"

namespace {

/* First fetch: this many hits, or twice the hits wanted. */
const Xapian::doccount first_fetch = 64;
/* Each deeper fetch asks for this many times more. */
const Xapian::doccount growth = 4;
/* Collapse nothing, but have Xapian report each hit's page key. */
const Xapian::doccount collapse_none =
    std::numeric_limits<Xapian::doccount>::max() / 2;

struct cand {
    Xapian::MSetIterator it;
    double rel, score;
    int64_t ts;
    size_t order;           /* position in the relevance order */
    unsigned collapsed = 0;
};

/* The blend order: score, then newest first, then relevance order. */
bool
before(const cand &a, const cand &b)
{
    if (a.score != b.score)
        return a.score > b.score;
    if (a.ts != b.ts) {
        if (a.ts == DTL_TS_NONE || b.ts == DTL_TS_NONE)
            return b.ts == DTL_TS_NONE;
        return a.ts > b.ts;
    }
    return a.order < b.order;
}

/* Rank the hits of ms into kept (blend order, or ms's own for by_date;
 * per_page applied). */
void
rank(const Xapian::MSet &ms, size_t lim, const std::vector<char> *pass,
     const std::vector<double> *times, bool by_date, double now,
     double half_life, double bm, unsigned per_page,
     std::vector<cand> &kept)
{
    std::vector<cand> all;
    size_t i = 0;

    all.reserve(lim);
    for (Xapian::MSetIterator it = ms.begin(); i < lim; ++it, i++) {
        cand c;

        if (pass && !(*pass)[i])
            continue;
        c.it = it;
        c.rel = it.get_weight();
        c.ts = times ? dtl_shim_cached_ts(*times, *it)
                     : dtl_shim_value_ts(it.get_sort_key());
        c.score = c.rel + (c.ts == DTL_TS_NONE
                               ? 0.0
                               : bm * dtl_shim_decay(now, half_life,
                                                     (double)c.ts));
        c.order = i;
        all.push_back(c);
    }
    if (!by_date)
        std::sort(all.begin(), all.end(), before);
    kept.clear();
    if (per_page == 0) {
        kept.swap(all);
        return;
    }
    /* Page key -> (entries seen, index of the page's first kept hit). */
    std::map<std::string, std::pair<unsigned, size_t>> pages;
    for (cand &c : all) {
        auto &pg = pages.emplace(c.it.get_collapse_key(),
                                 std::make_pair(0u, kept.size()))
                       .first->second;
        if (pg.first++ < per_page)
            kept.push_back(c);
        else
            kept[pg.second].collapsed++;
    }
}

} /* namespace */

double
dtl_shim_decay(double now, double half_life, double t)
{
    double age = now - t;

    if (std::isnan(t))
        return 0.0;
    if (!(age > 0.0))
        age = 0.0;
    return std::exp2(-age / half_life);
}

namespace {

/* Check hits 0 .. lim - 1 of ms in the client (ck.test on each one's
 * stored data) into pass, reading the documents not checked before in one
 * prefetched batch (one round trip per remote shard).  lim is ms.size(),
 * or less when ck.max_read documents would be exceeded (ck.capped is then
 * set: the hits beyond lim are not known).  Returns lim. */
size_t
client_check(const Xapian::MSet &ms, dtl_shim_check &ck,
             std::vector<char> &pass)
{
    size_t n = ms.size(), j = 0, lim = 0, unread = 0;

    while (j < n && ck.seen.count(*ms[(Xapian::doccount)j]))
        j++;
    for (lim = j; lim < n; lim++) {
        if (ck.seen.count(*ms[(Xapian::doccount)lim]))
            continue;
        if (ck.read + unread >= ck.max_read) {
            ck.capped = true;
            break;
        }
        unread++;
    }
    if (j < lim)
        ms.fetch(ms.begin() + (Xapian::doccount)j,
                 ms.begin() + (Xapian::doccount)lim);
    pass.assign(lim, 0);
    Xapian::MSetIterator it = ms.begin();
    for (size_t i = 0; i < lim; i++, ++it) {
        auto f = ck.seen.find(*it);

        if (f == ck.seen.end()) {
            f = ck.seen.emplace(*it, (*ck.test)(it.get_document())).first;
            ck.read++;
        }
        pass[i] = f->second;
    }
    return lim;
}

/* The estimate of a client-checked search from its first fetch: exact
 * when the fetch held every candidate and each was checked, else the raw
 * estimate scaled by the share of checked candidates that passed (never
 * below the matches found). */
uint64_t
checked_estimate(const Xapian::MSet &ms, size_t lim,
                 const std::vector<char> &pass, bool all_in)
{
    uint64_t ok = 0;

    for (size_t i = 0; i < lim; i++)
        ok += pass[i] != 0;
    if (all_in && lim == ms.size())
        return ok;
    if (lim == 0)
        return ms.get_matches_estimated();
    double est = (double)ms.get_matches_estimated() * (double)ok / (double)lim;
    return std::max<uint64_t>(ok, (uint64_t)std::llround(est));
}

/* The docids from lo on (no weight): a filter that lets the matcher skip
 * to lo in every posting list.  Only for one database's own docids (a
 * set of databases would hand each of its parts a copy). */
class FromDocid : public Xapian::PostingSource {
    Xapian::docid lo, last = 0, at = 0;

  public:
    explicit FromDocid(Xapian::docid from) : lo(from) {}

    void init(const Xapian::Database &db) override
    {
        last = db.get_lastdocid();
        at = 0;
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override
    {
        return last >= lo ? last - lo + 1 : 0;
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return get_termfreq_est();
    }
    void next(double) override { at = at ? at + 1 : lo; }
    void skip_to(Xapian::docid d, double) override
    {
        if (d > at)
            at = std::max(d, lo);
    }
    bool check(Xapian::docid d, double w) override
    {
        skip_to(d, w);
        return true;
    }
    bool at_end() const override { return at > last; }
    Xapian::docid get_docid() const override { return at; }
    FromDocid *clone() const override { return new FromDocid(lo); }
};

/* The first docid that can still reach the first hits, from the time
 * cache: an entry scores at most M + bm * decay(its time), which is below
 * s_K when its time is before t_min, and every docid below the block
 * where times_upto first reaches t_min has an earlier time (or none,
 * which has no bonus).  gap = s_K - M.  1 (no skipping) when every entry
 * may reach them, or the cache does not know. */
Xapian::docid
first_docid(const dtl_index &cache, double gap, double bm, double now,
            double half_life)
{
    const std::vector<double> &upto = cache.times_upto;

    if (upto.empty() || !(gap > 0.0) || !(bm > 0.0))
        return 1;
    /* decay(t) >= gap / bm  <=>  t >= now + half_life * log2(gap / bm);
     * a second and a relative margin early, so rounding drops nothing. */
    double t_min = now + half_life * std::log2(std::min(1.0, gap / bm));
    t_min -= 1.0 + 1e-9 * std::fabs(t_min);
    if (std::isnan(t_min))
        return 1;
    auto b = std::lower_bound(upto.begin(), upto.end(), t_min);
    if (b == upto.end())
        return (Xapian::docid)(upto.size() * DTL_SHIM_TIMES_BLOCK);
    return std::max<Xapian::docid>(
        1, (Xapian::docid)(b - upto.begin()) * DTL_SHIM_TIMES_BLOCK);
}

/* The blend from dtl_shim_scan()'s candidates, which Xapian scores:
 * false (out untouched) when the scan does not apply, or when a score
 * the scan computed is not Xapian's (then the fetches below run). */
bool
scanned(Xapian::Enquire &enq, const Xapian::Query &whole,
        Xapian::doccount first, Xapian::doccount count, double now,
        double half_life, double beta, const dtl_index &cache,
        std::vector<dtl_shim_pick> &out, uint64_t *estimate)
{
    Xapian::doccount want = first + count;
    dtl_shim_scan_out sc;

    if (!dtl_shim_scan(enq, whole, cache, dtl_shim_bm25_params, want, now,
                       half_life, beta, sc))
        return false;
    *estimate = sc.matches;
    if (sc.cands.empty())
        return true;
    Xapian::doccount n = (Xapian::doccount)sc.cands.size();
    enq.set_sort_by_relevance();
    Xapian::Query only;
    if (!dtl_shim_docids(cache.db, sc.cands, only))
        return false;
    enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, whole, only));
    Xapian::MSet ms = enq.get_mset(0, n);
    enq.set_query(whole);
    if (ms.size() != n)
        return false;
    for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it) {
        auto at = std::lower_bound(sc.cands.begin(), sc.cands.end(), *it);
        if (at == sc.cands.end() || *at != *it)
            return false;
        double mine = sc.rel[(size_t)(at - sc.cands.begin())];
        double w = it.get_weight();
        if (!(std::fabs(mine - w) <= 1e-9 * (std::fabs(w) + 1.0)))
            return false;
    }
    /* M is among the candidates, and so first by relevance. */
    std::vector<cand> kept;
    rank(ms, n, nullptr, &cache.times, false, now, half_life,
         beta * ms[0].get_weight(), 0, kept);
    for (size_t i = first; i < kept.size() && i < want; i++) {
        const cand &c = kept[i];
        ms.fetch(c.it);
        out.push_back(dtl_shim_pick{c.it, c.score, c.rel, c.ts, c.collapsed});
    }
    return true;
}

} /* namespace */

void
dtl_shim_rank(Xapian::Enquire &enq, bool by_date, Xapian::doccount first,
              Xapian::doccount count, unsigned per_page, double now,
              double half_life, double beta, double newest,
              Xapian::doccount check_at_least,
              std::vector<dtl_shim_pick> &out, uint64_t *estimate,
              const Xapian::MatchDecider *md, dtl_shim_check *ck,
              const dtl_index *cache)
{
    const std::vector<double> *times = cache ? &cache->times : nullptr;
    std::unique_ptr<FromDocid> from;
    Xapian::Query whole = enq.get_query();
    Xapian::doccount want = first + count;
    Xapian::doccount n = std::max(first_fetch, 2 * want);
    Xapian::doccount upper = 0;
    std::vector<cand> kept;
    std::vector<char> pass;
    Xapian::MSet ms;
    bool cut = false, m_known = false;
    double m = 0.0;

    out.clear();
    if (cache && !by_date && !md && !ck && per_page == 0 && count > 0 &&
        scanned(enq, whole, first, count, now, half_life, beta, *cache, out,
                estimate))
        return;
    if (by_date)
        enq.set_sort_by_value_then_relevance(DTL_SLOT_TIME, true);
    else if (times)
        /* Ties are then in docid order, not newest first; the blend
         * order puts equal scores newest first anyway, and entries
         * equal in score and time are equal in relevance, which both
         * orders then leave in docid order. */
        enq.set_sort_by_relevance();
    else
        enq.set_sort_by_relevance_then_value(DTL_SLOT_TIME, true);
    if (per_page > 0)
        enq.set_collapse_key(DTL_SLOT_PAGE, collapse_none);
    if (count == 0) {
        if (!ck) {
            *estimate = enq.get_mset(0, 0, check_at_least, nullptr, md)
                            .get_matches_estimated();
            return;
        }
        ms = enq.get_mset(0, check_at_least, check_at_least + 1);
        size_t lim = client_check(ms, *ck, pass);
        *estimate = checked_estimate(ms, lim, pass,
                                     ms.size() < check_at_least);
        return;
    }
    for (bool first_pass = true;; first_pass = false) {
        ms = enq.get_mset(0, n, std::max(check_at_least, n + 1), nullptr,
                          md);
        size_t lim = ms.size();
        const std::vector<char> *ok = nullptr;
        if (ck) {
            lim = client_check(ms, *ck, pass);
            ok = &pass;
        }
        if (first_pass) {
            /* Later passes are cut off by weight: their counts are not
             * the query's. */
            *estimate = ck ? checked_estimate(ms, lim, pass, ms.size() < n)
                           : ms.get_matches_estimated();
            upper = ms.get_matches_upper_bound();
        }
        if (ms.empty())
            break;
        /* M: the best relevance of any match, the first that passed,
         * known once a fetch without cutoff or docid filter (which come
         * only after it) has one. */
        for (size_t i = 0; !m_known && i < lim; i++)
            if (!ok || (*ok)[i]) {
                m = ms[(Xapian::doccount)i].get_weight();
                m_known = true;
            }
        double bm = by_date ? 0.0 : beta * m;
        /* The largest bonus any entry can have: the decay only grows
         * with the time, so none gets more than the newest entry. */
        double bonus = std::isnan(newest)
                           ? bm
                           : bm * dtl_shim_decay(now, half_life, newest);
        rank(ms, lim, ok, times, by_date, now, half_life, bm, per_page,
             kept);
        if (lim < ms.size())
            break; /* the check's cap: the hits beyond lim are unknown */
        if (ms.size() < n)
            break; /* every match (above the cutoff) is in */
        if (by_date && kept.size() >= want)
            break; /* the order is the fetch order */
        if (!by_date && kept.size() >= want) {
            /* Only hits that passed count here: one that failed the
             * check simply is not a match. */
            double s_k = kept[want - 1].score;
            double last = ms[ms.size() - 1].get_weight();
            if (last + bonus < s_k)
                break;
            /* A little under the bound, so rounding never drops an
             * entry that belongs.  A floor at or below 0 prunes nothing,
             * and xapian-tcpsrv refuses a negative one ("bad message
             * (weight_cutoff)"). */
            double floor = s_k - bonus;
            floor -= 1e-9 * (std::fabs(floor) + 1.0);
            if (!cut && floor > 0.0) {
                enq.set_cutoff(0, floor);
                cut = true;
                Xapian::docid lo =
                    cache ? first_docid(*cache, s_k - m, bm, now, half_life)
                          : 0;
                if (lo > 1) {
                    from.reset(new FromDocid(lo));
                    enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                                whole,
                                                Xapian::Query(from.get())));
                }
            }
        }
        if (n >= upper)
            break; /* every match is in */
        /* Once the cutoff is set, every entry above it is wanted (the
         * loop would end only when all are in): ask for them in one more
         * pass.  Each pass runs the match again, so the fewer the better
         * (at 300k entries this cut the any-word p99 by a quarter). */
        n = cut || n > upper / growth ? upper + 1 : n * growth;
    }
    enq.set_cutoff(0, 0);
    if (from)
        enq.set_query(whole);
    for (size_t i = first; i < kept.size() && i < want; i++) {
        const cand &c = kept[i];
        ms.fetch(c.it);
        out.push_back(dtl_shim_pick{c.it, c.score, c.rel, c.ts, c.collapsed});
    }
}
