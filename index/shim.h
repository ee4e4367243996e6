/* Dateline: private declarations shared by the two files of the Xapian shim.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * index/xapian-shim.cc (open, close, documents, writing) and
 * index/shim-search.cc (queries, ranking, hits) share the handle structs
 * and the exception-to-status mapping declared here.  The C section is
 * also read by tests/unit/t-index.c, which searches with hand-built query
 * trees; the C++ section (guarded by __cplusplus) is for index/ only and
 * is the one place outside the .cc files that sees <xapian.h>.
 */
#ifndef DTL_INDEX_SHIM_H
#define DTL_INDEX_SHIM_H

#include <stdint.h>

#include "dateline/admin.h"
#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/query.h"
#include "dateline/stamp.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * dtl_index_search() without a dtl_query: search the tree root (which may
 * be NULL) with the date bounds since/until (inclusive, DTL_TS_NONE for
 * none; intersected with o's).  Same contract as dtl_index_search().
 */
dtl_status dtl_index_search_tree(dtl_index *ix, const struct dtl_qnode *root,
                                 int64_t since, int64_t until,
                                 const struct dtl_search_opts *o,
                                 dtl_hits **out, struct dtl_error *err);

#ifdef __cplusplus
}

#include <deque>
#include <memory>
#include <set>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

extern "C" {
#include "alloc.h"
}

/* One database of a set opened by dtl_index_open_many() (shim-open.cc). */
struct dtl_shard {
    std::string name;       /* path, or tcp://HOST:PORT, as named */
    Xapian::Database db;    /* empty when it could not be opened */
    bool remote = false;    /* reached over the network */
    std::string why;        /* "" while it answers, else why it is out */
    std::string layout_bad; /* read at open: "" or why its layout is wrong */
    std::string analyser;   /* read at open: its analyser record */
};
/* The shards of a sharded index open for writing (shim-admin.cc). */
struct dtl_shard_set;

/* Docids per block of dtl_index.times_upto. */
#define DTL_SHIM_TIMES_BLOCK 256u

/* An open index.  db is the view searches read: for a writer it shares
 * wdb's internals, so a writer searches its own pending changes; for a
 * set of shards it combines the shards that answer. */
struct dtl_index {
    std::string path;             /* as given to dtl_index_open() */
    Xapian::Database db;
    Xapian::WritableDatabase wdb; /* empty unless writable */
    bool writable = false;
    size_t pending = 0;           /* changes since the last commit */
    size_t batch = DTL_INDEX_BATCH; /* commit when pending reaches it */

    /* Entry times by docid (NaN: none) for the recency boost and the date
     * order, so that a search reads no value stream.  A reader builds it
     * on its second search of one revision that ranks by time (a one-shot
     * CGI never pays for it) and drops it when it reopens; writers never
     * build it. */
    std::vector<double> times;
    bool times_ready = false;
    unsigned time_searches = 0;   /* such searches since open/reopen */
    double times_max = 0;         /* newest time in times */
    Xapian::doccount times_count = 0; /* entries with a time */
    /* times_upto[b]: the newest time among docids below (b + 1) *
     * DTL_SHIM_TIMES_BLOCK, so that a search of the entries no older than
     * t can start at the first block whose value reaches t.  Empty when
     * the docids are not one database's own (shards interleave them). */
    std::vector<double> times_upto;
    /* Entry lengths by docid (Xapian's document length), built with
     * times: shim-scan.cc scores from them instead of asking the
     * postlist table for each candidate's. */
    std::vector<uint32_t> lens;

    /* Set by dtl_index_open_many() only (shim-open.cc). */
    std::vector<dtl_shard> shards; /* every shard named, answering or not */
    bool remote = false;          /* some shard is remote: no time cache */
    Xapian::Database side;        /* spelling and synonyms, or empty */
    unsigned timeout_ms = 0;
    /* Maintenance (shim-admin.cc): what page writes did since open, and
     * for a sharded writer its shards (wdb is then the shard new pages
     * go to, db all shards). */
    struct dtl_write_counts totals = {0, 0, 0, 0};
    std::shared_ptr<dtl_shard_set> wshards;

    /* The index's analyser, made on the first search that checks phrases
     * against the stored text (shim-search.cc). */
    dtl_analyser *verify_an = nullptr;

    ~dtl_index() { dtl_analyser_free(verify_an); }
};

/* A document being built.  unique is the full unique term; page is the
 * page key's stored form (DTL_SLOT_PAGE, and DTL_PFX_PAGE + page is the
 * page term).  Both are "" until set. */
struct dtl_doc {
    Xapian::Document doc;
    std::string unique;
    std::string page;
};

/* Search results.  hits[i].data points into data[i]: both vectors are
 * sized once and never grow after the pointers are taken. */
struct dtl_syn_tree;

struct dtl_hits {
    std::vector<struct dtl_hit> hits;
    std::vector<std::string> data;
    uint64_t estimate = 0;
    std::vector<std::string> missing; /* "NAME: why" of shards left out */
    uint64_t capped = 0;  /* the phrase check over remote shards stopped
                             after this many documents (0: it did not) */
    std::shared_ptr<dtl_syn_tree> syn; /* the nodes of tree's synonyms */
    const struct dtl_qnode *tree = nullptr; /* dtl_hits_tree() */
    uint64_t field_capped = 0; /* a field clause kept this many pages of
                                  more (0: it did not; shim-field.cc) */
};

/* One chosen hit before its document is read: the MSet item (which keeps
 * its MSet alive) and the ranking figures computed for it. */
struct dtl_shim_pick {
    Xapian::MSetIterator it;
    double score, relevance;
    int64_t ts;
    unsigned collapsed;
};

/* Phrases checked in the client, on the candidates' stored data, for a
 * set of shards with remote ones (xapian-tcpsrv cannot run a
 * MatchDecider).  Checks are remembered by docid across the deeper
 * fetches of one search, so each document is read at most once. */
struct dtl_shim_check {
    const Xapian::MatchDecider *test = nullptr; /* the check */
    Xapian::doccount max_read = 0;  /* documents read at most */
    Xapian::doccount read = 0;      /* documents read so far */
    bool capped = false;            /* stopped at max_read: candidates
                                       past it were not checked */
    std::unordered_map<Xapian::docid, bool> seen;
};

/* 2^(-age / half_life) for an entry at time t (NaN: no time, 0), age =
 * max(0, now - t). */
double dtl_shim_decay(double now, double half_life, double t);

/* The entry time held in a time-slot value or sort key ("" = none). */
int64_t dtl_shim_value_ts(const std::string &v);

/* The entry time of docid d in a reader's time cache (dtl_index.times). */
int64_t dtl_shim_cached_ts(const std::vector<double> &times,
                           Xapian::docid d);

/*
 * Ranking in the client (shim-rank.cc): hits first .. first + count - 1
 * of the query set on enq.  Blend (by_date false): relevance + beta * M *
 * decay(age) where M is the best relevance of any match, ties newest
 * first (beta 0: relevance).  by_date: newest first, then relevance.
 * With per_page, at most that many per page, collapsed in that order.
 * enq must have its weighting scheme and query set; this sets its sort
 * order, collapse key and cutoff.  Exact: see the file's head.  The picks'
 * documents are prefetched.  Sets *estimate to the matches estimated.
 * md (may be NULL) filters the matches inside Xapian (phrases checked
 * on the text); ck (may be NULL; not with md) does the same check in the
 * client, on prefetched documents, fetching deeper until enough hits
 * pass; the order and scores are those md would give, unless ck->capped
 * (the best of the candidates checked), and the estimate is then scaled
 * by the share of candidates that passed.
 * newest: the latest entry time of the database (UTC seconds), or NaN
 * when not known; no entry's recency bonus exceeds beta * M *
 * decay(newest), which prunes the fetch (an archive whose newest entry is
 * long past `now` costs what a search by relevance does).
 * cache (may be NULL): a reader whose time cache is ready, searched by
 * enq; with it, the blend fetches by relevance alone and takes each hit's
 * time from the cache, so the matcher builds no sort keys, and a deeper
 * fetch skips the docids too old to reach the first hits (when the
 * docids follow time, as an archive indexed night by night does).
 */
void dtl_shim_rank(Xapian::Enquire &enq, bool by_date, Xapian::doccount first,
                   Xapian::doccount count, unsigned per_page, double now,
                   double half_life, double beta, double newest,
                   Xapian::doccount check_at_least,
                   std::vector<dtl_shim_pick> &out, uint64_t *estimate,
                   const Xapian::MatchDecider *md = nullptr,
                   dtl_shim_check *ck = nullptr,
                   const dtl_index *cache = nullptr);

/* BM25 parameters (shim-search.cc says why these). */
struct dtl_shim_bm25 {
    double k1, k2, k3, b, min_normlen;
};
extern const dtl_shim_bm25 dtl_shim_bm25_params;

/* Drop a reader's caches (times, times_upto, lens): they describe the
 * revision it had (xapian-shim.cc). */
void dtl_shim_drop_caches(dtl_index *ix);

/* ---- the blend by one pass (shim-scan.cc) ---- */

/* What dtl_shim_scan() found: the candidates (ascending docids) with the
 * relevance it computed for each, and the number of matches (exact). */
struct dtl_shim_scan_out {
    std::vector<Xapian::docid> cands;
    std::vector<double> rel;
    uint64_t matches = 0;
};

/*
 * The candidates for the first want hits of the blend of q (relevance +
 * beta * M * decay, as dtl_shim_rank()), from one pass over q's posting
 * lists scored with cache's lengths: every entry within a relative 1e-7
 * of the want-th best blend score or of M.  cache: a reader of local
 * databases whose caches are ready (times, lens; times_upto if any).  enq
 * (on cache.db, with the BM25 weighting of bm25) is used to take each
 * word's term weight from Xapian; its query is left set to q.  Returns
 * false, with out empty, when q is not a word, a synonym group or an OR
 * or AND of these, when the cache does not fit the database, or when the
 * candidates would pass want + 1024 (ties).  May throw Xapian errors.
 */
bool dtl_shim_scan(Xapian::Enquire &enq, const Xapian::Query &q,
                   const dtl_index &cache, const dtl_shim_bm25 &bm25,
                   Xapian::doccount want, double now, double half_life,
                   double beta, dtl_shim_scan_out &out);

/* A filter that matches exactly the docids of db in ids (sorted
 * ascending), into out; over a set of databases, each part's own docids.
 * False when the parts cannot be told apart (no UUID, or two copies of
 * one database). */
bool dtl_shim_docids(const Xapian::Database &db,
                     const std::vector<Xapian::docid> &ids,
                     Xapian::Query &out);

/* ---- field clauses (shim-field.cc) ---- */

/* Pages a title clause may select: DTL_FIELD_PAGES_MAX, or
 * $DATELINE_FIELD_PAGES (1 to 1,000,000). */
Xapian::doccount dtl_shim_field_cap();

/* The first stage of a title clause (layout 5): run clause
 * (its terms are on the pages' carriers) on ix->db and return the OR of
 * the P<key> terms of the pages it matches, with no weight
 * (MatchNothing when none; an empty clause is returned as it is).  At
 * most cap pages: past it, *capped is set to true.  Throws what Xapian
 * throws. */
Xapian::Query dtl_shim_field_pages(dtl_index *ix, const Xapian::Query &clause,
                                   Xapian::doccount cap, bool *capped);

/* ---- shards (shim-open.cc) ---- */

/* Metadata key that marks a side database (shim-side.cc): the Unix time
 * of its last build. */
#define DTL_SHIM_META_SIDE "dateline.side"


/* Before a search: fail (DTL_EIO naming the shard) if a shard is out and
 * partial is false, else list the missing shards in hits. */
dtl_status dtl_shim_shards_check(dtl_index *ix, bool partial,
                                 dtl_hits &hits, struct dtl_error *err);

/* After a search failed with a network error: find the remote shards that
 * no longer answer, mark them out and rebuild ix->db from the rest.
 * Returns true if some shard was marked out (the search may be retried).
 * Never throws. */
bool dtl_shim_shards_drop_dead(dtl_index *ix) noexcept;

/* Metadata key of a reader of shards (false for any other handle): the
 * analyser as read at open, else the first answering shard's value; a
 * shard that fails to answer is marked out.  May throw Xapian errors. */
bool dtl_shim_shards_meta(dtl_index *ix, const std::string &key,
                          std::string *out);

/* The writable databases of ix: each shard, or the one database
 * (shim-admin.cc). */
std::vector<Xapian::WritableDatabase *> dtl_shim_writers(dtl_index *ix);

/* A query tree in which each word that has synonyms is an OR node of
 * the word and its synonyms (words; phrases of exact words), listed in
 * groups: the query builder makes each group one OP_SYNONYM, and the
 * text check of phrases evaluates it as an OR, so an entry holding only a
 * synonym matches and a phrase synonym is checked as a phrase.  Nodes,
 * kid arrays and strings live here; unchanged leaves point into the
 * original tree, which must outlive this. */
struct dtl_syn_tree {
    std::deque<struct dtl_qnode> nodes;
    std::deque<std::vector<struct dtl_qnode *>> kids;
    std::deque<std::string> strings;
    std::set<const struct dtl_qnode *> groups;
    const struct dtl_qnode *root = nullptr;
};

/* root with synonyms (see above), or NULL when no word of it has any.
 * Synonyms come from the side database if ix has one, else from its
 * local shards (the remote backend serves none).  Only words in no field
 * and not quoted are expanded.  May throw Xapian errors, std::bad_alloc
 * and std::runtime_error (no analyser). */
std::shared_ptr<dtl_syn_tree>
dtl_shim_expand_synonyms(dtl_index *ix, const struct dtl_qnode *root);

/* Move a reader to the latest revision, dropping what it cached about the
 * old one.  Throws what Database::reopen() throws. */
void dtl_shim_reopen(dtl_index *ix);

/* Commit the writer: every shard of a sharded writer.  Throws what
 * WritableDatabase::commit() throws. */
void dtl_shim_commit(dtl_index *ix);

/* Set doc's entry hash (slot DTL_SLOT_EHASH, shim-admin.cc), as every
 * write path must, so that the next run recognises unchanged entries. */
void dtl_shim_set_entry_hash(Xapian::Document &doc);

/* For a sharded writer, the metadata value of key from the first shard
 * that has it, into *out, and true; false for an unsharded index. */
bool dtl_shim_sharded_meta(dtl_index *ix, const std::string &key,
                           std::string *out);
/* Is term w a word the spelling data records? */
bool dtl_shim_spelling_word(const std::string &w);

/* First bytes of unprefixed words (a-z and the lead bytes of UTF-8
 * sequences from U+0080), to walk the words in allterms without the
 * prefixed terms. */
std::vector<std::string> dtl_shim_word_starts();

/* Add the words of doc to wdb's spelling data (shim-spell.cc; the
 * index's writer or a scratch database).  Throws what Xapian throws. */
void dtl_shim_add_spelling(Xapian::WritableDatabase &wdb,
                           const Xapian::Document &doc);

/* Commit the writer once ix->batch changes are pending. */
void dtl_shim_maybe_commit(dtl_index *ix);

/* Before a writer opens path: finish a merge that a crash interrupted
 * between its two renames (shim-build.cc).  Never throws. */
void dtl_shim_recover(const std::string &path) noexcept;

/* After the writer holds the lock: remove what an interrupted merge left
 * beside path.  Never throws. */
void dtl_shim_clean(const std::string &path) noexcept;

/* The byte length above which a key is stored hashed (see the layout in
 * xapian-shim.cc). */
#define DTL_SHIM_KEY_MAX 200

/* The term or value for key[0..n): the key itself when n is at most
 * DTL_SHIM_KEY_MAX, else its first 180 bytes and 32 hex digits of its
 * SHA-256 (212 bytes, so never equal to a verbatim key). */
std::string dtl_shim_key_form(const char *key, size_t n);

/* Packed forms (layout 6, see xapian-shim.cc): the glue's keys and ids
 * are hex digits, stored as bytes.  A key or id given to the shim never
 * begins with DTL_SHIM_PACKED (byte 0xff, never in UTF-8), so packed and
 * verbatim forms never meet.
 *
 * dtl_shim_pack_key(): the slot 1 value for a key form; 32 lower-case hex
 * digits become DTL_SHIM_PACKED and 16 bytes, anything else is kept.
 * dtl_shim_unpack_key() inverts it. */
#define DTL_SHIM_PACKED '\xff'
std::string dtl_shim_pack_key(const std::string &form);
std::string dtl_shim_unpack_key(const std::string &v);

/* The P term of a page key form: DTL_PFX_PAGE and the packed form, so
 * that the page key's bytes in a termlist repeat in the Q term's (zlib
 * compresses termlists). */
std::string dtl_shim_page_term(const std::string &form);

/* The Q term's body for an id: "<32 hex>:<16 hex>..." becomes
 * DTL_SHIM_PACKED, 16 bytes, '\x01', 8 bytes, the rest; "<32 hex>:lead..."
 * DTL_SHIM_PACKED, 16 bytes, '\x02', the rest; any other id its key form.
 * Packing keeps the order of a page's ids (the carrier is the entry
 * whose Q term sorts last, and "lead" sorts after any hex digits).
 * dtl_shim_unpack_id() gives the id back. */
std::string dtl_shim_id_form(const char *id, size_t n);
std::string dtl_shim_unpack_id(const std::string &v);

/* The 16 bytes of a hex digest of even length n, or "" when p is not
 * lower-case hex; dtl_shim_hex() inverts it. */
std::string dtl_shim_unhex(const char *p, size_t n);
std::string dtl_shim_hex(const std::string &bytes);

/*
 * Turn the exception being handled into a status and a message in err.
 * Call only from inside a catch block.  path names the index in messages
 * (may be NULL); opening_read says the failure came from opening for
 * reading, where a missing database is DTL_ENOTFOUND.  Never throws.
 */
dtl_status dtl_shim_fail(struct dtl_error *err, const char *path,
                         bool opening_read) noexcept;

/* Construct a T in memory from dtl_malloc(), so that allocation-failure
 * tests reach the shim; NULL when the allocation fails.  A throwing
 * constructor frees the memory and rethrows. */
template <class T>
T *
dtl_shim_new()
{
    void *mem = dtl_malloc(sizeof(T));

    if (!mem)
        return nullptr;
    try {
        return new (mem) T();
    } catch (...) {
        dtl_free(mem);
        throw;
    }
}

/* Destroy and free what dtl_shim_new() made; NULL is a no-op. */
template <class T>
void
dtl_shim_delete(T *p) noexcept
{
    if (!p)
        return;
    p->~T();
    dtl_free(p);
}

#endif /* __cplusplus */
#endif
