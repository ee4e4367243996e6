/* Dateline: function words that any-word queries leave out.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An any-word query ranks entries by the sum of their words' BM25
 * weights.  Function words ("what", "are", "the") occur everywhere and
 * say nothing about the topic, yet a word rare in a small or specialised
 * archive still gets a high weight, and a question such as "what
 * problems of heat conduction have been solved" then ranks entries by
 * "what" and "been" as much as by "heat".  Dropping them from any-word
 * queries raised MAP on every collection of tools/releval (see
 * src/query.c).  The list is English grammar's closed classes: articles,
 * pronouns, auxiliary and modal verbs, the commonest prepositions and
 * conjunctions, question words.  Words that carry meaning in news
 * ("no", "not", "up", "down", "over", "out", "more") are not in it.
 * Pure code: a binary search over a sorted table.
 */
#include <config.h>
#include "stopword.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Sorted bytewise, for bsearch (tests/unit/t-query.c looks each up). */
static const char *const english[] = {
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing",
    "during", "each", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "may", "me", "might",
    "must", "my", "myself", "of", "on", "or", "our", "ours", "ourselves",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "upon", "very", "was",
    "we", "were", "what", "when", "where", "whether", "which", "while",
    "who", "whom", "whose", "why", "will", "with", "within", "would", "you",
    "your", "yours", "yourself", "yourselves",
};

#define N_ENGLISH (sizeof(english) / sizeof(english[0]))

struct key {
    const char *p;
    size_t n;
};

static int
cmp_key(const void *k, const void *e)
{
    const struct key *key = k;
    const char *w = *(const char *const *)e;
    size_t wn = strlen(w);
    int c = memcmp(key->p, w, key->n < wn ? key->n : wn);

    if (c)
        return c;
    return key->n < wn ? -1 : key->n > wn;
}

int
dtl_stopword_is(const char *lang, const char *term, size_t n)
{
    struct key k;

    if (!lang || !term || strcmp(lang, "english") != 0 || n == 0 || n > 16)
        return 0;
    k.p = term;
    k.n = n;
    return bsearch(&k, english, N_ENGLISH, sizeof(english[0]), cmp_key) !=
           NULL;
}
