/* Dateline: the one allocation interface of the library.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * All library allocation goes through these so that tests can make the
 * Nth allocation fail (dtl_alloc_fail_after) and check that every caller
 * turns the failure into DTL_ENOMEM without crashing or leaking.
 */
#ifndef DTL_SRC_ALLOC_H
#define DTL_SRC_ALLOC_H

#include <stddef.h>

/* malloc/realloc/free; NULL on failure (n == 0 allocates 1 byte). */
void *dtl_malloc(size_t n);
void *dtl_realloc(void *p, size_t n);
void dtl_free(void *p);
/* calloc-like, with an overflow check on nmemb * size. */
void *dtl_calloc(size_t nmemb, size_t size);
/* Copy n bytes of p into a new NUL-terminated string; NULL on failure. */
char *dtl_strndup(const char *p, size_t n);

/* Tests only: after `n` more successful allocations, every further one
 * fails.  n < 0 disables the fault (the default).  Returns the number of
 * allocations made since the last call. */
long dtl_alloc_fail_after(long n);

#endif
