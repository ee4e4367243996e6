/* Dateline tests: a tiny TAP producer for unit tests.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: call tap_ok()/tap_is_*() for each check, then
 * `return tap_done();` from main.  The plan is printed at the end.
 */
#ifndef DTL_TESTS_TAP_H
#define DTL_TESTS_TAP_H

#include <stddef.h>
#include <stdint.h>

/* One check; name is printf-style.  Returns cond. */
int tap_ok(int cond, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Compare strings (either may be NULL); prints both on failure. */
int tap_is_str(const char *got, const char *want, const char *name);
/* Compare n bytes of got with the NUL-terminated want. */
int tap_is_mem(const char *got, size_t n, const char *want,
               const char *name);
int tap_is_int(long long got, long long want, const char *name);
/* A diagnostic line ("# ..."). */
void tap_diag(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Skip the whole test program with a reason (exits 0). */
void tap_skip_all(const char *reason);
/* Print the plan; returns the exit status for main. */
int tap_done(void);

#endif
