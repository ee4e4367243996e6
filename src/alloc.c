/* Dateline: allocation wrappers with fault injection for OOM tests.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The counters are plain globals: fault injection is a single-threaded
 * test facility and costs one branch per allocation otherwise.
 */
#include <config.h>
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static long fail_after = -1;  /* allocations left before failing; <0 off */
static long alloc_count;      /* allocations since the last reset */

static int
should_fail(void)
{
    alloc_count++;
    if (fail_after < 0)
        return 0;
    if (fail_after == 0)
        return 1;
    fail_after--;
    return 0;
}

long
dtl_alloc_fail_after(long n)
{
    long made = alloc_count;

    fail_after = n;
    alloc_count = 0;
    return made;
}

void *
dtl_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *
dtl_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void *
dtl_calloc(size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void
dtl_free(void *p)
{
    free(p);
}

char *
dtl_strndup(const char *p, size_t n)
{
    char *s;

    if (n == SIZE_MAX)
        return NULL;
    s = dtl_malloc(n + 1);
    if (!s)
        return NULL;
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}
