/* Dateline tests: snippets and their marks (src/snippet.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Each row gives a text, a query string (parsed with the English
 * analyser) and the longest snippet; the expected snippet shows the marks
 * as [..].  Then: invariants on every row, a multi-megabyte text (the
 * window must be found in linear time), and an out-of-memory loop.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "analyse.h"
#include "buf.h"
#include "dateline/search.h"
#include "tap.h"

#define LONG_TEXT                                                           \
    "The first sentence talks about nothing much at all. The second one "  \
    "is also filler text for the test. Then the military trainer from "    \
    "Britain was detained in Kyiv. After that more filler follows here "   \
    "and there until the very end of the text."

static const struct row {
    const char *text, *query;
    size_t max;
    const char *want;
} rows[] = {
    /* Stemming both ways. */
    {"Two trainers were detained.", "trainer", 300,
     "Two [trainers] were detained."},
    {"The military trainer was accused.", "trainers", 300,
     "The military [trainer] was accused."},
    {"Our defense partnership and defensive partners.", "defense", 300,
     "Our [defense] partnership and [defensive] partners."},
    /* Words of a phrase, and a quoted word, match exactly. */
    {"Our defense partnership and defensive partners.",
     "\"defense partnership\"", 300,
     "Our [defense] [partnership] and defensive partners."},
    {"Military trainers train; the trainer trained.", "\"trainer\"", 300,
     "Military trainers train; the [trainer] trained."},
    {LONG_TEXT, "\"military trainer\" britain", 300,
     "The first sentence talks about nothing much at all. The second one "
     "is also filler text for the test. Then the [military] [trainer] "
     "from [Britain] was detained in Kyiv. After that more filler follows "
     "here and there until the very end of the text."},
    /* Accents fold both ways. */
    {"the \xc3\x89lys\xc3\xa9""e Palace caf\xc3\xa9.", "elysee cafe", 300,
     "the [\xc3\x89lys\xc3\xa9""e] Palace [caf\xc3\xa9]."},
    {"the elysee Palace cafe.", "\xc3\x89lys\xc3\xa9""e caf\xc3\xa9", 300,
     "the [elysee] Palace [cafe]."},
    /* Possessives: the whole word is marked. */
    {"Russia's forces. Zelensky\xe2\x80\x99s visit", "russia zelensky",
     300, "[Russia's] forces. [Zelensky\xe2\x80\x99s] visit"},
    {"NATO-led forces", "nato", 300, "[NATO]-led forces"},
    /* Operators: NOT's exclusions are not marked; OR marks both. */
    {"Russia trainer and Russia", "trainer -russia", 300,
     "Russia [trainer] and Russia"},
    {"a trainer or a soldier", "trainer OR soldier", 300,
     "a [trainer] or a [soldier]"},
    /* Fields do not matter for highlighting. */
    {"Two trainers were detained in Kyiv.", "headline:trainer source:kyiv",
     300, "Two [trainers] were detained in [Kyiv]."},
    /* White space runs collapse; none at the ends. */
    {"  a\n\n  b   trainer\t\tc \n", "trainer", 300, "a b [trainer] c"},
    /* Cut at both ends, on word boundaries, from a sentence start. */
    {LONG_TEXT, "trainer", 80,
     "\xe2\x80\xa6Then the military [trainer] from Britain was detained in "
     "Kyiv. After that\xe2\x80\xa6"},
    {LONG_TEXT, "trainer kyiv", 60,
     "\xe2\x80\xa6[trainer] from Britain was detained in [Kyiv]. "
     "After\xe2\x80\xa6"},
    {LONG_TEXT, "filler", 50,
     "\xe2\x80\xa6is also [filler] text for the test. Then the\xe2\x80\xa6"},
    /* Cut at the start only: the match is near the end. */
    {LONG_TEXT, "end", 50,
     "\xe2\x80\xa6here and there until the very [end] of the text."},
    /* No match, or no words: the start of the text. */
    {LONG_TEXT, "zebra", 40,
     "The first sentence talks about\xe2\x80\xa6"},
    {LONG_TEXT, "", 40, "The first sentence talks about\xe2\x80\xa6"},
    {LONG_TEXT, "-trainer", 40, "The first sentence talks about\xe2\x80\xa6"},
    /* More distinct words beat more matches of one word. */
    {"alpha one two three four five six seven eight nine ten alpha beta "
     "gamma eleven twelve thirteen", "alpha beta", 30,
     "\xe2\x80\xa6[alpha] [beta] gamma\xe2\x80\xa6"},
    {"alpha alpha alpha words in between here then beta alpha",
     "alpha OR beta", 20, "\xe2\x80\xa6then [beta] [alpha]"},
    /* Same words: more matches win, then the earliest. */
    {"beta once here. filler filler filler filler filler. beta beta "
     "together", "beta", 30,
     "\xe2\x80\xa6" "filler. [beta] [beta] together"},
    {"alpha is first here and then many other words follow until alpha "
     "again", "alpha", 20, "[alpha] is first\xe2\x80\xa6"},
    /* Degenerate sizes. */
    {"", "trainer", 300, ""},
    {"   \n\t ", "trainer", 300, ""},
    {LONG_TEXT, "trainer", 6, ""},
    {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "x", 20,
     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
     "\xc3\xa9\xe2\x80\xa6"},
    {"Trainer", "trainer", 7, "[Trainer]"},
    {NULL, NULL, 0, NULL}
};

/* The snippet with each mark shown as [..]; NULL if the marks are not
 * ascending, disjoint and inside the snippet. */
static char *
show(const char *s, const size_t *marks, size_t n_marks)
{
    struct dtl_buf b = DTL_BUF_INIT;
    size_t len = strlen(s), i, at = 0;

    for (i = 0; i < n_marks; i++) {
        size_t st = marks[2 * i], en = marks[2 * i + 1];

        if (st < at || en <= st || en > len) {
            dtl_buf_release(&b);
            return NULL;
        }
        dtl_buf_add(&b, s + at, st - at);
        dtl_buf_addc(&b, '[');
        dtl_buf_add(&b, s + st, en - st);
        dtl_buf_addc(&b, ']');
        at = en;
    }
    dtl_buf_adds(&b, s + at);
    return dtl_buf_detach(&b, NULL);
}

static void
test_rows(dtl_analyser *a)
{
    const struct row *r;

    for (r = rows; r->text; r++) {
        dtl_query *q = NULL;
        char *out = NULL, *shown;
        size_t *marks = NULL, n_marks = 0;
        dtl_status st;

        st = dtl_query_parse(r->query, strlen(r->query), a, NULL, &q,
                             NULL);
        if (st != DTL_OK) {
            tap_ok(0, "query '%s' parses", r->query);
            continue;
        }
        st = dtl_snippet(a, q, r->text, strlen(r->text), r->max, &out,
                         &marks, &n_marks);
        tap_is_int(st, DTL_OK, "snippet made");
        if (st == DTL_OK) {
            tap_ok(strlen(out) <= r->max, "'%s' within %zu bytes",
                   r->query, r->max);
            shown = show(out, marks, n_marks);
            tap_ok(shown != NULL, "marks are ordered and inside");
            tap_is_str(shown, r->want, r->query);
            dtl_free(shown);
        }
        dtl_free_string(out);
        dtl_free_marks(marks);
        dtl_query_free(q);
    }
}

/* A NULL query (no words) and bad arguments. */
static void
test_args(dtl_analyser *a)
{
    char *out = NULL;
    size_t *marks = NULL, n_marks = 7;

    tap_is_int(dtl_snippet(a, NULL, "Some text here", 14, 9, &out, &marks,
                           &n_marks), DTL_OK, "NULL query");
    tap_is_str(out, "Some\xe2\x80\xa6", "NULL query: start of the text");
    tap_ok(marks == NULL && n_marks == 0, "NULL query: no marks");
    dtl_free_string(out);
    tap_is_int(dtl_snippet(NULL, NULL, "x", 1, 9, &out, &marks, &n_marks),
               DTL_EINVAL, "no analyser");
    tap_ok(out == NULL && marks == NULL && n_marks == 0,
           "outputs cleared on failure");
    tap_is_int(dtl_snippet(a, NULL, NULL, 3, 9, &out, &marks, &n_marks),
               DTL_EINVAL, "NULL text with a length");
    dtl_free_marks(NULL);
}

/* NULs and other control characters never reach the snippet, so it is
 * one printable line whose length strlen() gives. */
static void
test_controls(dtl_analyser *a)
{
    static const char text[] = "\0Two\0\0trainers\x01were\x7f\x1b[31m";
    dtl_query *q = NULL;
    char *out = NULL, *shown = NULL;
    size_t *marks = NULL, n_marks = 0;

    if (dtl_query_parse("trainer", 7, a, NULL, &q, NULL) == DTL_OK
        && dtl_snippet(a, q, text, sizeof(text) - 1, 300, &out, &marks,
                       &n_marks) == DTL_OK)
        shown = show(out, marks, n_marks);
    tap_is_str(shown, "Two [trainers] were [31m", "control characters");
    dtl_free(shown);
    dtl_free_string(out);
    dtl_free_marks(marks);
    dtl_query_free(q);
}

/* Megabytes of text with thousands of matches of one word and a single
 * place holding both words, near the end: a quadratic window search
 * would not finish. */
static void
test_large(dtl_analyser *a)
{
    static const char filler[] =
        "Filler words about nothing in particular; alpha shows up often.\n";
    struct dtl_buf text = DTL_BUF_INIT;
    dtl_query *q = NULL;
    char *out = NULL;
    size_t *marks = NULL, n_marks = 0, i;
    dtl_status st;

    for (i = 0; i < 8 * 1024 * 1024 / (sizeof(filler) - 1); i++) {
        dtl_buf_add(&text, filler, sizeof(filler) - 1);
        if (i == 120000)
            dtl_buf_adds(&text, "Here alpha and beta meet at last. ");
    }
    st = dtl_query_parse("alpha beta", 10, a, NULL, &q, NULL);
    if (st == DTL_OK)
        st = dtl_snippet(a, q, text.p, text.len, DTL_SNIPPET_MAX, &out,
                         &marks, &n_marks);
    tap_ok(st == DTL_OK, "snippet of %zu bytes", text.len);
    tap_ok(out && strstr(out, "Here alpha and beta meet") != NULL,
           "the one window with both words is found");
    tap_ok(out && strlen(out) <= DTL_SNIPPET_MAX, "within the limit");
    dtl_free_string(out);
    dtl_free_marks(marks);
    dtl_query_free(q);
    dtl_buf_release(&text);
}

/* Make allocation N fail for N = 0, 1, ... until dtl_snippet succeeds. */
static void
test_oom(dtl_analyser *a)
{
    dtl_query *q = NULL;
    long n;
    int ok = 0, bad = 0;

    if (dtl_query_parse("trainer kyiv OR britain", 23, a, NULL, &q, NULL)
        != DTL_OK) {
        tap_ok(0, "OOM query parses");
        return;
    }
    for (n = 0; n < 200 && !ok; n++) {
        char *out = NULL;
        size_t *marks = NULL, n_marks = 0;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_snippet(a, q, LONG_TEXT, strlen(LONG_TEXT), 60, &out,
                         &marks, &n_marks);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            char *shown = show(out, marks, n_marks);

            ok = 1;
            tap_is_str(shown, "\xe2\x80\xa6[trainer] from [Britain] was "
                       "detained in [Kyiv]. After\xe2\x80\xa6",
                       "result after the faults");
            dtl_free(shown);
        } else if (st != DTL_ENOMEM || out || marks || n_marks) {
            bad++;
        }
        dtl_free_string(out);
        dtl_free_marks(marks);
    }
    tap_ok(ok && !bad && n > 1, "every failed allocation gives "
           "DTL_ENOMEM and clean outputs (%ld tries)", n);
    dtl_query_free(q);
}

/* An entry in another language: with the analyser switched to it (as
 * src/search.c does), words are marked by their stems in that language;
 * in the index's own language the same text marks fewer. */
static void
test_langs(dtl_analyser *a)
{
    static const struct {
        const char *lang, *query, *text, *want;
    } lrows[] = {
        {"german", "Wahl Haus", "Die Wahlen in Berlin: neue H\xc3\xa4user "
         "und eine Wahl.", "Die [Wahlen] in Berlin: neue [H\xc3\xa4user] "
         "und eine [Wahl]."},
        {NULL, "Wahl Haus", "Die Wahlen in Berlin: neue H\xc3\xa4user "
         "und eine Wahl.", "Die Wahlen in Berlin: neue H\xc3\xa4user und "
         "eine [Wahl]."},
        {"french", "chevaux", "Un cheval et des chevaux.",
         "Un [cheval] et des [chevaux]."},
        {NULL, "chevaux", "Un cheval et des chevaux.",
         "Un cheval et des [chevaux]."},
        {NULL, NULL, NULL, NULL},
    };
    size_t i;

    /* The index holds these languages: queries stem in them too. */
    dtl_analyser_use(a, "german");
    dtl_analyser_use(a, "french");
    dtl_analyser_use(a, NULL);
    for (i = 0; lrows[i].query; i++) {
        dtl_query *q = NULL;
        char *out = NULL, *shown = NULL;
        size_t *marks = NULL, n_marks = 0;

        if (dtl_query_parse(lrows[i].query, strlen(lrows[i].query), a, NULL,
                            &q, NULL) == DTL_OK &&
            dtl_analyser_use(a, lrows[i].lang) == DTL_OK &&
            dtl_snippet(a, q, lrows[i].text, strlen(lrows[i].text), 300,
                        &out, &marks, &n_marks) == DTL_OK)
            shown = show(out, marks, n_marks);
        dtl_analyser_use(a, NULL);
        tap_is_str(shown, lrows[i].want,
                   lrows[i].lang ? lrows[i].lang : "english");
        dtl_free(shown);
        dtl_free_string(out);
        dtl_free_marks(marks);
        dtl_query_free(q);
    }
}

int
main(void)
{
    dtl_analyser *a = NULL;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "english analyser");
        return tap_done();
    }
    test_rows(a);
    test_args(a);
    test_controls(a);
    test_large(a);
    test_oom(a);
    test_langs(a);
    dtl_analyser_free(a);
    return tap_done();
}
