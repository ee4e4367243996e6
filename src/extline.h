/* Dateline: the line rules of main-content extraction.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Used by src/extract.c.  The rules and their word lists are documented
 * in src/extline.c.  Lists are matched case-insensitively on ASCII and
 * the Latin-1 capitals.
 */
#ifndef DTL_SRC_EXTLINE_H
#define DTL_SRC_EXTLINE_H

#include <stddef.h>

#include "buf.h"

/* 1 if the text of a short line is boilerplate ("Advertisement", "Read
 * more", "Share this article", "© 2025 ..."). */
int dtl_extline_is_boiler(const char *p, size_t n);

/* 1 if p[0..n) is the text of a heading that opens a boilerplate section
 * ("Related articles", "Das könnte Sie auch interessieren"). */
int dtl_extline_is_heading(const char *p, size_t n);

/* Cut from b (lines, each ending in '\n') a tail of up to three short
 * lines after its last longer line: a byline, a date, a credit.  A text
 * of short lines only, or a longer run of them (a list), is left alone. */
void dtl_extline_trim_tail(struct dtl_buf *b);

/* Remove from b the calls to action ("Subscribe to...", "Follow us
 * on...", "download our apps") among its last three lines. */
void dtl_extline_trim_cta(struct dtl_buf *b);

#endif
