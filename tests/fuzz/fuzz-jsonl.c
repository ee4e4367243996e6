/* Dateline fuzz target: JSON Lines (dtl_source_read on a JSONL stream).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input, with a '{' put in front so that it is read as JSON Lines,
 * goes through dtl_source_read(); every page handed over must be well
 * formed (entries in range, strings set), line numbers must grow.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/ingest.h"

#define MAX_INPUT (256 * 1024)

static dtl_status
check_item(void *ctx, const struct dtl_item *it)
{
    size_t *line = ctx, i, n;

    if (it->line <= *line || !it->url || !it->reason)
        abort();
    *line = it->line;
    if (it->kind == DTL_ITEM_PAGE) {
        n = dtl_page_entry_count(it->page);
        for (i = 0; i < n; i++) {
            const struct dtl_entry *e = dtl_page_entry(it->page, i);
            if (!e || (!e->headline && e->headline_len) ||
                (!e->body && e->body_len))
                abort();
        }
        if (dtl_page_entry(it->page, n))
            abort();
    } else if (it->page || !it->reason[0]) {
        abort();
    }
    return DTL_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_source_opts o;
    enum dtl_source_kind kind;
    dtl_input *in = NULL;
    size_t line = 0;
    char *buf;

    if (size > MAX_INPUT)
        return 0;
    buf = malloc(size + 1);
    if (!buf)
        return 0;
    buf[0] = '{';
    memcpy(buf + 1, data, size);
    memset(&o, 0, sizeof(o));
    o.now = 1764676800;
    if (dtl_input_from_memory(buf, size + 1, &in) == DTL_OK) {
        dtl_status st = dtl_source_read(in, &o, check_item, &line, &kind,
                                        NULL);
        if (kind != DTL_SOURCE_JSONL || (st != DTL_OK && st != DTL_ENOMEM &&
                                         st != DTL_ELIMIT))
            abort();
    }
    dtl_input_free(in);
    free(buf);
    return 0;
}
