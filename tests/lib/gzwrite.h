/* Dateline tests: writing gzip members for the input tests.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTL_TESTS_GZWRITE_H
#define DTL_TESTS_GZWRITE_H

#include <stddef.h>

#include "buf.h"

/* Append one gzip member holding p[0..n) to b (errors stick in b). */
void test_gzip_append(struct dtl_buf *b, const char *p, size_t n);

#endif
