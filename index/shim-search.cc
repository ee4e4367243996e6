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
 * Ranking.  Relevance is Xapian's BM25 (parameters below, in one place).
 * The blend adds a recency boost beta * M * 2^(-age / half_life), age =
 * max(0, now - ts), where M is the largest weight the text query can give
 * (its MSet's get_max_possible()).  The boost is a PostingSource over the
 * time slot joined with OP_AND_MAYBE, so it only adds weight and never
 * changes what matches; its bound is the newest time in the index, which
 * lets the matcher prune.  M comes from get_mset(0, 0) on the text query:
 * Xapian then builds the postlist tree and returns the bound without
 * matching a document (measured: 15-30 us on 300,000 entries).  A query
 * that can give no weight (filters only, or only negations) is ordered
 * newest first whatever the sort.
 *
 * Reading the time slot's value stream costs more than the text match
 * itself on a large index (chunks are decoded linearly), so a long-lived
 * reader keeps the times in an array (struct dtl_index) from its second
 * blend search on, and the boost then costs almost nothing; a one-shot
 * process (the CGI) uses the value stream and never pays for the array.
 */
#include <config.h>
#include "shim.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <optional>
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

namespace {

/* BM25 parameters (Xapian's defaults; tuning changes only these). */
const double bm25_k1 = 1.0;
const double bm25_k2 = 0.0;
const double bm25_k3 = 1.0;
const double bm25_b = 0.5;
const double bm25_min_normlen = 0.5;

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

/* A malformed query tree, thrown out of the converter. */
struct bad_tree {
    const char *msg;
};

Xapian::BM25Weight
bm25()
{
    return Xapian::BM25Weight(bm25_k1, bm25_k2, bm25_k3, bm25_b,
                              bm25_min_normlen);
}

/* 2^(-age / half_life) for an entry at time t; 0 for a damaged value. */
inline double
decay(double now, double half_life, double t)
{
    double age = now - t;

    if (std::isnan(t))
        return 0.0;
    if (!(age > 0.0))
        age = 0.0;
    return std::exp2(-age / half_life);
}

/*
 * The recency boost: scale * decay(entry time) for every entry with a
 * time.  The bound is the boost of the newest time in the index.
 */
class RecencySource : public Xapian::ValuePostingSource {
    double now, half_life, scale;

  public:
    RecencySource(Xapian::valueno slot_, double now_, double half_life_,
                  double scale_)
        : Xapian::ValuePostingSource(slot_), now(now_),
          half_life(half_life_), scale(scale_)
    {
    }

    double
    get_weight() const override
    {
        return scale * decay(now, half_life,
                             Xapian::sortable_unserialise(get_value()));
    }

    void
    init(const Xapian::Database &db_) override
    {
        Xapian::ValuePostingSource::init(db_);
        std::string hi = db_.get_value_upper_bound(get_slot());
        set_maxweight(hi.empty() ? 0.0
                                 : scale * decay(now, half_life,
                                                 Xapian::sortable_unserialise(
                                                     hi)));
    }

    RecencySource *
    clone() const override
    {
        return new RecencySource(get_slot(), now, half_life, scale);
    }

    std::string
    name() const override
    {
        return "dateline.Recency";
    }
};

/*
 * The same boost read from the handle's time cache instead of the value
 * stream: skip_to() is an array step, and docs whose boost cannot reach
 * the matcher's min_wt are skipped outright.
 */
class CachedRecencySource : public Xapian::PostingSource {
    const std::vector<double> &times;
    const double *t;
    Xapian::docid last, did = 0;
    Xapian::doccount count;
    double now, half_life, scale, newest;

    /* Move to the first doc >= from with a time >= t_min. */
    void
    advance(Xapian::docid from, double min_wt)
    {
        double t_min = -HUGE_VAL;

        if (min_wt > scale) {
            did = last + 1;
            return;
        }
        /* weight >= min_wt iff t >= now - half_life * log2(scale/min_wt);
         * a second of slack keeps rounding from skipping a doc. */
        if (min_wt > 0.0)
            t_min = now - half_life * std::log2(scale / min_wt) - 1.0;
        for (did = from; did <= last; did++)
            if (t[did] >= t_min)
                break;
    }

  public:
    CachedRecencySource(const std::vector<double> &times_, Xapian::doccount n,
                        double newest_, double now_, double half_life_,
                        double scale_)
        : times(times_), t(times_.data()),
          last((Xapian::docid)times_.size() - 1),
          count(n), now(now_), half_life(half_life_), scale(scale_),
          newest(newest_)
    {
    }

    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return count; }
    Xapian::doccount get_termfreq_max() const override { return count; }

    void
    init(const Xapian::Database &) override
    {
        did = 0;
        set_maxweight(count ? scale * decay(now, half_life, newest) : 0.0);
    }

    void
    next(double min_wt) override
    {
        advance(did + 1, min_wt);
    }

    void
    skip_to(Xapian::docid d, double min_wt) override
    {
        if (d > did)
            advance(d, min_wt);
    }

    bool
    check(Xapian::docid d, double min_wt) override
    {
        skip_to(d, min_wt);
        return true;
    }

    bool at_end() const override { return did > last; }
    Xapian::docid get_docid() const override { return did; }

    double
    get_weight() const override
    {
        return scale * decay(now, half_life, t[did]);
    }

    CachedRecencySource *
    clone() const override
    {
        return new CachedRecencySource(times, count, newest, now, half_life,
                                       scale);
    }

    std::string
    name() const override
    {
        return "dateline.CachedRecency";
    }
};

/* Is the time cache there (building it on a reader's second search that
 * ranks by time)?  One pass over the time slot's value stream. */
bool
times_cached(dtl_index *ix)
{
    if (ix->times_ready)
        return true;
    if (ix->writable || ++ix->time_searches < 2)
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
    ix->times.swap(t);
    ix->times_max = hi;
    ix->times_count = n;
    ix->times_ready = true;
    return true;
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

  public:
    bool verify = false;

    explicit Builder(bool positions_) : positions(positions_) {}

  private:
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
        } else {
            t.reserve(3 + n->stem_len);
            t.append(DTL_PFX_STEM).append(fp).append(n->stem, n->stem_len);
            /* A word that is its own stem is indexed once, unprefixed
             * by Z (layout 2). */
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
            return term(n, false, ++pos);
        case DTL_QOP_PHRASE:
            if (n->n_kids == 0)
                return Xapian::Query::MatchNothing;
            return phrase(n, neg);
        case DTL_QOP_AND:
        case DTL_QOP_OR: {
            std::vector<Xapian::Query> v = kids(n, 0, depth, neg);
            if (v.empty())
                return Xapian::Query::MatchNothing;
            if (v.size() == 1)
                return v[0];
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

/* Can the tree give a document any weight?  (ALL and negations cannot.) */
bool
has_weight(const struct dtl_qnode *n, unsigned depth)
{
    if (!n || depth > max_depth)
        return false;
    switch (n->op) {
    case DTL_QOP_TERM:
    case DTL_QOP_PHRASE:
        return true;
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

int64_t
value_to_ts(const std::string &v)
{
    return v.empty() ? DTL_TS_NONE
                     : double_to_ts(Xapian::sortable_unserialise(v));
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

/* What one search does, fixed before it runs (and reruns). */
struct plan {
    const struct dtl_qnode *root;
    bool verify;             /* check candidates against the stored text */
    Xapian::Query text;      /* the tree alone (weight source) */
    Xapian::Query query;     /* text with the date filter */
    bool weighted;           /* text can give weight */
    bool empty;              /* nothing can match */
    Xapian::doccount first, count;
};

/* One attempt: run the plan against ix->db and fill hits. */
void
run(dtl_index *ix, const plan &p, const struct dtl_search_opts &o,
    dtl_hits &hits)
{
    std::optional<RecencySource> src;
    std::optional<CachedRecencySource> cached;
    std::optional<CachedTimeKey> key;
    double scale = 0.0;
    Xapian::Enquire enq(ix->db);
    Xapian::Query q = p.query;

    if (!p.weighted || o.sort == DTL_SORT_DATE) {
        /* Newest first, then relevance. */
        if (p.weighted)
            enq.set_weighting_scheme(bm25());
        else
            enq.set_weighting_scheme(Xapian::BoolWeight());
        if (times_cached(ix)) {
            key.emplace(ix->times);
            enq.set_sort_by_key_then_relevance(&*key, true);
        } else {
            enq.set_sort_by_value_then_relevance(DTL_SLOT_TIME, true);
        }
    } else {
        enq.set_weighting_scheme(bm25());
        if (o.sort == DTL_SORT_BLEND && o.recency_weight > 0.0) {
            /* M: the bound alone, no document is matched. */
            enq.set_query(p.text);
            scale = o.recency_weight * enq.get_mset(0, 0).get_max_possible();
            if (scale > 0.0 && times_cached(ix)) {
                cached.emplace(ix->times, ix->times_count, ix->times_max,
                               (double)o.now, o.half_life, scale);
                q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                                  Xapian::Query(&*cached));
            } else if (scale > 0.0) {
                src.emplace(DTL_SLOT_TIME, (double)o.now, o.half_life, scale);
                q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                                  Xapian::Query(&*src));
            }
        }
    }
    if (o.per_page > 0)
        enq.set_collapse_key(DTL_SLOT_PAGE, o.per_page);
    if (o.time_limit > 0.0)
        enq.set_time_limit(o.time_limit);
    enq.set_query(q);

    /* Enough to know whether a next page exists; past the cap, only the
     * estimate is wanted. */
    Xapian::doccount check =
        p.count ? std::max(check_at_least, p.first + p.count + 1)
                : check_at_least;
    std::optional<TextDecider> decider;
    if (p.verify) {
        if (!ix->verify_an && dtl_index_analyser(ix, nullptr, &ix->verify_an,
                                                 nullptr) != DTL_OK)
            throw std::runtime_error("no analyser to check phrases with");
        decider.emplace(ix->verify_an, p.root);
    }
    Xapian::MSet ms = enq.get_mset(p.first, p.count, check, nullptr,
                                   decider ? &*decider : nullptr);
    size_t n = ms.size(), i = 0;

    hits.estimate = ms.get_matches_estimated();
    hits.hits.assign(n, dtl_hit());
    hits.data.assign(n, std::string());
    for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it, i++) {
        Xapian::Document d = it.get_document();
        struct dtl_hit &h = hits.hits[i];

        h.docid = *it;
        if (ix->times_ready && h.docid < ix->times.size())
            h.ts = double_to_ts(ix->times[h.docid]);
        else
            h.ts = value_to_ts(d.get_value(DTL_SLOT_TIME));
        h.score = p.weighted ? it.get_weight() : 0.0;
        h.relevance = h.score;
        /* The boost is recomputed from the time the source used. */
        if ((src || cached) && h.ts != DTL_TS_NONE)
            h.relevance = std::max(0.0, h.score - scale *
                                            decay((double)o.now, o.half_life,
                                                  (double)h.ts));
        h.collapsed = it.get_collapse_count();
        hits.data[i] = d.get_data();
    }
    /* The vectors are final now: take the pointers. */
    for (i = 0; i < n; i++) {
        hits.hits[i].data = hits.data[i].data();
        hits.hits[i].data_len = hits.data[i].size();
    }
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
    return DTL_OK;
}

/* Fill p from the tree, the bounds and the options. */
void
make_plan(const struct dtl_qnode *root, int64_t since, int64_t until,
          const struct dtl_search_opts &o, bool positions, plan &p)
{
    int64_t lo = since, hi = until;
    Xapian::Query range;

    if (o.since != DTL_TS_NONE && (lo == DTL_TS_NONE || o.since > lo))
        lo = o.since;
    if (o.until != DTL_TS_NONE && (hi == DTL_TS_NONE || o.until < hi))
        hi = o.until;
    /* Offset and limit are clamped to DTL_SEARCH_MAX, not refused. */
    p.first = (Xapian::doccount)std::min<size_t>(o.offset, DTL_SEARCH_MAX);
    p.count = (Xapian::doccount)std::min<size_t>(o.limit,
                                                 DTL_SEARCH_MAX - p.first);
    p.empty = (lo != DTL_TS_NONE && hi != DTL_TS_NONE && lo > hi) ||
              (!root && lo == DTL_TS_NONE && hi == DTL_TS_NONE);
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

    /* No tree but a date filter: every entry in the range. */
    Builder b(positions);
    p.root = root;
    p.text = root ? b.build(root, 0) : Xapian::Query::MatchAll;
    p.verify = b.verify;
    p.weighted = root && has_weight(root, 0);
    if (range.empty())
        p.query = p.text;
    else if (!root || root->op == DTL_QOP_ALL)
        p.query = range;
    else
        p.query = Xapian::Query(Xapian::Query::OP_FILTER, p.text, range);
}

} /* namespace */

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

        make_plan(root, since, until, *o, ix->db.has_positions(), p);
        hits = dtl_shim_new<dtl_hits>();
        if (!hits)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX, "out of memory");
        for (int tries = 0; !p.empty; tries++) {
            try {
                run(ix, p, *o, *hits);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                /* A writer's commits overtook this reader: move on to
                 * the latest revision and search again. */
                if (ix->writable || tries >= modified_retries)
                    throw;
                dtl_shim_reopen(ix);
            }
        }
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

void
dtl_hits_free(dtl_hits *h)
{
    dtl_shim_delete(h);
}
