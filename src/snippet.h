/* Dateline: the best passage of an entry's text, for a query tree.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The private half of src/snippet.c.  dtl_snippet() (dateline/search.h)
 * takes a parsed query; src/search.c passes the tree the index matched
 * with instead (dtl_hits_tree(): the query's words and the synonyms they
 * were expanded to), so that a word found through a synonym is marked
 * like the word itself.
 */
#ifndef DTL_SRC_SNIPPET_H
#define DTL_SRC_SNIPPET_H

#include <stddef.h>

#include "dateline/analyser.h"
#include "dateline/query.h"
#include "dateline/status.h"

/* dtl_snippet() for the tree at root (NULL: nothing to mark, the start
 * of the text).  root is only read; outputs and errors as dtl_snippet(). */
dtl_status dtl_snippet_tree(dtl_analyser *a, const struct dtl_qnode *root,
                            const char *text, size_t n, size_t max,
                            char **out, size_t **marks, size_t *n_marks);

#endif
