/* Dateline: byte streams (private interface of src/input.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The public calls are in include/dateline/ingest.h; this header adds
 * what the other readers (src/warc.c) share with the stream code.
 */
#ifndef DTL_SRC_INPUT_H
#define DTL_SRC_INPUT_H

#include <zlib.h>

/* Zero *z and make zlib allocate through dtl_malloc, so that its
 * failures are ordinary DTL_ENOMEM (and tests can inject them). */
void dtl_zstream_prepare(z_stream *z);

#endif
