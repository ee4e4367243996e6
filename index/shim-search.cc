/* Dateline: searching the index: query trees to Xapian queries, ranking.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_search() and the dtl_hits accessors of
 * include/dateline/index.h.  Called by src/search.c and the programs; the
 * unit test calls dtl_index_search_tree() with hand-built trees.  Relies
 * on the layout at the top of xapian-shim.cc and on src/query.c for the
 * dtl_query accessors.
 *
 * Ranking.  Relevance is BM25 (Xapian's BM25Weight; parameters below, in
 * one place) over the Z<stem> terms, ties newest first; field clauses
 * select but add no weight, as field copies carry no frequency (see the
 * layout).  The blend, relevance + beta * M * 2^(-age /
 * half_life) with M the best relevance of any match, is computed in the
 * client by shim-rank.cc over a relevance fetch deep enough to be exact,
 * so that it is the same on one index and on shards served by the stock
 * xapian-tcpsrv (which cannot run a custom PostingSource).  Date order is
 * Xapian's value sort.  A query that can give no weight (filters only, or
 * only negations) is ordered newest first whatever the sort.
 *
 * Reading the time slot's value stream costs more than the text match
 * itself on a large index (chunks are decoded linearly), so a long-lived
 * reader of local databases keeps the times in an array (struct
 * dtl_index) from its second date-ordered search on; a one-shot process
 * (the CGI) uses the value stream and never pays for the array.
 *
 * Title clauses (layout 5: their terms are on one entry per page) are
 * turned into their pages' P terms by a first stage,
 * dtl_shim_field_pages() in shim-field.cc, run for each attempt.  Source
 * clauses (site:, url:) stay plain term queries: every entry holds its
 * page's XU terms.
 *
 * Shards (shim-open.cc): before each search a shard that is out fails the
 * search unless partial results are asked for; a NetworkError during the
 * search marks the remote shards that no longer answer as out and the
 * search runs again on the others.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

extern "C" {
#include "dateline/search.h"
#include "layout.h"
#include "status.h"
#include "verify.h"
}

#include "banned.h"

/* BM25 parameters, in one place.  k1 = 1.2 and b = 0.75 are Robertson's
 * and most engines' defaults (Lucene, SQLite FTS5), with no floor under
 * the normalised length, as BM25 is defined; Xapian's own defaults (k1 1,
 * b 0.5, floor 0.5) rank worse on every collection of tools/releval
 * (MAP on CRAN, CISI, MED, all other choices equal: 0.3038, 0.2126,
 * 0.5201 against 0.3123, 0.2221, 0.5317).  k3 = 1 lets a word repeated
 * in a query count for more, but less than twice. */
const dtl_shim_bm25 dtl_shim_bm25_params = {
    1.2, 0.0, 1.0, 0.75, 0.0 /* k1, k2, k3, b, min_normlen */};

namespace {

/* Matches the matcher examines at least, so that the estimate is exact
 * for small result sets (and paging links are right). */
const Xapian::doccount check_at_least = 100;
/* Reopens after DatabaseModifiedError before giving up. */
const int modified_retries = 3;
/* Nesting the converter accepts (the parser allows far less). */
const unsigned max_depth = 64;
/* Xapian's longest term. */
const size_t term_max = 245;
/* Largest docid the time cache covers (8 bytes each). */
const Xapian::docid times_max_docid = 8u << 20;

/* Candidates whose stored text a search over remote shards checks at
 * most (documents read over the network), unless $DATELINE_CHECK_MAX
 * (1 to 1,000,000) says otherwise; past it the hits are the best of
 * those checked and the search says it is incomplete. */
const Xapian::doccount check_max_default = 5000;

/* A malformed query tree, thrown out of the converter. */
struct bad_tree {
    const char *msg;
};

Xapian::doccount
check_max()
{
    const char *e = std::getenv("DATELINE_CHECK_MAX");
    long v = e ? std::strtol(e, nullptr, 10) : 0;

    return v >= 1 && v <= 1000000 ? (Xapian::doccount)v : check_max_default;
}

Xapian::BM25Weight
bm25()
{
    const dtl_shim_bm25 &p = dtl_shim_bm25_params;

    return Xapian::BM25Weight(p.k1, p.k2, p.k3, p.b, p.min_normlen);
}

/* Is the time cache there (building it on a reader's second search that
 * ranks by time)?  One pass over the time slot's value stream. */
bool
times_cached(dtl_index *ix)
{
    if (ix->times_ready)
        return true;
    /* A remote shard's value stream would cross the network, and the
     * sort by key cannot be run by xapian-tcpsrv. */
    if (ix->writable || ix->remote || ++ix->time_searches < 2)
        return false;
    Xapian::docid last = ix->db.get_lastdocid();
    if (last >= times_max_docid)
        return false;

    std::vector<double> t(last + 1, NAN);
    Xapian::doccount n = 0;
    double hi = -HUGE_VAL;

    for (Xapian::ValueIterator it = ix->db.valuestream_begin(DTL_SLOT_TIME);
         it != ix->db.valuestream_end(DTL_SLOT_TIME); ++it) {
        Xapian::docid d = it.get_docid();
        double v = Xapian::sortable_unserialise(*it);

        if (d > last || std::isnan(v))
            continue;
        t[d] = v;
        hi = std::max(hi, v);
        n++;
    }
    /* Docids are one database's own unless shards are combined. */
    std::vector<double> upto;
    if (ix->db.size() == 1) {
        double run = -HUGE_VAL;

        upto.reserve(last / DTL_SHIM_TIMES_BLOCK + 1);
        for (Xapian::docid d = 0; d <= last; d++) {
            if (!std::isnan(t[d]))
                run = std::max(run, t[d]);
            if (d % DTL_SHIM_TIMES_BLOCK == DTL_SHIM_TIMES_BLOCK - 1 ||
                d == last)
                upto.push_back(run);
        }
    }
    /* Lengths: one read of the length lists (at 300,000 entries, about
     * 11 ms). */
    std::vector<uint32_t> lens(last + 1, 0);
    for (Xapian::PostingIterator it = ix->db.postlist_begin("");
         it != ix->db.postlist_end(""); ++it)
        if (*it <= last)
            lens[*it] = it.get_doclength();
    ix->times.swap(t);
    ix->times_upto.swap(upto);
    ix->lens.swap(lens);
    ix->times_max = hi;
    ix->times_count = n;
    ix->times_ready = true;
    return true;
}

/* The latest entry time of a reader of local databases (UTC seconds,
 * -HUGE_VAL when no entry has one), from the time cache or the time
 * slot's upper bound, which Xapian keeps in the database's statistics;
 * NaN (not known) for remote shards, which would each answer it with a
 * round trip, and for a writer. */
double
newest_time(dtl_index *ix)
{
    if (ix->times_ready)
        return ix->times_max;
    if (ix->remote || ix->writable)
        return NAN;
    std::string hi = ix->db.get_value_upper_bound(DTL_SLOT_TIME);
    if (hi.empty())
        return -HUGE_VAL;
    double t = Xapian::sortable_unserialise(hi);
    return std::isnan(t) ? NAN : t;
}

/* Sort keys (newest first) from the time cache, as the time slot would
 * give them, without reading the value stream. */
class CachedTimeKey : public Xapian::KeyMaker {
    const std::vector<double> &t;

  public:
    explicit CachedTimeKey(const std::vector<double> &times) : t(times) {}

    std::string
    operator()(const Xapian::Document &doc) const override
    {
        Xapian::docid d = doc.get_docid();

        if (d >= t.size() || std::isnan(t[d]))
            return std::string();
        return Xapian::sortable_serialise(t[d]);
    }
};

int64_t
double_to_ts(double t)
{
    /* Beyond +-2^62 s is damage, not a date (NaN: no time). */
    if (!(t > -4.6e18 && t < 4.6e18))
        return DTL_TS_NONE;
    return (int64_t)std::llround(t);
}

const char *
field_prefix(enum dtl_qfield f)
{
    switch (f) {
    case DTL_FIELD_ANY:      return "";
    case DTL_FIELD_HEADLINE: return DTL_PFX_HEADLINE;
    case DTL_FIELD_TITLE:    return DTL_PFX_TITLE;
    case DTL_FIELD_SOURCE:   return DTL_PFX_SOURCE;
    }
    throw bad_tree{"unknown field in query"};
}

/* Turns a dtl_qnode tree into a Xapian::Query (see the layout for the
 * term forms).  Query positions number the terms in order.  Without
 * positions in the index, a phrase becomes the AND of its words where it
 * counts for a match and nothing where it is negated, so the Xapian query
 * matches at least what the tree does, and `verify` asks for the exact
 * check on the stored text. */
class Builder {
    Xapian::termpos pos = 0;
    bool positions;
    /* OR nodes that stand for a word and its synonyms (shim-synonyms.cc):
     * each becomes one OP_SYNONYM.  NULL: none. */
    const std::set<const struct dtl_qnode *> *groups;
    /* The index title clauses are resolved against (layout 5: their
     * pages' P terms, shim-field.cc); NULL: kept as they are. */
    dtl_index *pages_ix;
    Xapian::doccount pages_cap = 0;

  public:
    bool verify = false;
    bool pages_capped = false; /* some title clause reached pages_cap */

    Builder(bool positions_, const std::set<const struct dtl_qnode *> *g,
            dtl_index *pix = nullptr)
        : positions(positions_), groups(g), pages_ix(pix)
    {
        if (pix)
            pages_cap = dtl_shim_field_cap();
    }

  private:
    /* A title clause selects the entries of the pages whose carrier it
     * matches (layout 5); any other node's query is q (a source clause
     * among them: its XU terms are on every entry). */
    Xapian::Query
    pages(const struct dtl_qnode *n, const Xapian::Query &q)
    {
        if (!pages_ix || q.empty() || n->field != DTL_FIELD_TITLE)
            return q;
        return dtl_shim_field_pages(pages_ix, q, pages_cap, &pages_capped);
    }

    /* A word of an index in several languages: its stem in each, as
     * one synonym (layout 4): Z<fp><s> and ZL<c>:<fp><s'>, each with the
     * unprefixed word spelt like the stem when that is its own stem. */
    Xapian::Query
    stems(const struct dtl_qnode *n, const char *fp, Xapian::termpos at)
    {
        std::vector<std::string> v;

        auto add = [&](const std::string &pfx, const char *stem, size_t len,
                       bool moves) {
            if (!stem || len == 0)
                return;
            std::string t = pfx + fp + std::string(stem, len);
            if (t.size() <= term_max)
                v.push_back(t);
            if (!moves) {
                t = std::string(fp) + std::string(stem, len);
                if (t.size() <= term_max)
                    v.push_back(t);
            }
        };
        add(DTL_PFX_STEM, n->stem, n->stem_len, n->stem_moves != 0);
        for (size_t i = 0; i < n->n_alts; i++) {
            const struct dtl_qstem *q = &n->alts[i];
            std::string pfx = std::string(DTL_PFX_LSTEM) + q->code +
                              DTL_LSTEM_SEP;
            add(pfx, q->stem, q->stem_len, q->stem_moves != 0);
        }
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        if (v.empty())
            return Xapian::Query::MatchNothing;
        std::vector<Xapian::Query> qs;
        qs.reserve(v.size());
        for (const std::string &t : v)
            qs.emplace_back(t, 1, at);
        if (qs.size() == 1)
            return qs[0];
        return Xapian::Query(Xapian::Query::OP_SYNONYM, qs.begin(),
                             qs.end());
    }

    Xapian::Query
    term(const struct dtl_qnode *n, bool exact, Xapian::termpos at)
    {
        const char *fp = field_prefix(n->field);
        std::string t;

        /* Source words and words without a stem are matched exactly. */
        if (exact || n->exact || n->field == DTL_FIELD_SOURCE || !n->stem ||
            n->stem_len == 0) {
            if (!n->term || n->term_len == 0)
                return Xapian::Query::MatchNothing;
            t.reserve(2 + n->term_len);
            t.append(fp).append(n->term, n->term_len);
        } else if (n->n_alts) {
            return stems(n, fp, at);
        } else {
            t.reserve(3 + n->stem_len);
            t.append(DTL_PFX_STEM).append(fp).append(n->stem, n->stem_len);
            /* A word that is its own stem is indexed once, unprefixed
             * by Z (layout 3). */
            if (!n->stem_moves && t.size() <= term_max)
                return Xapian::Query(
                    Xapian::Query::OP_SYNONYM, Xapian::Query(t, 1, at),
                    Xapian::Query(t.substr(std::strlen(DTL_PFX_STEM)), 1,
                                  at));
        }
        /* Such a term cannot be in the index; "" would match all. */
        if (t.size() > term_max)
            return Xapian::Query::MatchNothing;
        return Xapian::Query(t, 1, at);
    }

    Xapian::Query
    phrase(const struct dtl_qnode *n, bool neg)
    {
        std::vector<Xapian::Query> v;

        v.reserve(n->n_kids);
        for (size_t i = 0; i < n->n_kids; i++) {
            const struct dtl_qnode *k = n->kids[i];

            if (!k || k->op != DTL_QOP_TERM)
                throw bad_tree{"a phrase may hold only words"};
            /* The phrase's field applies to its words. */
            struct dtl_qnode w = *k;
            w.field = n->field;
            v.push_back(term(&w, true, ++pos));
        }
        if (v.size() == 1)
            return v[0];
        if (positions)
            return Xapian::Query(Xapian::Query::OP_PHRASE, v.begin(),
                                 v.end(), (Xapian::termcount)v.size());
        verify = true;
        if (neg)
            return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_AND, v.begin(), v.end());
    }

    std::vector<Xapian::Query>
    kids(const struct dtl_qnode *n, size_t from, unsigned depth, bool neg)
    {
        std::vector<Xapian::Query> v;

        v.reserve(n->n_kids - from);
        for (size_t i = from; i < n->n_kids; i++)
            v.push_back(build(n->kids[i], depth + 1, neg));
        return v;
    }

  public:
    /* neg: n is under an odd number of negations. */
    Xapian::Query
    build(const struct dtl_qnode *n, unsigned depth, bool neg = false)
    {
        if (!n)
            throw bad_tree{"empty node in query tree"};
        if (depth > max_depth)
            throw bad_tree{"query nested too deeply"};
        if (n->op != DTL_QOP_TERM && n->op != DTL_QOP_ALL && n->n_kids &&
            !n->kids)
            throw bad_tree{"query node without its operands"};
        switch (n->op) {
        case DTL_QOP_TERM:
            return pages(n, term(n, false, ++pos));
        case DTL_QOP_PHRASE:
            if (n->n_kids == 0)
                return Xapian::Query::MatchNothing;
            /* A negated phrase without positions is MatchNothing here
             * (the text check decides), and stays so. */
            return pages(n, phrase(n, neg));
        case DTL_QOP_AND:
        case DTL_QOP_OR: {
            std::vector<Xapian::Query> v = kids(n, 0, depth, neg);
            if (v.empty())
                return Xapian::Query::MatchNothing;
            if (v.size() == 1)
                return v[0];
            if (groups && groups->count(n))
                return Xapian::Query(Xapian::Query::OP_SYNONYM, v.begin(),
                                     v.end());
            return Xapian::Query(n->op == DTL_QOP_AND ? Xapian::Query::OP_AND
                                                      : Xapian::Query::OP_OR,
                                 v.begin(), v.end());
        }
        case DTL_QOP_NOT: {
            if (n->n_kids == 0)
                throw bad_tree{"NOT without operands"};
            Xapian::Query pos_q = build(n->kids[0], depth + 1, neg);
            if (n->n_kids == 1)
                return pos_q;
            std::vector<Xapian::Query> v = kids(n, 1, depth, !neg);
            return Xapian::Query(Xapian::Query::OP_AND_NOT, pos_q,
                                 Xapian::Query(Xapian::Query::OP_OR,
                                               v.begin(), v.end()));
        }
        case DTL_QOP_ALL:
            return Xapian::Query::MatchAll;
        }
        throw bad_tree{"unknown operator in query tree"};
    }
};

/* Can the tree give a document any weight?  (ALL, negations and field
 * clauses cannot.) */
bool
has_weight(const struct dtl_qnode *n, unsigned depth)
{
    if (!n || depth > max_depth)
        return false;
    switch (n->op) {
    case DTL_QOP_TERM:
    case DTL_QOP_PHRASE:
        /* Field copies have no frequency (layout): they select only. */
        return n->field == DTL_FIELD_ANY;
    case DTL_QOP_AND:
    case DTL_QOP_OR:
        for (size_t i = 0; i < n->n_kids && n->kids; i++)
            if (has_weight(n->kids[i], depth + 1))
                return true;
        return false;
    case DTL_QOP_NOT:
        return n->n_kids && n->kids && has_weight(n->kids[0], depth + 1);
    case DTL_QOP_ALL:
        return false;
    }
    return false;
}

/* Keeps the candidates whose stored text matches the whole tree (phrases
 * without positions in the index; see src/verify.h). */
class TextDecider : public Xapian::MatchDecider {
    dtl_analyser *a;
    const struct dtl_qnode *root;

  public:
    TextDecider(dtl_analyser *a_, const struct dtl_qnode *root_)
        : a(a_), root(root_)
    {
    }

    bool
    operator()(const Xapian::Document &doc) const override
    {
        std::string d = doc.get_data();

        return dtl_verify_entry(a, root, d.data(), d.size()) != 0;
    }
};

/* What one search does.  The bounds are fixed before it runs; the
 * queries are made again for each attempt, as the first stage of field
 * clauses reads the database (shim-field.cc). */
struct plan {
    const struct dtl_qnode *root;
    std::shared_ptr<dtl_syn_tree> syn; /* root with synonyms, if any */
    bool verify;             /* check candidates against the stored text */
    Xapian::Query text;      /* the tree alone (weight source) */
    Xapian::Query range;     /* the date filter, or empty */
    Xapian::Query query;     /* text with the date filter */
    bool weighted;           /* text can give weight */
    bool empty;              /* nothing can match */
    uint64_t field_capped;   /* pages a field clause kept, if it hit the
                                cap; else 0 */
    Xapian::doccount first, count;
};

/* Read the documents of the chosen hits into hits. */
void
fill(const std::vector<dtl_shim_pick> &picks, dtl_hits &hits)
{
    size_t n = picks.size();

    hits.hits.assign(n, dtl_hit());
    hits.data.assign(n, std::string());
    for (size_t i = 0; i < n; i++) {
        const dtl_shim_pick &pk = picks[i];
        struct dtl_hit &h = hits.hits[i];

        h.docid = *pk.it;
        h.ts = pk.ts;
        h.score = pk.score;
        h.relevance = pk.relevance;
        h.collapsed = pk.collapsed;
        hits.data[i] = pk.it.get_document().get_data();
    }
    /* The vectors are final now: take the pointers. */
    for (size_t i = 0; i < n; i++) {
        hits.hits[i].data = hits.data[i].data();
        hits.hits[i].data_len = hits.data[i].size();
    }
}

/* One attempt: run the plan against ix->db and fill hits. */
void
run(dtl_index *ix, const plan &p, const struct dtl_search_opts &o,
    dtl_hits &hits)
{
    std::optional<CachedTimeKey> key;
    Xapian::Enquire enq(ix->db);
    std::vector<dtl_shim_pick> picks;
    /* Enough to know whether a next page exists; past the cap, only the
     * estimate is wanted. */
    Xapian::doccount check =
        p.count ? std::max(check_at_least, p.first + p.count + 1)
                : check_at_least;

    hits.capped = 0;
    hits.field_capped = p.field_capped;
    std::optional<TextDecider> decider;
    if (p.verify) {
        if (!ix->verify_an && dtl_index_analyser(ix, nullptr, &ix->verify_an,
                                                 nullptr) != DTL_OK)
            throw std::runtime_error("no analyser to check phrases with");
        decider.emplace(ix->verify_an, p.root);
    }
    const Xapian::MatchDecider *md = decider ? &*decider : nullptr;
    /* xapian-tcpsrv cannot run a MatchDecider: over remote shards the
     * candidates are checked here (shim-rank.cc). */
    std::optional<dtl_shim_check> ck;
    if (md && ix->remote) {
        ck.emplace();
        ck->test = md;
        ck->max_read = check_max();
        md = nullptr;
    }
    enq.set_query(p.query);
    if (o.time_limit > 0.0)
        enq.set_time_limit(o.time_limit);
    enq.set_weighting_scheme(bm25());
    if (!p.weighted)
        enq.set_weighting_scheme(Xapian::BoolWeight());
    bool by_date = !p.weighted || o.sort == DTL_SORT_DATE;
    bool blend = !by_date && o.sort == DTL_SORT_BLEND &&
                 o.recency_weight > 0.0;
    /* By relevance alone, a reader with its caches takes the one pass
     * too (dtl_shim_rank() with beta 0 is the relevance order). */
    bool cached = !by_date && times_cached(ix);
    bool scan = cached && !blend && !md && !ck && o.per_page == 0 &&
                p.count > 0;
    if (blend || o.per_page > 0 || ck || scan) {
        dtl_shim_rank(enq, by_date, p.first, p.count, o.per_page,
                      (double)o.now, o.half_life,
                      blend ? o.recency_weight : 0.0,
                      blend ? newest_time(ix) : NAN, check_at_least, picks,
                      &hits.estimate, md, ck ? &*ck : nullptr,
                      cached ? ix : nullptr);
        fill(picks, hits);
        if (ck && ck->capped)
            hits.capped = ck->max_read;
        return;
    }
    if (by_date) {
        /* Newest first, then relevance. */
        if (times_cached(ix)) {
            key.emplace(ix->times);
            enq.set_sort_by_key_then_relevance(&*key, true);
        } else {
            enq.set_sort_by_value_then_relevance(DTL_SLOT_TIME, true);
        }
    } else {
        /* Relevance, ties newest first (not by docid, which depends on
         * how the archive is split into shards). */
        enq.set_sort_by_relevance_then_value(DTL_SLOT_TIME, true);
    }

    /* From the first hit, skipping first: Xapian 1.4.22's MSet::fetch()
     * crashes on an MSet that starts past 0, and the prefetch saves a
     * round trip per hit from a remote shard. */
    Xapian::MSet ms = p.count
                          ? enq.get_mset(0, p.first + p.count, check, nullptr,
                                         md)
                          : enq.get_mset(p.first, 0, check, nullptr, md);
    Xapian::MSetIterator from = ms.begin();

    hits.estimate = ms.get_matches_estimated();
    if (ms.size() <= p.first)
        from = ms.end();
    else
        from += p.first;
    if (from != ms.end())
        ms.fetch(from, ms.end());
    picks.reserve(ms.end() - from);
    for (Xapian::MSetIterator it = from; it != ms.end(); ++it) {
        Xapian::docid d = *it;
        int64_t ts;

        if (ix->times_ready)
            ts = dtl_shim_cached_ts(ix->times, d);
        else
            ts = dtl_shim_value_ts(it.get_document().get_value(
                DTL_SLOT_TIME));
        double w = p.weighted ? it.get_weight() : 0.0;
        picks.push_back(dtl_shim_pick{it, w, w, ts, 0});
    }
    fill(picks, hits);
}

dtl_status
check_opts(const struct dtl_search_opts &o, struct dtl_error *err)
{
    if (o.sort != DTL_SORT_BLEND && o.sort != DTL_SORT_RELEVANCE &&
        o.sort != DTL_SORT_DATE)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "unknown sort order %d", (int)o.sort);
    if (!(o.half_life > 0.0) || !std::isfinite(o.half_life))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "the half-life must be a positive number of "
                             "seconds");
    if (!(o.recency_weight >= 0.0) || !std::isfinite(o.recency_weight))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "the recency weight must be a number >= 0");
    if (!(o.time_limit >= 0.0) || !std::isfinite(o.time_limit))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "the time limit must be a number of seconds "
                             ">= 0");
    if (o.lang && !dtl_lang_code(o.lang, std::strlen(o.lang)))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "unknown language \"%.40s\": use a "
                             "libstemmer name or its ISO code (fr, de)",
                             o.lang);
    return DTL_OK;
}

/* Fill p's bounds and date filter from the query's and the options'. */
void
make_bounds(const struct dtl_qnode *root, int64_t since, int64_t until,
            const struct dtl_search_opts &o, plan &p)
{
    int64_t lo = since, hi = until;
    Xapian::Query &range = p.range;

    if (o.since != DTL_TS_NONE && (lo == DTL_TS_NONE || o.since > lo))
        lo = o.since;
    if (o.until != DTL_TS_NONE && (hi == DTL_TS_NONE || o.until < hi))
        hi = o.until;
    /* Offset and limit are clamped to DTL_SEARCH_MAX, not refused. */
    p.first = (Xapian::doccount)std::min<size_t>(o.offset, DTL_SEARCH_MAX);
    p.count = (Xapian::doccount)std::min<size_t>(o.limit,
                                                 DTL_SEARCH_MAX - p.first);
    /* No words and no filter: nothing.  A filter alone (dates, a
     * language) lists every entry it lets through. */
    p.empty = (lo != DTL_TS_NONE && hi != DTL_TS_NONE && lo > hi) ||
              (!root && lo == DTL_TS_NONE && hi == DTL_TS_NONE && !o.lang);
    if (p.empty)
        return;
    if (lo != DTL_TS_NONE && hi != DTL_TS_NONE)
        range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, DTL_SLOT_TIME,
                              Xapian::sortable_serialise((double)lo),
                              Xapian::sortable_serialise((double)hi));
    else if (lo != DTL_TS_NONE)
        range = Xapian::Query(Xapian::Query::OP_VALUE_GE, DTL_SLOT_TIME,
                              Xapian::sortable_serialise((double)lo));
    else if (hi != DTL_TS_NONE)
        range = Xapian::Query(Xapian::Query::OP_VALUE_LE, DTL_SLOT_TIME,
                              Xapian::sortable_serialise((double)hi));
}

/* Fill p's queries from the tree and the options (after make_bounds()),
 * running the first stage of its field clauses on ix->db. */
void
make_queries(dtl_index *ix, const struct dtl_qnode *root,
             const struct dtl_search_opts &o, bool positions, plan &p)
{
    const Xapian::Query &range = p.range;

    /* Words with synonyms become synonym groups, in a copy of the tree
     * that the text check (TextDecider) evaluates too. */
    if (root && ix) {
        p.syn = dtl_shim_expand_synonyms(ix, root);
        if (p.syn)
            root = p.syn->root;
    }
    Builder b(positions, p.syn ? &p.syn->groups : nullptr, ix);
    p.root = root;
    p.text = root ? b.build(root, 0) : Xapian::Query::MatchAll;
    p.verify = b.verify;
    p.field_capped = b.pages_capped ? dtl_shim_field_cap() : 0;
    p.weighted = root && has_weight(root, 0);
    /* No tree but a filter: every entry it lets through. */
    if (range.empty())
        p.query = p.text;
    else if (!root || root->op == DTL_QOP_ALL)
        p.query = range;
    else
        p.query = Xapian::Query(Xapian::Query::OP_FILTER, p.text, range);
    /* Only entries in one language: its boolean term (layout 4). */
    if (o.lang)
        p.query = Xapian::Query(
            Xapian::Query::OP_FILTER, p.query,
            Xapian::Query(std::string(DTL_PFX_LANG) +
                          dtl_lang_code(o.lang, std::strlen(o.lang))));
}

} /* namespace */

int64_t
dtl_shim_cached_ts(const std::vector<double> &times, Xapian::docid d)
{
    return d < times.size() ? double_to_ts(times[d]) : DTL_TS_NONE;
}

int64_t
dtl_shim_value_ts(const std::string &v)
{
    return v.empty() ? DTL_TS_NONE
                     : double_to_ts(Xapian::sortable_unserialise(v));
}

/* ---- public ----------------------------------------------------------- */

void
dtl_search_opts_init(struct dtl_search_opts *o)
{
    if (!o)
        return;
    o->sort = DTL_SORT_BLEND;
    o->now = (int64_t)time(NULL);
    o->half_life = DTL_DEFAULT_HALF_LIFE;
    o->recency_weight = DTL_DEFAULT_RECENCY_WEIGHT;
    o->since = DTL_TS_NONE;
    o->until = DTL_TS_NONE;
    o->offset = 0;
    o->limit = 10;
    o->per_page = 0;
    o->time_limit = 0.0;
    o->no_snippet = 0;
    o->partial = 0;
    o->lang = nullptr;
}

dtl_status
dtl_index_search_tree(dtl_index *ix, const struct dtl_qnode *root,
                      int64_t since, int64_t until,
                      const struct dtl_search_opts *o, dtl_hits **out,
                      struct dtl_error *err)
{
    struct dtl_search_opts defaults;
    dtl_hits *hits = nullptr;
    dtl_status st;

    if (out)
        *out = nullptr;
    if (!ix || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_search: no index or result");
    if (!o) {
        dtl_search_opts_init(&defaults);
        o = &defaults;
    }
    st = check_opts(*o, err);
    if (st != DTL_OK)
        return st;
    try {
        plan p;

        make_bounds(root, since, until, *o, p);
        hits = dtl_shim_new<dtl_hits>();
        if (!hits)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        for (int tries = 0; !p.empty; tries++) {
            st = dtl_shim_shards_check(ix, o->partial != 0, *hits, err);
            if (st != DTL_OK) {
                dtl_shim_delete(hits);
                return st;
            }
            try {
                make_queries(ix, root, *o, ix->db.has_positions(), p);
                run(ix, p, *o, *hits);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                /* A writer's commits overtook this reader: move on to
                 * the latest revision and search again. */
                if (ix->writable || tries >= modified_retries)
                    throw;
                dtl_shim_reopen(ix);
            } catch (const Xapian::NetworkError &) {
                /* A remote shard stopped answering: mark it out and
                 * search again (the check above then fails unless
                 * partial results are wanted, naming the shard). */
                if (tries >= (int)ix->shards.size() ||
                    !dtl_shim_shards_drop_dead(ix))
                    throw;
                if (ix->db.size() == 0) {
                    /* None is left: name the first that failed. */
                    st = dtl_shim_shards_check(ix, false, *hits, err);
                    dtl_shim_delete(hits);
                    return st;
                }
            }
        }
        /* The tree with synonyms, for snippets (dtl_hits_tree()); set
         * once the queries are made, as a retry makes them again. */
        hits->syn = p.syn;
        hits->tree = p.empty ? root : p.root;
        *out = hits;
        return DTL_OK;
    } catch (const bad_tree &b) {
        dtl_shim_delete(hits);
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX, "%s", b.msg);
    } catch (...) {
        st = dtl_shim_fail(err, ix->path.c_str(), false);
        dtl_shim_delete(hits);
        return st;
    }
}

dtl_status
dtl_index_search(dtl_index *ix, const dtl_query *q,
                 const struct dtl_search_opts *o, dtl_hits **out,
                 struct dtl_error *err)
{
    if (out)
        *out = nullptr;
    if (!q)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_search: no query");
    return dtl_index_search_tree(ix, dtl_query_root(q), dtl_query_since(q),
                                 dtl_query_until(q), o, out, err);
}

size_t
dtl_hits_count(const dtl_hits *h)
{
    return h ? h->hits.size() : 0;
}

const struct dtl_hit *
dtl_hits_get(const dtl_hits *h, size_t i)
{
    return h && i < h->hits.size() ? &h->hits[i] : nullptr;
}

uint64_t
dtl_hits_estimate(const dtl_hits *h)
{
    return h ? h->estimate : 0;
}

const struct dtl_qnode *
dtl_hits_tree(const dtl_hits *h)
{
    return h ? h->tree : nullptr;
}

uint64_t
dtl_hits_capped(const dtl_hits *h)
{
    return h ? h->capped : 0;
}

uint64_t
dtl_hits_field_capped(const dtl_hits *h)
{
    return h ? h->field_capped : 0;
}

void
dtl_hits_free(dtl_hits *h)
{
    dtl_shim_delete(h);
}
