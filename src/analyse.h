/* Dateline: the analyser's private side: stemming in more than one
 * language.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An analyser has its own language (the index's default, named by
 * dtl_analyser_lang() and dtl_analyser_config()) and may stem in others:
 * the indexer switches to each page's language, the query parser stems
 * each word in every language the index holds, and the snippet maker
 * switches to each entry's language.  A language's stemmer (and its
 * cache) is made the first time it is used and kept until the analyser
 * is freed.  Implemented in src/analyse.c.
 */
#ifndef DTL_SRC_ANALYSE_H
#define DTL_SRC_ANALYSE_H

#include <stddef.h>

#include "dateline/analyser.h"

/* Most languages one analyser holds (libstemmer has about 30). */
#define DTL_ANALYSER_LANGS_MAX 64

/* Stem in language lang from now on: a canonical name or any name
 * dtl_analyser_new() takes; NULL means the analyser's own language.
 * DTL_OK; DTL_EINVAL for an unknown language or too many (the analyser
 * keeps its current language); DTL_ENOMEM. */
dtl_status dtl_analyser_use(dtl_analyser *a, const char *lang);

/* The canonical name of the language stemming is in now. */
const char *dtl_analyser_current(const dtl_analyser *a);

/* The languages the analyser has used or been given: index 0 is its own,
 * the others in the order they came.  NULL past the end. */
const char *dtl_analyser_lang_at(const dtl_analyser *a, size_t i);

#endif
