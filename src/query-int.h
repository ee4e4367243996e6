/* Dateline: private parts of the query module.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shared by src/query.c (the parser, which builds trees) and
 * src/query-dump.c (which owns the query object and prints and relaxes
 * trees).  Every node, kid array
 * and string of a query lives in one arena owned by the query, so a failed
 * parse or a freed query releases everything with one walk over a short
 * list of chunks, and no error path has to free a half-built tree.
 */
#ifndef DTL_SRC_QUERY_INT_H
#define DTL_SRC_QUERY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/query.h"

/* One block of arena memory; data follows the header. */
struct dtl_qchunk {
    struct dtl_qchunk *next; /* older chunk */
    size_t used;             /* bytes handed out from data */
    size_t cap;              /* bytes of data */
};

struct dtl_query {
    struct dtl_qchunk *arena; /* newest chunk first */
    struct dtl_qnode *root;   /* NULL for an empty query */
    int64_t since;            /* DTL_TS_NONE when unset */
    int64_t until;            /* DTL_TS_NONE when unset */
    char *warning;            /* in the arena; "" when nothing repaired */
};

/* A new, empty query (root NULL, no filters, warning "").  NULL when out
 * of memory.  Free with dtl_query_free(). */
struct dtl_query *dtl_query_alloc(void);

/* size zeroed bytes from q's arena, aligned for any object; NULL when out
 * of memory.  Lives as long as q. */
void *dtl_query_arena_alloc(struct dtl_query *q, size_t size);

/* Copy p[0..n) NUL-terminated into q's arena; NULL when out of memory. */
char *dtl_query_arena_strndup(struct dtl_query *q, const char *p, size_t n);

/* A node of kind op with room for cap kids (n_kids 0); NULL when out of
 * memory.  Field ANY, no term. */
struct dtl_qnode *dtl_query_node_new(struct dtl_query *q, enum dtl_qop op,
                                     size_t cap);

#endif
