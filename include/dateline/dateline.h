/* Dateline: full-text search for news archives.  The public C API.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.  See COPYING.
 *
 * Include this header; it brings in every public area:
 *   status.h    status codes and struct dtl_error
 *   stamp.h     entry timestamps, zones, user date expressions
 *   page.h      pages, entries and the plain-text reader
 *   analyser.h  the text analyser (normalise, tokenise, stem)
 *   query.h     the query language
 *   index.h     the on-disk index
 *   search.h    indexing pages and searching with snippets
 *   ingest.h    byte streams, WARC, JSON Lines, URL identity
 *   pipeline.h  indexing many pages in parallel with bounded memory
 */
#ifndef DTL_DATELINE_DATELINE_H
#define DTL_DATELINE_DATELINE_H

#include "dateline/status.h"
#include "dateline/stamp.h"
#include "dateline/page.h"
#include "dateline/analyser.h"
#include "dateline/query.h"
#include "dateline/index.h"
#include "dateline/search.h"
#include "dateline/ingest.h"
#include "dateline/html.h"
#include "dateline/admin.h"
#include "dateline/pipeline.h"
#include "dateline/synonyms.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version, "MAJOR.MINOR.PATCH" (static storage). */
DTL_API const char *dtl_version(void);

#ifdef __cplusplus
}
#endif
#endif
