/* Dateline: indexing pages and searching them, on top of the index.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The glue between the analyser, the page readers and the index: turns a
 * page's entries into documents (terms, positions, time, stored data) and
 * turns hits back into results with a snippet whose matched words are
 * marked by the same analyser that indexed them.
 */
#ifndef DTL_DATELINE_SEARCH_H
#define DTL_DATELINE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/analyser.h"
#include "dateline/index.h"
#include "dateline/page.h"
#include "dateline/query.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The analyser an index must be used with.  For an index that records one,
 * an analyser for the recorded language; lang (may be NULL) must then be
 * NULL or the same language, else DTL_EINVAL with a message naming both.
 * For a new, empty index opened for writing, an analyser for lang (NULL =
 * english), recorded in the index.  *out is freed with dtl_analyser_free().
 */
DTL_API dtl_status dtl_index_analyser(dtl_index *ix, const char *lang,
                                      dtl_analyser **out,
                                      struct dtl_error *err);

/** How dtl_index_page_lang() found a page's language. */
enum dtl_lang_how {
    DTL_LANG_DEFAULT = 0,  /**< neither declared nor detected: the default */
    DTL_LANG_DECLARED,     /**< the page's DTL_PAGE_LANGUAGE tag */
    DTL_LANG_DETECTED,     /**< dtl_lang_detect() on its text */
    DTL_LANG_CORRECTED     /**< detected: the text is clearly not in the
                                language the page declares */
};

/**
 * The language a page is stemmed in when indexed with an analyser whose
 * language is dflt (dtl_analyser_lang(); NULL = "english"): the language
 * its DTL_PAGE_LANGUAGE tag names if libstemmer has it
 * (dtl_lang_from_tag()) unless its text is clearly in another (strong
 * evidence, the declared language far behind: then that one), else the
 * one dtl_lang_detect() finds in its title and entries, else dflt.  An
 * index without stemming (dflt "none") stems no page, and one in
 * "porter" stems English pages in porter.  Returns a
 * canonical name (static storage); how may be NULL.
 */
DTL_API const char *dtl_index_page_lang(const dtl_page *page,
                                        const char *dflt,
                                        enum dtl_lang_how *how);

/**
 * Write all entries of a page, replacing what the index held for the same
 * source.  source (path or URL, NUL-terminated) identifies the page: the
 * same page indexed twice leaves the index unchanged (*changed = 0), a
 * changed page replaces its entries.  changed and n_entries may be NULL.
 */
DTL_API dtl_status dtl_index_add_page(dtl_index *ix, dtl_analyser *a,
                                      const char *source,
                                      const dtl_page *page, int *changed,
                                      size_t *n_entries,
                                      struct dtl_error *err);

/** One result, ready to print.  Strings are NUL-terminated, owned by the
 *  dtl_results and valid until dtl_results_free(). */
struct dtl_result {
    int64_t ts;              /* entry time (UTC) or DTL_TS_NONE */
    const char *headline;
    const char *title;       /* page title ("" if none) */
    const char *source;      /* URL or path */
    const char *snippet;     /* best passage of the entry */
    const size_t *marks;     /* n_marks pairs: [start, end) byte offsets of
                                matched words in snippet */
    size_t n_marks;
    int is_lead;             /* the page's lead rather than a stamped entry */
    double score, relevance;
    unsigned collapsed;      /* more entries of this page matched */
    unsigned docid;
    const char *url;         /* the entry's own URL (the page's with the
                                entry's fragment); "" if none is known */
    const char *lang;        /* the language the entry is stemmed in
                                (canonical libstemmer name, static) */
};

typedef struct dtl_results dtl_results;

/** Longest snippet, in bytes (cut at word boundaries). */
#define DTL_SNIPPET_MAX 300

/**
 * Search: dtl_index_search() and, when an all-words query matches nothing,
 * the relaxed query (dtl_query_relax()), flagged by dtl_results_relaxed().
 * a must be the index's analyser (dtl_index_analyser()).
 */
DTL_API dtl_status dtl_search(dtl_index *ix, dtl_analyser *a,
                              const dtl_query *q,
                              const struct dtl_search_opts *o,
                              dtl_results **out, struct dtl_error *err);

DTL_API size_t dtl_results_count(const dtl_results *r);
DTL_API const struct dtl_result *dtl_results_get(const dtl_results *r,
                                                 size_t i);
/** Estimated number of matching entries in all. */
DTL_API uint64_t dtl_results_estimate(const dtl_results *r);
/** 1 if no entry had all the words and these are the best partial
 *  matches. */
DTL_API int dtl_results_relaxed(const dtl_results *r);
DTL_API void dtl_results_free(dtl_results *r);

/** Shards left out of the search (with struct dtl_search_opts.partial):
 *  0 when the whole archive was searched.  Programs must say that part of
 *  the archive was not searched when this is not 0. */
DTL_API size_t dtl_results_missing_count(const dtl_results *r);
/** "NAME: reason" of left-out shard i, owned by r (NULL past the end). */
DTL_API const char *dtl_results_missing(const dtl_results *r, size_t i);
/** 0, or N when the phrase check over remote shards stopped after N
 *  candidates (dtl_hits_capped()): programs must say that more entries
 *  may match than are shown. */
DTL_API uint64_t dtl_results_capped(const dtl_results *r);
/** 0, or N when a title clause matched more than N pages and
 *  only the entries of N of them were searched
 *  (dtl_hits_field_capped()): programs must say that more entries may
 *  match than are shown. */
DTL_API uint64_t dtl_results_field_capped(const dtl_results *r);

/**
 * Cut the best passage of text (at most max bytes, on word boundaries)
 * for query q and mark the words the analyser matches to q's terms (by
 * stem, or exactly for exact terms).  *out is freed with
 * dtl_free_string(); *marks (n_marks pairs) with dtl_free_marks().
 */
DTL_API dtl_status dtl_snippet(dtl_analyser *a, const dtl_query *q,
                               const char *text, size_t n, size_t max,
                               char **out, size_t **marks, size_t *n_marks);
DTL_API void dtl_free_marks(size_t *marks);

#ifdef __cplusplus
}
#endif
#endif
