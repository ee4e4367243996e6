/* Dateline: the query language, parsed into a tree.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Syntax (see README "Query syntax"): words, all of which must match by
 * default; OR, AND, NOT (upper case) and -word; "phrases"; parentheses;
 * fields headline:, title:, source: before a word, phrase or group; date
 * filters since:WHEN and until:WHEN anywhere (WHEN as dtl_time_parse_user
 * reads it).  Malformed input is read as the user most likely meant it (an
 * unbalanced quote or parenthesis is closed at the end, a lone operator is
 * taken as a word or dropped) and reported through dtl_query_warning();
 * it is never an error.  Words go through the index's analyser, so a query
 * word yields exactly the terms the same word yields in a document.
 */
#ifndef DTL_DATELINE_QUERY_H
#define DTL_DATELINE_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/analyser.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest query accepted, in bytes. */
#define DTL_QUERY_MAX_BYTES 8192
/** Most term nodes in one query. */
#define DTL_QUERY_MAX_TERMS 256
/** Deepest nesting of parentheses. */
#define DTL_QUERY_MAX_DEPTH 32

enum dtl_qop {
    DTL_QOP_TERM = 0,  /**< one word (term, stem, field, exact) */
    DTL_QOP_PHRASE,    /**< kids are TERM nodes, in order, adjacent */
    DTL_QOP_AND,       /**< every kid matches */
    DTL_QOP_OR,        /**< any kid matches */
    DTL_QOP_NOT,       /**< kids[0] matches and none of kids[1..] does */
    DTL_QOP_ALL        /**< every entry (a query of filters only) */
};

enum dtl_qfield {
    DTL_FIELD_ANY = 0, /**< headline and body */
    DTL_FIELD_HEADLINE,
    DTL_FIELD_TITLE,   /**< the page's title */
    DTL_FIELD_SOURCE   /**< words of the page's URL or path */
};

/** A query word's stem in one more of the index's languages (an index
 *  whose pages are in several).  Owned by the dtl_query. */
struct dtl_qstem {
    const char *code;          /* language code as index terms carry it
                                  ("fr"); static storage */
    char *stem;                /* the word's stem in that language */
    size_t stem_len;
    int stem_moves;            /* as in dtl_qnode, for this stem */
};

/** A node of the query tree.  Owned by the dtl_query; read-only. */
struct dtl_qnode {
    enum dtl_qop op;
    enum dtl_qfield field;     /* TERM and PHRASE */
    char *term;                /* TERM: folded word, NUL-terminated */
    size_t term_len;
    char *stem;                /* TERM: stem of term, NUL-terminated */
    size_t stem_len;
    int exact;                 /* TERM: match the unstemmed term (words of
                                  phrases; source: words) */
    int stem_moves;            /* TERM: stemming stem changes it, so the
                                  word spelt like the stem is not one of
                                  its forms (0 when unknown: the index
                                  then also matches that word) */
    struct dtl_qnode **kids;   /* AND, OR, NOT, PHRASE */
    size_t n_kids;
    struct dtl_qstem *alts;    /* TERM: the stems in the index's other
                                  languages, one per language the
                                  analyser was given (none for exact
                                  words); matched as well as stem */
    size_t n_alts;
};

typedef struct dtl_query dtl_query;

/** Options for dtl_query_parse().  Zero-initialise. */
struct dtl_query_opts {
    int64_t now;        /* for relative dates (since:24h); 0 = time(NULL) */
    int default_or;     /* 1: words are ORed by default instead of ANDed */
};

/**
 * Parse q[0..n).  @param a  the analyser of the index to be searched.
 * @param opts  may be NULL.  @param out  receives a query to free with
 * dtl_query_free().  A query with no words and no filters gives a query
 * whose root is NULL.
 * @return DTL_OK; DTL_ELIMIT (too long, too many terms, too deep), with the
 * offset in err; DTL_ESYNTAX only for an unreadable date in since:/until:;
 * DTL_ENOMEM.
 */
DTL_API dtl_status dtl_query_parse(const char *q, size_t n, dtl_analyser *a,
                                   const struct dtl_query_opts *opts,
                                   dtl_query **out, struct dtl_error *err);

/** Free a query and its tree.  NULL is a no-op. */
DTL_API void dtl_query_free(dtl_query *q);

/** The tree (NULL for an empty query); lives as long as q. */
DTL_API const struct dtl_qnode *dtl_query_root(const dtl_query *q);

/** Date filters from since:/until: (DTL_TS_NONE when absent; several are
 *  intersected).  since is inclusive, until inclusive. */
DTL_API int64_t dtl_query_since(const dtl_query *q);
DTL_API int64_t dtl_query_until(const dtl_query *q);

/** What was repaired while parsing ("" if nothing); lives as long as q. */
DTL_API const char *dtl_query_warning(const dtl_query *q);

/**
 * Dump the tree as text, one S-expression, e.g.
 * (AND (TERM "defense" ~"defens") (PHRASE headline "us" "ambassador"))
 * followed by " since=..." / " until=..." when set.  *out receives a string
 * to free with dtl_free_string().
 */
DTL_API dtl_status dtl_query_dump(const dtl_query *q, char **out);

/**
 * The "most of the words" fallback: when an all-words query finds nothing,
 * the same query with its top-level AND turned into OR (negations and
 * filters kept).  @return DTL_OK and a new query in *out; DTL_ENOTFOUND if
 * relaxing would change nothing; DTL_ENOMEM.
 */
DTL_API dtl_status dtl_query_relax(const dtl_query *q, dtl_query **out);

/**
 * The stem a TERM node k stands for in the language with code `code` (as
 * index terms and stored entries carry it, "fr"; NULL or "" for the
 * index's own language): k's stem, or the one in k->alts for that code
 * (k's own stem when it has none for it).  *len and *moves (optional)
 * receive its length and stem_moves.  Borrowed from the query.
 */
DTL_API const char *dtl_qnode_stem(const struct dtl_qnode *k,
                                   const char *code, size_t *len,
                                   int *moves);

/** Free a string returned by the library.  NULL is a no-op. */
DTL_API void dtl_free_string(char *s);

#ifdef __cplusplus
}
#endif
#endif
