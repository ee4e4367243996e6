/* Dateline: checking a query against one entry's stored text.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The index stores no word positions (layout 3, index/xapian-shim.cc):
 * the search gives Xapian the AND of a phrase's words, and its match
 * decider calls dtl_verify_entry() on each candidate, which analyses the
 * stored fields again with the index's analyser and evaluates the whole
 * query tree exactly, phrases included.
 */
#ifndef DTL_SRC_VERIFY_H
#define DTL_SRC_VERIFY_H

#include <stddef.h>

#include "dateline/analyser.h"
#include "dateline/query.h"

/*
 * Does the entry whose stored record (src/docdata.c) is data[0..n) match
 * the tree root?  A TERM matches as the index would match it; a PHRASE
 * matches when its words follow each other, in order, within one field
 * (headline and body are separate fields for an unqualified phrase).
 * Returns 1 or 0; -1 when the record cannot be decoded or memory runs
 * out (the caller then keeps the entry: the index matched it).
 */
int dtl_verify_entry(dtl_analyser *a, const struct dtl_qnode *root,
                     const char *data, size_t n);

#endif
