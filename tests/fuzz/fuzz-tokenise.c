/* Dateline fuzz target: the analyser (dtl_analyse) on arbitrary bytes.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Besides crashes, leaks and undefined behaviour, it checks what every
 * caller relies on, and aborts if any of it fails: byte ranges inside the
 * input and in order, positions increasing, terms and stems non-empty, at
 * most DTL_TERM_MAX bytes, valid UTF-8 without upper-case ASCII, spaces or
 * control bytes; and each token's byte range, analysed alone, gives that
 * one token again (the snippet maker depends on it).
 *
 * It also runs language detection and tag mapping (src/langdetect.c) on
 * the same bytes: each answers NULL or a canonical language name that
 * maps to itself.
 */
#include <config.h>
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dateline/analyser.h"

#define FUZZ_MAX_INPUT (1 << 20)

struct state {
    dtl_analyser *again;     /* analyses each token's range alone */
    const char *text;
    size_t n;
    size_t last_end;
    unsigned next_pos;
    int seen;
};

struct one {
    const struct dtl_token *want;
    int count;
};

/* Valid UTF-8 with no ASCII upper case, space or control byte. */
static int
clean_utf8(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, len, k;

    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c <= ' ' || c == 0x7f || (c >= 'A' && c <= 'Z'))
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c < 0xe0)
            len = 2;
        else if (c >= 0xe0 && c < 0xf0)
            len = 3;
        else if (c >= 0xf0 && c < 0xf5)
            len = 4;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (k = 1; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

static int
same_text(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

static dtl_status
compare_one(void *ctx, const struct dtl_token *t)
{
    struct one *o = ctx;

    if (o->count++ == 0 &&
        (!same_text(t->term, t->term_len, o->want->term,
                    o->want->term_len) ||
         !same_text(t->stem, t->stem_len, o->want->stem,
                    o->want->stem_len) ||
         t->start != 0 || t->end != o->want->end - o->want->start))
        abort();
    return DTL_OK;
}

static dtl_status
check(void *ctx, const struct dtl_token *t)
{
    struct state *s = ctx;
    struct one o = {t, 0};
    dtl_status st;

    if (t->start >= t->end || t->end > s->n || t->start < s->last_end)
        abort();
    if (s->seen && t->pos < s->next_pos)
        abort();
    if (!t->term || !t->stem || t->term_len == 0 || t->stem_len == 0 ||
        t->term_len > DTL_TERM_MAX || t->stem_len > DTL_TERM_MAX)
        abort();
    if (!clean_utf8(t->term, t->term_len) ||
        !clean_utf8(t->stem, t->stem_len))
        abort();
    s->last_end = t->end;
    s->next_pos = t->pos + 1;
    s->seen = 1;
    st = dtl_analyse(s->again, s->text + t->start, t->end - t->start,
                     compare_one, &o);
    if (st == DTL_ENOMEM)
        return st;
    if (st != DTL_OK || o.count != 1)
        abort();
    return DTL_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct state s = {NULL, (const char *)data, size, 0, 0, 0};
    dtl_analyser *a = NULL;
    const char *lang;
    dtl_status st;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    if (dtl_analyser_new("english", &a, NULL) != DTL_OK ||
        dtl_analyser_new("english", &s.again, NULL) != DTL_OK)
        goto out;
    st = dtl_analyse(a, (const char *)data, size, check, &s);
    if (st != DTL_OK && st != DTL_ENOMEM)
        abort();
    lang = dtl_lang_detect((const char *)data, size);
    if (lang && dtl_lang_from_tag(lang, strlen(lang)) != lang)
        abort();
    lang = dtl_lang_from_tag((const char *)data, size);
    if (lang && dtl_lang_from_tag(lang, strlen(lang)) != lang)
        abort();
out:
    dtl_analyser_free(a);
    dtl_analyser_free(s.again);
    return 0;
}
