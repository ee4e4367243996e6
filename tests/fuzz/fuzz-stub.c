/* Dateline fuzz target: Xapian stub files (src/stub.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Parses the input from an exact-size copy (so ASan sees any read past
 * n), and checks what the sharded-index code relies on: every accepted
 * shard has a known type and an argument without newlines, and the
 * formatted stub parses back to the same text.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "dateline/admin.h"

/* Stubs are small; larger inputs only repeat lines. */
#define FUZZ_MAX_INPUT (64 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dtl_stub *s = NULL, *again = NULL;
    char *copy, *text = NULL, *text2 = NULL;
    size_t i, len = 0;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    if (dtl_stub_parse(copy, size, &s, NULL) == DTL_OK) {
        for (i = 0; i < dtl_stub_count(s); i++) {
            const struct dtl_stub_shard *sh = dtl_stub_get(s, i);

            if (!sh || strpbrk(sh->arg, "\r\n") ||
                (strcmp(sh->type, "inmemory") != 0 && !sh->arg[0]))
                abort();
        }
        if (dtl_stub_format(s, &text, &len) == DTL_OK) {
            if (dtl_stub_parse(text, len, &again, NULL) != DTL_OK ||
                dtl_stub_count(again) != dtl_stub_count(s) ||
                dtl_stub_format(again, &text2, NULL) != DTL_OK ||
                strcmp(text, text2) != 0)
                abort();
        }
    } else if (s) {
        abort();
    }
    dtl_free(text);
    dtl_free(text2);
    dtl_stub_free(again);
    dtl_stub_free(s);
    free(copy);
    return 0;
}
