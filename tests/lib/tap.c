/* Dateline tests: a tiny TAP producer (see tap.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <config.h>
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_tests;
static int n_failed;

static int
report(int cond, const char *fmt, va_list ap)
{
    n_tests++;
    if (!cond)
        n_failed++;
    printf("%sok %d - ", cond ? "" : "not ", n_tests);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

int
tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(cond, fmt, ap);
    va_end(ap);
    return cond;
}

static int
call_report(int cond, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(cond, fmt, ap);
    va_end(ap);
    return cond;
}

int
tap_is_str(const char *got, const char *want, const char *name)
{
    int ok = (got == NULL && want == NULL) ||
             (got && want && strcmp(got, want) == 0);

    call_report(ok, "%s", name);
    if (!ok) {
        tap_diag("     got: %s%s%s", got ? "'" : "", got ? got : "NULL",
                 got ? "'" : "");
        tap_diag("expected: %s%s%s", want ? "'" : "", want ? want : "NULL",
                 want ? "'" : "");
    }
    return ok;
}

int
tap_is_mem(const char *got, size_t n, const char *want, const char *name)
{
    int ok = got && want && strlen(want) == n && memcmp(got, want, n) == 0;

    call_report(ok, "%s", name);
    if (!ok) {
        tap_diag("     got: '%.*s'", got ? (int)n : 4, got ? got : "NULL");
        tap_diag("expected: '%s'", want ? want : "NULL");
    }
    return ok;
}

int
tap_is_int(long long got, long long want, const char *name)
{
    int ok = got == want;

    call_report(ok, "%s", name);
    if (!ok)
        tap_diag("got %lld, expected %lld", got, want);
    return ok;
}

void
tap_diag(const char *fmt, ...)
{
    va_list ap;

    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

void
tap_skip_all(const char *reason)
{
    printf("1..0 # SKIP %s\n", reason);
    exit(0);
}

int
tap_done(void)
{
    printf("1..%d\n", n_tests);
    if (n_failed)
        tap_diag("%d of %d checks failed", n_failed, n_tests);
    return n_failed ? 1 : 0;
}
