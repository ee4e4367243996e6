/* Dateline: tests for the function words of any-word queries
 * (src/stopword.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each list must be sorted (the lookup is a binary search) and hold words
 * exactly as the analyser of its language gives them, or a word of the
 * list would never meet a query word.  The table below checks the lookup
 * itself, words that must stay (negations and words that carry meaning)
 * included.
 */
#include <config.h>
#include "dateline/analyser.h"

#include <stdio.h>
#include <string.h>

#include "../../src/stopword.h"
#include "../lib/tap.h"
#include "../../src/banned.h"

static const char *const langs[] = {
    "english", "french", "german", "spanish", "italian", "portuguese",
    "dutch", NULL
};

/* language, folded term, 1 if a function word */
static const struct {
    const char *lang, *term;
    int want;
} rows[] = {
    {"english", "the", 1},
    {"english", "whom", 1},
    {"english", "not", 0},
    {"english", "more", 0},
    {"english", "oil", 0},
    {"french", "le", 1},
    {"french", "ete", 1},       /* été, as folded */
    {"french", "été", 0},       /* never a folded term */
    {"french", "pas", 0},
    {"french", "sans", 0},
    {"german", "fur", 1},       /* für */
    {"german", "dass", 1},      /* daß folds to dass */
    {"german", "nicht", 0},
    {"german", "kein", 0},
    {"german", "ohne", 0},
    {"spanish", "tambien", 1},
    {"spanish", "no", 0},
    {"spanish", "sin", 0},
    {"italian", "perche", 1},
    {"italian", "non", 0},
    {"portuguese", "voce", 1},
    {"portuguese", "nao", 0},
    {"dutch", "omdat", 1},
    {"dutch", "niet", 0},
    {"dutch", "geen", 0},
    /* a language without a list, and no language */
    {"swedish", "och", 0},
    {NULL, "the", 0},
    /* a word of one language is not one of another */
    {"english", "le", 0},
    {"french", "the", 0},
};

static void
test_lists(void)
{
    const char *const *l;

    for (l = langs; *l; l++) {
        struct dtl_error err = DTL_ERROR_INIT;
        const char *const *words;
        size_t n = dtl_stopword_list(*l, &words), i, sorted = 1, same = 1;
        dtl_analyser *a = NULL;

        tap_ok(n > 0, "%s has a list (%zu words)", *l, n);
        if (dtl_analyser_new(*l, &a, &err) != DTL_OK) {
            tap_ok(0, "%s analyser: %s", *l, err.msg);
            continue;
        }
        for (i = 0; i < n; i++) {
            const char *t = NULL, *s = NULL;
            size_t tn = 0, sn = 0, wn = strlen(words[i]);

            if (i > 0 && strcmp(words[i - 1], words[i]) >= 0) {
                tap_diag("%s: \"%s\" after \"%s\"", *l, words[i],
                         words[i - 1]);
                sorted = 0;
            }
            if (dtl_analyser_word(a, words[i], wn, &t, &tn, &s, &sn) !=
                    DTL_OK || !t || tn != wn || memcmp(t, words[i], wn)) {
                tap_diag("%s: \"%s\" is analysed as \"%.*s\"", *l,
                         words[i], t ? (int)tn : 0, t ? t : "");
                same = 0;
            }
            if (!dtl_stopword_is(*l, words[i], wn))
                same = 0;
        }
        tap_ok(sorted, "%s's list is sorted, without repeats", *l);
        tap_ok(same, "%s's words are their own analysed form and found",
               *l);
        dtl_analyser_free(a);
    }
}

int
main(void)
{
    size_t i;

    test_lists();
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        tap_is_int(dtl_stopword_is(rows[i].lang, rows[i].term,
                                   strlen(rows[i].term)),
                   rows[i].want, rows[i].term);
    return tap_done();
}
