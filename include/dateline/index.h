/* Dateline: the on-disk index (a Xapian database behind a thin C shim).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implemented in index/ (C++), the only code that includes <xapian.h>.
 * Every call catches every exception and turns it into a status plus a
 * message in struct dtl_error; no exception crosses into C.
 *
 * The index holds one document per entry.  Documents are built with the
 * dtl_doc calls (terms, positions, the entry's time, stored data) and
 * written one page at a time with dtl_index_replace_page(), which makes
 * the index hold exactly the given entries for that page.  The term
 * prefixes, value slots and id scheme are specified at the top of
 * index/xapian-shim.cc.
 *
 * Concurrency: one writer and any number of readers per index.  A second
 * writer gets DTL_ELOCKED.  Readers see the last commit made before they
 * opened (or reopened); dtl_index_search() reopens and retries by itself
 * when a writer's commits overtake it.
 */
#ifndef DTL_DATELINE_INDEX_H
#define DTL_DATELINE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/query.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dtl_index dtl_index;
typedef struct dtl_doc dtl_doc;
typedef struct dtl_hits dtl_hits;

/** Open modes. */
enum dtl_index_mode {
    DTL_INDEX_READ = 0,  /**< search only */
    DTL_INDEX_WRITE = 1  /**< create if missing; exclusive writer */
};

/**
 * Open the index at path.  READ: as dtl_index_open_many() with this one
 * name (so path may be a stub file naming shards) and the default
 * options; DTL_ENOTFOUND if there is no index there.
 * WRITE: creates the directory's index if missing (the parent directory
 * must exist); DTL_ELOCKED if another process is writing it.  Other
 * failures: DTL_EIO, DTL_ECORRUPT, DTL_EINDEX, DTL_ENOMEM.
 * @param out  receives a handle for dtl_index_close(); NULL on failure.
 */
DTL_API dtl_status dtl_index_open(const char *path, enum dtl_index_mode mode,
                                  dtl_index **out, struct dtl_error *err);

/** Commit pending changes (writer) and free the handle, even when the
 *  commit fails (then its status is returned).  NULL is a no-op. */
DTL_API dtl_status dtl_index_close(dtl_index *ix, struct dtl_error *err);

/** Make pending changes durable and visible to new readers (writer). */
DTL_API dtl_status dtl_index_commit(dtl_index *ix, struct dtl_error *err);

/** Changes not yet committed since the last commit (writer). */
DTL_API size_t dtl_index_pending(const dtl_index *ix);

/** Number of entries in the index (as of the last open/reopen). */
DTL_API dtl_status dtl_index_doc_count(dtl_index *ix, uint64_t *out,
                                       struct dtl_error *err);

/** Called once per language by dtl_index_languages(): code is the
 *  language's code as index terms carry it ("en", "fr"; map it to a name
 *  with dtl_lang_from_tag()), borrowed for the call; entries is the
 *  number of entries in it.  Anything but DTL_OK stops the walk. */
typedef dtl_status (*dtl_lang_fn)(void *ctx, const char *code,
                                  uint64_t entries);

/**
 * The languages the index's entries are stemmed in (layout 4 and later),
 * in code order, with their entry counts as of the last open, reopen or
 * write: fn is called for each.  These are term frequencies, so they stay
 * exact however pages are replaced or deleted.  An index of an older
 * layout has none.  Returns DTL_OK, what fn returned, or an index error.
 */
DTL_API dtl_status dtl_index_languages(dtl_index *ix, dtl_lang_fn fn,
                                       void *ctx, struct dtl_error *err);

/**
 * Read a metadata value.  *out receives a NUL-terminated copy to free with
 * dtl_free_string() ("" and *len 0 when the key is unset).
 */
DTL_API dtl_status dtl_index_get_meta(dtl_index *ix, const char *key,
                                      char **out, size_t *len,
                                      struct dtl_error *err);

/** Set a metadata value (writer; takes effect at the next commit). */
DTL_API dtl_status dtl_index_set_meta(dtl_index *ix, const char *key,
                                      const char *val, size_t len,
                                      struct dtl_error *err);

/* ---- documents ---------------------------------------------------------- */

/** A new empty document for one entry; free with dtl_doc_free(). */
DTL_API dtl_status dtl_doc_new(dtl_doc **out);
DTL_API void dtl_doc_free(dtl_doc *doc);

/** Add term (with its prefix already in front) at word position pos
 *  (1-based), increasing its within-document frequency by one. */
DTL_API dtl_status dtl_doc_add_posting(dtl_doc *doc, const char *term,
                                       size_t n, unsigned pos);
/** Add term at word position pos (1-based) without changing its
 *  within-document frequency: a copy of text in a field (headline, title,
 *  source) that phrases must find but that must not count in the
 *  document's length, which BM25 normalises by. */
DTL_API dtl_status dtl_doc_add_position(dtl_doc *doc, const char *term,
                                        size_t n, unsigned pos);
/** Add term without a position, increasing its frequency by wdf_inc. */
DTL_API dtl_status dtl_doc_add_term(dtl_doc *doc, const char *term,
                                    size_t n, unsigned wdf_inc);
/** Add a filter term that adds no weight and no document length. */
DTL_API dtl_status dtl_doc_add_boolean_term(dtl_doc *doc, const char *term,
                                            size_t n);
/** The entry's UTC time (sortable value slot); DTL_TS_NONE leaves it
 *  unset, so date filters never match the entry. */
DTL_API dtl_status dtl_doc_set_time(dtl_doc *doc, int64_t ts);
/** The key entries of one page share (collapsing, replacement). */
DTL_API dtl_status dtl_doc_set_page_key(dtl_doc *doc, const char *key,
                                        size_t n);
/** The entry's identity: a term unique in the whole index. */
DTL_API dtl_status dtl_doc_set_unique(dtl_doc *doc, const char *term,
                                      size_t n);
/** What results display (opaque bytes to the index). */
DTL_API dtl_status dtl_doc_set_data(dtl_doc *doc, const char *p, size_t n);

/**
 * Make the index hold exactly docs[0..n) for the page page_key: each doc
 * replaces the entry with the same unique term, entries of the page not
 * among docs are deleted.  If the page was last written with the same
 * page_hash, nothing is written and *changed is 0.  Every doc must have a
 * unique term and page_key.  The writes are pending until a commit; the
 * writer commits by itself every batch of DTL_INDEX_BATCH documents.
 * @param changed  may be NULL.
 */
DTL_API dtl_status dtl_index_replace_page(dtl_index *ix,
                                          const char *page_key, size_t n_key,
                                          const char *page_hash,
                                          dtl_doc *const *docs, size_t n,
                                          int *changed,
                                          struct dtl_error *err);

/** Remove every entry of a page (writer). */
DTL_API dtl_status dtl_index_delete_page(dtl_index *ix,
                                         const char *page_key, size_t n_key,
                                         struct dtl_error *err);

/** Documents written between automatic commits. */
#define DTL_INDEX_BATCH 2000

/* ---- searching --------------------------------------------------------- */

enum dtl_sort {
    DTL_SORT_BLEND = 0,  /**< relevance with a recency decay (default) */
    DTL_SORT_RELEVANCE,  /**< BM25 only */
    DTL_SORT_DATE        /**< newest first */
};

/** Default half-life of the recency decay: 7 days, in seconds. */
#define DTL_DEFAULT_HALF_LIFE (7.0 * 86400.0)
/** Default weight of recency in the blend (see README "Ranking"). */
#define DTL_DEFAULT_RECENCY_WEIGHT 0.3

/** Search options.  Start from dtl_search_opts_init(). */
struct dtl_search_opts {
    enum dtl_sort sort;
    int64_t now;            /* reference time for ages (UTC seconds) */
    double half_life;       /* seconds, > 0 */
    double recency_weight;  /* beta >= 0 */
    int64_t since, until;   /* inclusive bounds or DTL_TS_NONE; intersected
                               with the query's own */
    size_t offset;          /* hits to skip */
    size_t limit;           /* hits to return (at most DTL_SEARCH_MAX) */
    unsigned per_page;      /* at most this many entries per page; 0 = all */
    double time_limit;      /* seconds the matcher may spend (Xapian's
                               Enquire time limit; results are then the
                               best found so far); 0 = none */
    int no_snippet;         /* dtl_search(): 1 = results have an empty
                               snippet and no marks (faster, for runs) */
    int partial;            /* shards: 1 = search the shards that answer and
                               list the others (dtl_hits_missing()); 0 = a
                               shard that fails fails the search */
    const char *lang;       /* only entries in this language (a tag
                               dtl_lang_from_tag() knows: "fr", "german");
                               NULL = all.  Borrowed for the call */
};

/** Largest offset + limit accepted. */
#define DTL_SEARCH_MAX 10000

/** Pages a title clause (title:) selects at most: such a clause finds
 *  the pages whose title matches, then every entry of them, and past
 *  this many pages it keeps the first (by docid) and the search says so
 *  (dtl_hits_field_capped()).  A source clause (site:, url:) has no such
 *  limit.  The environment variable DATELINE_FIELD_PAGES (1 to
 *  1,000,000) overrides it. */
#define DTL_FIELD_PAGES_MAX 100000

/** Defaults: blend, now = time(NULL), 7-day half-life, weight 0.3, no
 *  dates, offset 0, limit 10, per_page 0, no time limit, snippets,
 *  partial 0, all languages. */
DTL_API void dtl_search_opts_init(struct dtl_search_opts *o);

/** One hit.  data is borrowed from the dtl_hits. */
struct dtl_hit {
    unsigned docid;
    double score;       /* the ranking score of the chosen sort */
    double relevance;   /* BM25 part alone */
    int64_t ts;         /* entry time or DTL_TS_NONE */
    const char *data;   /* stored data as given to dtl_doc_set_data() */
    size_t data_len;
    unsigned collapsed; /* with per_page: at least this many more entries
                           of the same page matched */
};

/**
 * Run q against the index.  Ranking (see README): relevance = Xapian BM25
 * over headline and body terms, ties newest first; blend = relevance +
 * beta * M * 2^(-age / half_life) where M is the best relevance of any
 * matching entry, age = max(0, now - ts), ties newest first; date =
 * newest first, then relevance.  The same on one index and on any set of
 * shards holding the same entries (dtl_index_open_many()).
 * A set of shards of which some did not answer: with o->partial the hits
 * come from the others and dtl_hits_missing() names the rest; without,
 * DTL_EIO (refused connections and timeouts included) naming the first
 * shard that failed.
 * @param out  receives hits for dtl_hits_free().
 */
DTL_API dtl_status dtl_index_search(dtl_index *ix, const dtl_query *q,
                                    const struct dtl_search_opts *o,
                                    dtl_hits **out, struct dtl_error *err);

DTL_API size_t dtl_hits_count(const dtl_hits *h);
DTL_API const struct dtl_hit *dtl_hits_get(const dtl_hits *h, size_t i);
/** Xapian's estimate of how many entries match in all. */
DTL_API uint64_t dtl_hits_estimate(const dtl_hits *h);
/**
 * The tree the hits were matched with: the searched query's, with each
 * word that has synonyms (dateline synonyms) standing for an OR of the
 * word and its synonyms (a synonym phrase is a PHRASE node), so that a
 * snippet can mark the words that matched through a synonym too.  The
 * query's own tree when no word has any; NULL for NULL h or a query with
 * no tree.  Borrowed: valid while both h and the searched query live.
 */
DTL_API const struct dtl_qnode *dtl_hits_tree(const dtl_hits *h);
DTL_API void dtl_hits_free(dtl_hits *h);

/* ---- shards (index/shim-open.cc) --------------------------------------- */

/** Default bound on each exchange with a remote shard, in milliseconds. */
#define DTL_DEFAULT_TIMEOUT_MS 10000
/** Most shards one handle searches (stub files included, recursively). */
#define DTL_SHARDS_MAX 1024

/** Options for dtl_index_open_many().  Start from dtl_open_opts_init(). */
struct dtl_open_opts {
    unsigned timeout_ms;   /* connecting to and each exchange with a remote
                              shard; 0 = DTL_DEFAULT_TIMEOUT_MS */
    const char *side;      /* local side database (spelling, synonyms) or
                              NULL; see dtl_index_side_build() */
};

/** Defaults: DTL_DEFAULT_TIMEOUT_MS, no side database. */
DTL_API void dtl_open_opts_init(struct dtl_open_opts *o);

/**
 * Open n databases for searching as one index.  Each of dbs[] is a local
 * index (a directory), a Xapian stub file (or a directory holding a stub
 * named XAPIANDB) whose lines name shards (`auto|glass|chert PATH`,
 * relative to the stub; `remote HOST:PORT`; `remote :PROGRAM ARGS`;
 * blank lines and `#` comments; stubs may name stubs), or
 * tcp://HOST:PORT, a Xapian remote server (xapian-tcpsrv).
 *
 * A shard that cannot be opened is kept as missing: the handle opens if
 * at least one shard did, and each search then fails naming it unless it
 * asks for partial results.  If no shard opens, the first shard's status
 * and message are returned (DTL_ENOTFOUND for a missing local index).  A
 * malformed stub file is DTL_EINDEX naming the file and line.  Every
 * shard must have the same layout and analyser (checked; DTL_EINDEX).
 * The handle is read-only; close it with dtl_index_close().
 * @param o    may be NULL for the defaults.
 * @param out  receives the handle; NULL on failure.
 */
DTL_API dtl_status dtl_index_open_many(const char *const *dbs, size_t n,
                                       const struct dtl_open_opts *o,
                                       dtl_index **out,
                                       struct dtl_error *err);

/** Number of shards the handle names (1 for dtl_index_open()). */
DTL_API size_t dtl_index_shard_count(const dtl_index *ix);

/**
 * Shard i: its name (the path or tcp://HOST:PORT, NUL-terminated) in
 * *name, and in *why "" while it answers or why it was left out.  Both
 * are borrowed from the handle, valid until its next search or close.
 * Returns DTL_EINVAL for i out of range (then both are NULL).
 */
DTL_API dtl_status dtl_index_shard(const dtl_index *ix, size_t i,
                                   const char **name, const char **why);

/**
 * Build or refresh the side database at path (a local directory, created
 * if missing) from every shard of ix: the spelling data of the archive's
 * words (their entry counts), and the synonyms of local shards.  Remote
 * shards serve neither, so dtl_index_suggest() on a handle opened with
 * dtl_open_opts.side reads them from there.  Updates in place with one
 * commit (readers see the old or the new data).  Every shard must answer
 * (DTL_EIO naming the first that does not).  *n_words (may be NULL)
 * receives the number of words recorded.
 */
DTL_API dtl_status dtl_index_side_build(dtl_index *ix, const char *path,
                                        uint64_t *n_words,
                                        struct dtl_error *err);

/** Shards a search left out (with partial); 0 when all answered. */
DTL_API size_t dtl_hits_missing_count(const dtl_hits *h);
/** "NAME: reason" of left-out shard i (NUL-terminated, borrowed from h),
 *  NULL when i is out of range. */
DTL_API const char *dtl_hits_missing(const dtl_hits *h, size_t i);
/** 0, or N when a search over remote shards stopped checking its
 *  candidates' stored text (phrases) after N documents ($DATELINE_CHECK_MAX,
 *  default 5000): the hits are then the best of the candidates checked,
 *  and other entries may match. */
DTL_API uint64_t dtl_hits_capped(const dtl_hits *h);
/** 0, or N when a title clause matched more than N pages
 *  (DTL_FIELD_PAGES_MAX or $DATELINE_FIELD_PAGES) and only the entries of
 *  N of them were searched: other entries may match. */
DTL_API uint64_t dtl_hits_field_capped(const dtl_hits *h);

/* ---- long-lived readers and spelling (dateline.cgi) --------------------- */

/**
 * Move a reader to the index's latest commit (cheap when nothing was
 * committed since).  *changed (may be NULL) is set to 1 when it moved.
 */
DTL_API dtl_status dtl_index_reopen(dtl_index *ix, int *changed,
                                    struct dtl_error *err);

/**
 * Record the words of docs[0..n) (their unprefixed terms of 3 to 32 bytes
 * without digits; a word's frequency grows by the number of docs that
 * have it) in the index's spelling data (writer; pending until the next
 * commit).  Called by dtl_index_add_page() for every page it writes.
 */
DTL_API dtl_status dtl_index_add_spelling(dtl_index *ix,
                                          dtl_doc *const *docs, size_t n,
                                          struct dtl_error *err);

/**
 * "Did you mean": query with each word that no entry has replaced by the
 * index's best spelling suggestion.  Words are runs of letters, digits and
 * non-ASCII bytes, compared case-folded (ASCII); operators, field names
 * and quoted phrases keep their place.  *out receives the corrected query
 * (NUL-terminated, for dtl_free_string()) or NULL when nothing would
 * change.
 */
DTL_API dtl_status dtl_index_suggest(dtl_index *ix, const char *query,
                                     size_t n, char **out,
                                     struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
