/* Dateline: the main content of an HTML page, as text.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/html.c calls dtl_extract_main() after the metadata and live-blog
 * readers have seen the tree, because extraction prunes the tree in place.
 * Relies on src/dom.c.
 */
#ifndef DTL_SRC_EXTRACT_H
#define DTL_SRC_EXTRACT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "dateline/status.h"

/*
 * Append the main text of doc to out: one block (paragraph, heading,
 * list item, quote, table row) a line.  Boilerplate (navigation, asides,
 * related lists, share and comment blocks, cookie notices, footers) is
 * removed from the tree first.  title (may be empty) is the page's title:
 * a heading that repeats it is left out, as the title is metadata.
 * Returns DTL_OK or DTL_ENOMEM.
 */
dtl_status dtl_extract_main(xmlDoc *doc, const char *title, size_t title_len,
                            struct dtl_buf *out);

/*
 * The rescue pass, for a page whose main text came out (nearly) empty:
 * pages built by scripts that carry their text in <noscript>, forums
 * wrapped in one <form>, pages whose only prose sits in an element named
 * like boilerplate.  doc must be a fresh parse (dtl_extract_main() has
 * pruned its tree); it is pruned here too.  Only scripts, hidden elements,
 * navigation, asides, footers and dialogs are dropped, <noscript> is read,
 * and the long, link-poor blocks of the body are appended to out, one a
 * line.  Returns DTL_OK or DTL_ENOMEM.
 */
dtl_status dtl_extract_rescue(xmlDoc *doc, const char *title,
                              size_t title_len, struct dtl_buf *out);

/*
 * Append the text of a live-blog update (the subtree at n) as blocks, one
 * a line, as dtl_extract_main() does, leaving out the subtree at skip
 * (its heading; may be NULL) and the update's furniture: <time>, and
 * elements named for times, bylines and share buttons.
 */
void dtl_extract_entry(const xmlNode *n, const xmlNode *skip,
                       struct dtl_buf *out);

#endif
