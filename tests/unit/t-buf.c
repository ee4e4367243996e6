/* Dateline tests: struct dtl_buf and the allocation fault injector.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <config.h>

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "tap.h"

static void
test_appends(void)
{
    struct dtl_buf b = DTL_BUF_INIT;
    char *p;
    size_t len;
    int i;

    tap_is_str(dtl_buf_cstr(&b), "", "untouched buffer reads as empty");
    dtl_buf_grow(&b, 100);
    tap_ok(b.p && b.p[0] == '\0', "room made in an empty buffer reads "
           "as empty");
    dtl_buf_adds(&b, "abc");
    dtl_buf_addc(&b, '-');
    dtl_buf_addf(&b, "%d/%s", 42, "x");
    tap_is_str(dtl_buf_cstr(&b), "abc-42/x", "adds, addc and addf append");
    tap_is_int((long long)b.len, 8, "length counts bytes");
    dtl_buf_truncate(&b, 3);
    tap_is_str(dtl_buf_cstr(&b), "abc", "truncate shortens");
    for (i = 0; i < 1000; i++)
        dtl_buf_add(&b, "0123456789", 10);
    tap_is_int((long long)b.len, 10003, "growth keeps every byte");
    tap_ok(b.p[b.len] == '\0', "always NUL-terminated");
    p = dtl_buf_detach(&b, &len);
    tap_is_int((long long)len, 10003, "detach gives the length");
    tap_ok(b.p == NULL && b.len == 0, "detach resets the buffer");
    dtl_free(p);
    p = dtl_buf_detach(&b, &len);
    tap_ok(p && p[0] == '\0' && len == 0, "detach of empty gives \"\"");
    dtl_free(p);
}

/* Make allocation N fail for N = 0, 1, ... until the appends succeed: each
 * time the error must stick and nothing may leak (ASan checks the leak). */
static void
test_oom(void)
{
    long n;
    int succeeded = 0;

    for (n = 0; n < 64 && !succeeded; n++) {
        struct dtl_buf b = DTL_BUF_INIT;
        int i;

        dtl_alloc_fail_after(n);
        for (i = 0; i < 100; i++)
            dtl_buf_adds(&b, "some words to grow the buffer ");
        dtl_alloc_fail_after(-1);
        if (dtl_buf_status(&b) == DTL_OK) {
            succeeded = 1;
            tap_is_int((long long)b.len, 3000, "appends after faults end");
        } else if (dtl_buf_detach(&b, NULL) != NULL) {
            tap_ok(0, "detach of a failed buffer must give NULL");
        }
        dtl_buf_release(&b);
    }
    tap_ok(succeeded, "appends succeed once allocations do (%ld faults)",
           n - 1);
}

int
main(void)
{
    test_appends();
    test_oom();
    return tap_done();
}
