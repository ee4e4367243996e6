/* Dateline tests: writing gzip members for the input tests.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The unit tests of src/input.c, src/warc.c and src/source.c build their
 * compressed streams in memory with zlib's deflate.
 */
#include <config.h>
#include "gzwrite.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

void
test_gzip_append(struct dtl_buf *b, const char *p, size_t n)
{
    z_stream z;
    unsigned char out[1 << 16];
    int zr;

    memset(&z, 0, sizeof(z));
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    do {
        z.next_out = out;
        z.avail_out = sizeof(out);
        zr = deflate(&z, Z_FINISH);
        dtl_buf_add(b, out, sizeof(out) - z.avail_out);
    } while (zr == Z_OK);
    deflateEnd(&z);
}
