/* Dateline fuzz target: synonym files (src/synonyms.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Parses the input from an exact-size copy (so ASan sees any read past
 * n) with the English analyser, and checks what the index side relies
 * on: every pair has a one-word key with a stem, and a synonym of at most
 * DTL_SYNONYMS_MAX_WORDS words within DTL_SYNONYMS_MAX_LEN bytes, sorted
 * and without repeats, never the key itself.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/synonyms.h"

/* Synonym files are read whole; larger inputs only repeat lines. */
#define FUZZ_MAX_INPUT (256 * 1024)

static int
words_in(const char *s)
{
    int n = 1;

    for (; *s; s++)
        if (*s == ' ')
            n++;
    return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dtl_analyser *a;
    dtl_synonyms *s = NULL;
    char *copy;
    size_t i;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    if (!a && dtl_analyser_new("english", &a, NULL) != DTL_OK)
        abort();
    copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    if (dtl_synonyms_parse(copy, size, "fuzz", a, &s, NULL) == DTL_OK) {
        const char *pk = NULL, *ps = NULL;

        for (i = 0; i < dtl_synonyms_count(s); i++) {
            const char *key, *stem, *syn;

            if (dtl_synonyms_get(s, i, &key, &stem, &syn) != DTL_OK ||
                !key[0] || strchr(key, ' ') || !stem[0] || !syn[0] ||
                strcmp(key, syn) == 0 || strlen(syn) > DTL_SYNONYMS_MAX_LEN ||
                words_in(syn) > DTL_SYNONYMS_MAX_WORDS)
                abort();
            if (pk && (strcmp(pk, stem) > 0 ||
                       (strcmp(pk, stem) == 0 && strcmp(ps, syn) >= 0)))
                abort();
            pk = stem;
            ps = syn;
        }
        if (dtl_synonyms_get(s, i, NULL, NULL, NULL) != DTL_EINVAL)
            abort();
    }
    dtl_synonyms_free(s);
    free(copy);
    return 0;
}
