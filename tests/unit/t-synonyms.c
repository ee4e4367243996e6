/* Dateline tests: synonym files (src/synonyms.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A table from a file's text to the pairs it gives, dumped as
 * "stem/key=synonym" lines (sorted as the list is), or to the status and
 * the start of the message, which names the file and line.  The English
 * analyser folds and stems, as an English index does.  Then the loader,
 * and out-of-memory at every allocation.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/synonyms.h"
#include "tap.h"

static const struct row {
    const char *in;
    dtl_status st;
    const char *want; /* the dump, or the message's start */
} rows[] = {
    {"", DTL_OK, ""},
    {"# only a comment\n\n   \n", DTL_OK, ""},
    {"flood: deluge, inundation\n", DTL_OK,
     "flood/flood=deluge\nflood/flood=inundation\n"},
    /* Keys are stored by stem: every form of the word finds them. */
    {"Flooding: Deluge\n", DTL_OK, "flood/flooding=deluge\n"},
    {"storm: weather bomb, gale\n", DTL_OK,
     "storm/storm=gale\nstorm/storm=weather bomb\n"},
    {"  café :  COFFEE-HOUSE ,\tespresso bar,\r\n", DTL_OK,
     "cafe/cafe=coffee house\ncafe/cafe=espresso bar\n"},
    /* Repeats, the key itself, and a second line for the same key. */
    {"flood: deluge, FLOOD\nfloods: deluge\nflood: torrent\n", DTL_OK,
     "flood/flood=deluge\nflood/flood=torrent\n"},
    {"a: b\nb: a\n", DTL_OK, "a/a=b\nb/b=a\n"},
    {"flood deluge\n", DTL_ESYNTAX,
     "t.syn:1: expected 'WORD: SYNONYM, SYNONYM...'"},
    {"ok: fine\nnew york: big apple\n", DTL_ESYNTAX,
     "t.syn:2: the key 'new york' must be one word (it has 2)"},
    {": x\n", DTL_ESYNTAX, "t.syn:1: the key '' must be one word (it has 0)"},
    {"flood:\n", DTL_ESYNTAX, "t.syn:1: 'flood' has no synonyms after ':'"},
    {"flood: , \n", DTL_ESYNTAX, "t.syn:1: a synonym with no word in it"},
    {"flood: a,,b\n", DTL_ESYNTAX, "t.syn:1: a synonym with no word in it"},
    {"x: y\nflood: a\0b\n", DTL_ESYNTAX, "t.syn:2: NUL byte in the line"},
    {"x: a b c d e f g h i\n", DTL_ELIMIT,
     "t.syn:1: a synonym of more than 8 words"},
    {NULL, DTL_OK, NULL}
};

/* Text length: the NUL row is longer than strlen() says. */
static size_t
row_len(const char *in)
{
    return strcmp(in, "x: y\nflood: a") == 0 ? 18 : strlen(in);
}

static void
dump(const dtl_synonyms *s, struct dtl_buf *b)
{
    size_t i;

    dtl_buf_truncate(b, 0);
    dtl_buf_adds(b, "");
    for (i = 0; i < dtl_synonyms_count(s); i++) {
        const char *key, *stem, *syn;

        dtl_synonyms_get(s, i, &key, &stem, &syn);
        dtl_buf_addf(b, "%s/%s=%s\n", stem, key, syn);
    }
}

static void
test_rows(dtl_analyser *a)
{
    struct dtl_buf b = DTL_BUF_INIT;
    const struct row *r;

    for (r = rows; r->in; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_synonyms *s = NULL;
        dtl_status st;

        st = dtl_synonyms_parse(r->in, row_len(r->in), "t.syn", a, &s, &err);
        tap_is_int(st, r->st, "status");
        if (st == DTL_OK) {
            dump(s, &b);
            tap_is_str(dtl_buf_cstr(&b), r->want, "pairs");
        } else {
            tap_ok(s == NULL && strncmp(err.msg, r->want,
                                        strlen(r->want)) == 0,
                   "error '%s' (want '%s')", err.msg, r->want);
        }
        dtl_synonyms_free(s);
    }
    dtl_buf_release(&b);
}

/* More synonyms for one key than a search expands to: refused, naming
 * the key and a line of it. */
static void
test_cap(dtl_analyser *a)
{
    struct dtl_buf b = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_synonyms *s = NULL;
    int i;

    dtl_buf_adds(&b, "other: thing\nw: ");
    for (i = 0; i < DTL_SYNONYMS_MAX_PER_KEY; i++)
        dtl_buf_addf(&b, "%sword%c%c", i ? ", " : "", 'a' + i / 26,
                     'a' + i % 26);
    dtl_buf_adds(&b, "\n");
    tap_is_int(dtl_synonyms_parse(b.p, b.len, "cap", a, &s, &err), DTL_OK,
               "32 synonyms of one key");
    tap_is_int((long long)dtl_synonyms_count(s), 33, "all kept");
    dtl_synonyms_free(s);
    dtl_buf_adds(&b, "w: one more\n");
    s = NULL;
    tap_is_int(dtl_synonyms_parse(b.p, b.len, "cap", a, &s, &err),
               DTL_ELIMIT, "33 synonyms of one key");
    tap_ok(strstr(err.msg, "more than 32 synonyms for 'w'") &&
           strncmp(err.msg, "cap:", 4) == 0, "message '%s'", err.msg);
    tap_ok(s == NULL, "no list on failure");
    dtl_buf_release(&b);
}

static void
test_load(dtl_analyser *a)
{
    char dir[] = "/tmp/t-synonyms.XXXXXX", path[64];
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_synonyms *s = NULL;
    FILE *f;

    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp");
        return;
    }
    snprintf(path, sizeof(path), "%s/syn.txt", dir);
    tap_is_int(dtl_synonyms_load(path, a, &s, &err), DTL_ENOTFOUND,
               "a missing file");
    tap_ok(strstr(err.msg, path) != NULL, "names it: %s", err.msg);
    f = fopen(path, "w");
    fputs("flood: deluge\nbad line\n", f);
    fclose(f);
    dtl_error_clear(&err);
    tap_is_int(dtl_synonyms_load(path, a, &s, &err), DTL_ESYNTAX, "bad");
    tap_ok(strncmp(err.msg, path, strlen(path)) == 0 &&
           strstr(err.msg, ":2: expected"), "file and line: %s", err.msg);
    unlink(path);
    rmdir(dir);
}

/* Every allocation fails in turn: DTL_ENOMEM until it succeeds, and
 * nothing leaks (ASan). */
static void
test_oom(dtl_analyser *a)
{
    static const char in[] = "flood: deluge, inundation\nstorm: gale\n";
    long n;
    int bad = 0, done = 0;

    for (n = 0; n < 2000 && !done; n++) {
        dtl_synonyms *s = NULL;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_synonyms_parse(in, sizeof(in) - 1, "oom", a, &s, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK)
            done = dtl_synonyms_count(s) == 3;
        else if (st != DTL_ENOMEM || s)
            bad++;
        dtl_synonyms_free(s);
    }
    tap_ok(done && !bad && n > 1, "allocation failures give DTL_ENOMEM "
           "until it succeeds (%ld tries)", n);
}

int
main(void)
{
    dtl_analyser *a = NULL;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "the English analyser");
        return tap_done();
    }
    test_rows(a);
    test_cap(a);
    test_load(a);
    test_oom(a);
    dtl_analyser_free(a);
    return tap_done();
}
