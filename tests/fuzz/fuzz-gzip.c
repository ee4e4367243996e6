/* Dateline fuzz target: byte streams with gzip anywhere (dtl_input).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input is read as a stream (plain or gzip members) with a small
 * record limit, in odd-sized reads and peeks; the checks: offsets grow by
 * exactly the bytes delivered, an error sticks and names an offset no
 * further than what was delivered.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>

#include "dateline/ingest.h"

#define MAX_INPUT (256 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_input *in = NULL;
    uint64_t total = 0;
    char buf[997];
    size_t got, step = 0;
    dtl_status st;

    if (size > MAX_INPUT)
        return 0;
    if (dtl_input_from_memory(data, size, &in) != DTL_OK)
        return 0;
    dtl_input_set_limit(in, (uint64_t)4 << 20);
    for (;;) {
        const char *p;
        size_t n;

        if (step++ % 3 == 0) {
            st = dtl_input_peek(in, 100, &p, &n, &err);
            if (st != DTL_OK)
                break;
            if (n == 0)
                break;
            dtl_input_consume(in, n / 2 + 1);
            total += n / 2 + 1;
        } else {
            st = dtl_input_read(in, buf, sizeof(buf), &got, &err);
            if (st != DTL_OK || got == 0)
                break;
            total += got;
        }
        if (dtl_input_offset(in) != total)
            abort();
    }
    if (st != DTL_OK) {
        if (err.code != st || err.offset > total)
            abort();
        if (dtl_input_read(in, buf, sizeof(buf), &got, NULL) != st)
            abort();
    }
    dtl_input_free(in);
    return 0;
}
