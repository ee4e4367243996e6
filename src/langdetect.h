/* Dateline: which Snowball language a text is written in.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * src/langdetect.c implements dtl_lang_detect() and dtl_lang_from_tag()
 * (include/dateline/analyser.h); the indexer (src/indexer.c) feeds it a
 * page's entries piece by piece through the accumulator below, so that a
 * page is never copied to be scored.
 */
#ifndef DTL_SRC_LANGDETECT_H
#define DTL_SRC_LANGDETECT_H

#include <stddef.h>

/* Languages with a stop-word list (more than libstemmer has). */
#define DTL_LANGDETECT_MAX 40

/* Bytes of text looked at, in all (the rest of a long page adds nothing
 * a language needs to be recognised, and costs time). */
#define DTL_LANGDETECT_SCAN 6144

/* Evidence gathered so far.  Zero-initialise (or dtl_langdetect_init()). */
struct dtl_langdetect {
    unsigned hits[DTL_LANGDETECT_MAX]; /* stop words of each language */
    unsigned words;                    /* words looked at */
    size_t bytes;                      /* bytes looked at */
};

void dtl_langdetect_init(struct dtl_langdetect *d);

/* Score p[0..n) (UTF-8; anything else is skipped), up to the scan budget
 * left.  Never reads past n. */
void dtl_langdetect_add(struct dtl_langdetect *d, const char *p, size_t n);

/* The canonical libstemmer name of the language the evidence points to,
 * or NULL when it is too thin or too evenly split.  *hits (optional)
 * receives the winner's stop-word count. */
const char *dtl_langdetect_result(const struct dtl_langdetect *d,
                                  unsigned *hits);

/* The language the evidence clearly points to when a page declares
 * `declared` (a canonical name), or NULL when the declaration stands
 * (see src/langdetect.c). */
const char *dtl_langdetect_override(const struct dtl_langdetect *d,
                                    const char *declared);

#endif
