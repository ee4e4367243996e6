/* Dateline: function words that any-word queries leave out.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Used by the query parser (src/query.c) only: the index keeps every
 * word, so phrases and all-words queries still find "the who".
 */
#ifndef DTL_SRC_STOPWORD_H
#define DTL_SRC_STOPWORD_H

#include <stddef.h>

/* 1 if term[0..n) (folded, as the analyser gives it) is a function word
 * of language lang (an analyser language name); 0 otherwise, and always
 * for a language without a list (english and porter, french, german,
 * spanish, italian, portuguese and dutch have one). */
int dtl_stopword_is(const char *lang, const char *term, size_t n);

/* Language lang's list, sorted bytewise, into *words (static storage);
 * returns its length, 0 (and NULL) for a language without one.  For
 * tests. */
size_t dtl_stopword_list(const char *lang, const char *const **words);

#endif
