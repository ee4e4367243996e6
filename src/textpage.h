/* Dateline: the plain-text page reader (private interface).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/textpage.c implements dtl_text_read() and the dtl_page accessors
 * declared in include/dateline/page.h.  This header adds what only the
 * tests and the test tool need: a stable textual dump of a page, which
 * `dtl-test-tool split` prints and the expected files under tests/data hold.
 */
#ifndef DTL_SRC_TEXTPAGE_H
#define DTL_SRC_TEXTPAGE_H

#include "buf.h"
#include "dateline/page.h"

/* Most stamp and date lines a page may hold (hostile input: each costs
 * an entry); dtl_text_read() refuses a page with more with DTL_ELIMIT.
 * Real live blogs have a few thousand entries at most. */
#define DTL_TEXT_MAX_MARKS ((size_t)1 << 17)

/*
 * Append a dump of page to out, one block per entry in page order:
 *
 *     entry N lead|stamp <ISO time or ->
 *     headline: <headline>
 *     body: <first paragraph>
 *           <next paragraph>...
 *
 * N counts from 0 as dtl_page_entry() does.  Paragraphs never start with
 * white space, so an indented line always continues the body above it.
 * Errors stick in out (check dtl_buf_status()).  NULL page appends nothing.
 */
void dtl_page_dump(const dtl_page *page, struct dtl_buf *out);

#endif
