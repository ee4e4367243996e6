/* Dateline fuzz target: the tolerant JSON-LD reader (dtl_jsonld_add).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Feeds arbitrary bytes to dtl_jsonld_add() as one ld+json block, twice
 * into the same reader (pages carry several blocks), and checks that the
 * updates it keeps are NUL-terminated strings within the update limit.
 * The repair pass (trailing commas, raw control characters, unclosed
 * brackets) runs on every input jansson rejects.  Seeds:
 * tests/fuzz/corpus/jsonld/.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "jsonld.h"

#define FUZZ_MAX_INPUT ((size_t)1 << 20)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dtl_jsonld j;
    size_t i;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    dtl_jsonld_init(&j);
    (void)dtl_jsonld_add(&j, (const char *)data, size);
    (void)dtl_jsonld_add(&j, (const char *)data, size);
    if (j.n_upd > DTL_JSONLD_MAX_UPDATES)
        abort();
    for (i = 0; i < j.n_upd; i++)
        if (!j.upd[i].headline || !j.upd[i].body || !j.upd[i].url)
            abort();
    if (j.headline.len != (j.headline.p ? strlen(j.headline.p) : 0) &&
        j.headline.p && memchr(j.headline.p, '\0', j.headline.len) == NULL)
        abort();
    dtl_jsonld_release(&j);
    return 0;
}
