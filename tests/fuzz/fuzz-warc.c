/* Dateline fuzz target: the WARC record reader (dtl_warc).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input (plain or gzip) is read record by record with small limits;
 * the checks: record offsets strictly grow, every string is set, a page
 * has its payload and a skipped record a reason, an error sticks.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/ingest.h"

#define MAX_INPUT (256 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_warc_opts o = { 64 * 1024, (uint64_t)8 << 20 };
    const struct dtl_warc_record *rec;
    dtl_input *in = NULL;
    dtl_warc *w = NULL;
    uint64_t last = 0;
    int first = 1;
    dtl_status st;

    if (size > MAX_INPUT)
        return 0;
    if (dtl_input_from_memory(data, size, &in) != DTL_OK)
        return 0;
    st = dtl_warc_new(in, &o, &w);
    while (st == DTL_OK) {
        st = dtl_warc_next(w, &rec, NULL);
        if (st != DTL_OK || !rec)
            break;
        if (!rec->type || !rec->target_uri || !rec->mime || !rec->charset ||
            !rec->reason || (!first && rec->offset <= last))
            abort();
        if (rec->kind == DTL_WARC_PAGE &&
            (!rec->payload || rec->payload_len > o.payload_max))
            abort();
        if (rec->kind != DTL_WARC_PAGE && (!rec->reason[0] || rec->payload))
            abort();
        last = rec->offset;
        first = 0;
    }
    if (st != DTL_OK && dtl_warc_next(w, &rec, NULL) != st)
        abort();
    dtl_warc_free(w);
    dtl_input_free(in);
    return 0;
}
