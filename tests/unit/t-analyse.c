/* Dateline tests: the analyser (tokenise, fold, stem).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: each row is (language, input bytes, expected tokens as
 * "term/stem@pos" separated by spaces).  Stems are libstemmer 2.2's real
 * output.  Further tables check byte offsets, dtl_analyser_word(), the
 * language names, and the out-of-memory paths.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/analyser.h"
#include "stem.h"
#include "tap.h"

/* A string literal and its length, NULs included. */
#define T(s) s, sizeof(s) - 1

struct row {
    const char *lang;
    const char *in;
    size_t n;
    const char *want;
};

static const struct row rows[] = {
    /* Possessives, with each apostrophe. */
    {"english", T("Russia's Trump’s"), "russia/russia@0 trump/trump@1"},
    {"english", T("Trumpʼs Trump‘s RUSSIA'S"),
     "trump/trump@0 trump/trump@1 russia/russia@2"},
    {"english", T("Russia's. it's"), "russia/russia@0 it/it@1"},
    {"english", T("James' 'tis"), "james/jame@0 tis/tis@1"},
    {"english", T("Russia'sx"), "russia'sx/russia'sx@0"},
    {"english", T("Trump's\xe4\xb8\xad"), "trump/trump@0 中/中@1"},
    /* Inner apostrophes join and fold to ASCII. */
    {"english", T("don't can’t rock'n'roll"),
     "don't/don't@0 can't/can't@1 rock'n'roll/rock'n'rol@2"},
    {"english", T("a''b x' 5′11"), "a/a@0 b/b@1 x/x@2 5'11/5'11@3"},
    /* Dotted abbreviations. */
    {"english", T("U.K. U.S."), "uk/uk@0 us/us@1"},
    {"english", T("U.S.-Ukraine talks"),
     "us/us@0 ukraine/ukrain@1 talks/talk@2"},
    {"english", T("newsweek.com"), "newsweek/newsweek@0 com/com@1"},
    {"english", T("5 p.m. e.g. U.S.A A.B.C.D."),
     "5/5@0 pm/pm@1 eg/eg@2 usa/usa@3 abcd/abcd@4"},
    {"english", T("Ph.D. B.Then U.S.'s"),
     "ph/ph@0 d/d@1 b/b@2 then/then@3 us/us@4"},
    {"english", T("A.1 1.A É.U."), "a/a@0 1/1@1 1/1@2 a/a@3 eu/eu@4"},
    /* Hyphens and dashes separate, at adjacent positions. */
    {"english", T("Russia-Ukraine well-known"),
     "russia/russia@0 ukraine/ukrain@1 well/well@2 known/known@3"},
    {"english", T("2020–2021 war—peace"),
     "2020/2020@0 2021/2021@1 war/war@2 peace/peac@3"},
    /* Numbers. */
    {"english", T("2,000 3.5 2025-12-02"),
     "2000/2000@0 3.5/3.5@1 2025/2025@2 12/12@3 02/02@4"},
    {"english", T("1,000,000 2,00 12,3456 2,000s"),
     "1000000/1000000@0 2/2@1 00/00@2 12/12@3 3456/3456@4 "
     "2000s/2000s@5"},
    {"english", T("$2.5bn 10% 192.168.0.1 3. 1,a"),
     "2.5bn/2.5bn@0 10/10@1 192.168.0.1/192.168.0.1@2 3/3@3 1/1@4 a/a@5"},
    {"english", T("04:46 1990's"), "04/04@0 46/46@1 1990/1990@2"},
    /* Mentions, hashtags, quotes. */
    {"english", T("@POTUS #Ukraine “Hello” «oui»"),
     "potus/potus@0 ukraine/ukrain@1 hello/hello@2 oui/oui@3"},
    /* Accents are stripped from terms (and from stems). */
    {"english", T("Zürich Émile naïve café"),
     "zurich/zurich@0 emile/emile@1 naive/naiv@2 cafe/cafe@3"},
    {"english", T("Zu\xcc\x88rich Łódź Øresund İstanbul"),
     "zurich/zurich@0 lodz/lodz@1 oresund/oresund@2 "
     "istanbul/istanbul@3"},
    {"none", T("Đakovo Ħal ŧ ılık"),
     "dakovo/dakovo@0 hal/hal@1 t/t@2 ilik/ilik@3"},
    /* NFKC and full case folding. */
    {"english", T("ﬁnance ＡＢＣ x² ① Ⅻ"),
     "finance/financ@0 abc/abc@1 x2/x2@2 1/1@3 xii/xii@4"},
    {"english", T("Straße STRASSE ΣΊΣΥΦΟΣ"),
     "strasse/strass@0 strasse/strass@1 σισυφοσ/σισυφοσ@2"},
    /* Invisible characters inside words; zero width space separates. */
    {"english", T("news\xc2\xadpaper a\xe2\x80\x8b" "b"),
     "newspaper/newspap@0 a/a@1 b/b@2"},
    /* Invalid UTF-8 in the middle of words separates. */
    {"english", T("ab\xff" "cd ef\xc3gh \xc0\xaf" "x"),
     "ab/ab@0 cd/cd@1 ef/ef@2 gh/gh@3 x/x@4"},
    {"english", T("sur\xed\xa0\x80rogate over\xe0\x80\xafl \xf4\x90\x80\x80z"),
     "sur/sur@0 rogate/rogat@1 over/over@2 l/l@3 z/z@4"},
    {"english", T("caf\xc3"), "caf/caf@0"},
    {"english", T("x\xe2\x82"), "x/x@0"},
    /* NUL bytes separate. */
    {"english", T("a\0b\0\0running"), "a/a@0 b/b@1 running/run@2"},
    {"english", T("\0"), ""},
    {"english", T(""), ""},
    {"english", T(" -- ... ''' ,,, "), ""},
    /* Marks never start a word; a lone mark after a space is nothing. */
    {"english", T("\xcc\x81" "a \xcc\x81"), "a/a@0"},
    /* A word that folds to nothing (Hangul filler) takes no position. */
    {"english", T("a \xe3\x85\xa4 b"), "a/a@0 b/b@1"},
    /* CJK: each ideograph or kana is a word; Hangul is spaced. */
    {"english", T("中文字 ひらがな한국어 abc中def"),
     "中/中@0 文/文@1 字/字@2 ひ/ひ@3 ら/ら@4 が/が@5 な/な@6 "
     "한국어/한국어@7 abc/abc@8 中/中@9 def/def@10"},
    {"english", T("ｶﾞ \xf0\xa0\x80\x80x"),
     "ガ/ガ@0 \xf0\xa0\x80\x80/\xf0\xa0\x80\x80@1 x/x@2"},
    /* English stems. */
    {"english", T("Trainers partnership running generously caresses"),
     "trainers/trainer@0 partnership/partnership@1 running/run@2 "
     "generously/generous@3 caresses/caress@4"},
    {"porter", T("generalization"), "generalization/gener@0"},
    /* Other languages: the stemmer sees the accents, the term does not. */
    {"german", T("Häuser Straße Müller"),
     "hauser/haus@0 strasse/strass@1 muller/mull@2"},
    {"french", T("nationalité nationalite généralement"),
     "nationalite/national@0 nationalite/nationalit@1 "
     "generalement/general@2"},
    {"spanish", T("canción Informática ciudades"),
     "cancion/cancion@0 informatica/informat@1 ciudades/ciudad@2"},
    {"greek", T("Ελληνικά γυναίκες"),
     "ελληνικα/ελλην@0 γυναικεσ/γυναικ@1"},
    {"russian", T("Москвы работающих ёлками"),
     "москвы/москв@0 работающих/работа@1 елками/елк@2"},
    /* ISO codes name the same stemmers. */
    {"en", T("Trainers"), "trainers/trainer@0"},
    {"de", T("Häuser"), "hauser/haus@0"},
    /* No stemming. */
    {"none", T("Running Trump's U.S."),
     "running/running@0 trump/trump@1 us/us@2"},
    {NULL, NULL, 0, NULL},
};

/* Collects tokens as "term/stem@pos" (or "term[start,end]"). */
struct dump {
    struct dtl_buf b;
    int offsets;
    int stop_after;     /* > 0: return DTL_EIO after this many tokens */
    int seen;
};

static dtl_status
dump_token(void *ctx, const struct dtl_token *t)
{
    struct dump *d = ctx;

    if (d->b.len)
        dtl_buf_addc(&d->b, ' ');
    dtl_buf_add(&d->b, t->term, t->term_len);
    if (d->offsets) {
        dtl_buf_addf(&d->b, "[%zu,%zu]", t->start, t->end);
    } else {
        dtl_buf_addc(&d->b, '/');
        dtl_buf_add(&d->b, t->stem, t->stem_len);
        dtl_buf_addf(&d->b, "@%u", t->pos);
    }
    if (t->term[t->term_len] != '\0' || t->stem[t->stem_len] != '\0')
        dtl_buf_adds(&d->b, "<not NUL-terminated>");
    if (d->stop_after > 0 && ++d->seen >= d->stop_after)
        return DTL_EIO;
    return DTL_OK;
}

/* "lang: input" for a test name, control bytes as \xNN. */
static void
printable(char *name, size_t size, const struct row *r)
{
    size_t i, k = (size_t)snprintf(name, size, "%s: ", r->lang);

    for (i = 0; i < r->n && i < 60 && k + 5 < size; i++) {
        unsigned char c = (unsigned char)r->in[i];
        if (c < 0x20 || c == 0x7f)
            k += (size_t)snprintf(name + k, size - k, "\\x%02x", c);
        else
            name[k++] = (char)c;
    }
    name[k] = '\0';
}

static void
test_rows(void)
{
    const struct row *r;

    for (r = rows; r->lang; r++) {
        dtl_analyser *a = NULL;
        struct dump d = {DTL_BUF_INIT, 0, 0, 0};
        dtl_status st;
        char name[200];

        printable(name, sizeof(name), r);
        if (dtl_analyser_new(r->lang, &a, NULL) != DTL_OK) {
            tap_ok(0, "%s: analyser", name);
            continue;
        }
        st = dtl_analyse(a, r->in, r->n, dump_token, &d);
        if (st != DTL_OK)
            tap_diag("dtl_analyse: %s", dtl_status_str(st));
        tap_is_str(dtl_buf_cstr(&d.b), r->want, name);
        dtl_buf_release(&d.b);
        dtl_analyser_free(a);
    }
}

/* Byte ranges for highlighting: "term[start,end]". */
static const struct row offset_rows[] = {
    {"english", T("Russia's war"), "russia[0,8] war[9,12]"},
    {"english", T("Trump’s U.S. U.S.'s"), "trump[0,9] us[10,13] us[15,21]"},
    {"english", T("Zürich, 2,000 x-y"),
     "zurich[0,7] 2000[9,14] x[15,16] y[17,18]"},
    {"english", T("\xff中文\0ab"), "中[1,4] 文[4,7] ab[8,10]"},
    {"english", T("news\xc2\xadpaper!"), "newspaper[0,11]"},
    {"english", T("e\xcc\x81t\xc3\xa9 don't"), "ete[0,6] don't[7,12]"},
    {NULL, NULL, 0, NULL},
};

static void
test_offsets(void)
{
    const struct row *r;
    dtl_analyser *a = NULL;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "english analyser");
        return;
    }
    for (r = offset_rows; r->lang; r++) {
        struct dump d = {DTL_BUF_INIT, 1, 0, 0};

        dtl_analyse(a, r->in, r->n, dump_token, &d);
        tap_is_str(dtl_buf_cstr(&d.b), r->want, "offsets");
        dtl_buf_release(&d.b);
    }
    dtl_analyser_free(a);
}

/* Each token, re-analysed from its own byte range, gives itself: what the
 * snippet maker highlights is what the index holds. */
struct reparse {
    dtl_analyser *again;
    const char *text;
    int bad;
};

static dtl_status
check_token(void *ctx, const struct dtl_token *t)
{
    struct reparse *rp = ctx;
    const char *term, *stem;
    size_t tl, sl;

    if (dtl_analyser_word(rp->again, rp->text + t->start, t->end - t->start,
                          &term, &tl, &stem, &sl) != DTL_OK ||
        !term || tl != t->term_len || memcmp(term, t->term, tl) != 0 ||
        sl != t->stem_len || memcmp(stem, t->stem, sl) != 0) {
        if (!rp->bad++)
            tap_diag("token %.*s at [%zu,%zu] re-analyses differently",
                     (int)t->term_len, t->term, t->start, t->end);
    }
    return DTL_OK;
}

static void
test_ranges_reanalyse(void)
{
    const struct row *r;
    struct reparse rp = {NULL, NULL, 0};
    dtl_analyser *a = NULL;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK ||
        dtl_analyser_new("english", &rp.again, NULL) != DTL_OK) {
        tap_ok(0, "analysers");
        goto out;
    }
    for (r = rows; r->lang; r++) {
        rp.text = r->in;
        dtl_analyse(a, r->in, r->n, check_token, &rp);
    }
    tap_ok(rp.bad == 0, "every token re-analyses to itself (%d bad)",
           rp.bad);
out:
    dtl_analyser_free(a);
    dtl_analyser_free(rp.again);
}

#define A16 "aaaaaaaaaaaaaaaa"
#define A64 A16 A16 A16 A16

/* Words longer than DTL_TERM_MAX after folding are skipped but take a
 * position. */
static void
test_overlong(void)
{
    static char buf[8192];
    struct dump d = {DTL_BUF_INIT, 0, 0, 0};
    dtl_analyser *a = NULL;
    size_t n = 0, i;

    if (dtl_analyser_new("none", &a, NULL) != DTL_OK) {
        tap_ok(0, "none analyser");
        return;
    }
    /* 64 ASCII letters: kept.  65: skipped. */
    buf[n++] = 'x';
    buf[n++] = ' ';
    for (i = 0; i < DTL_TERM_MAX; i++)
        buf[n++] = 'a';
    buf[n++] = ' ';
    for (i = 0; i < DTL_TERM_MAX + 1; i++)
        buf[n++] = 'b';
    buf[n++] = ' ';
    buf[n++] = 'y';
    dtl_analyse(a, buf, n, dump_token, &d);
    tap_is_str(dtl_buf_cstr(&d.b), "x/x@0 " A64 "/" A64 "@1 y/y@3",
               "64 letters kept, 65 skipped with their position");
    dtl_buf_reset(&d.b);

    /* 40 "é" are 80 bytes but fold to 40: kept.  33 "ж" fold to 66. */
    n = 0;
    for (i = 0; i < 40; i++) {
        buf[n++] = '\xc3';
        buf[n++] = '\xa9';
    }
    buf[n++] = ' ';
    for (i = 0; i < 33; i++) {
        buf[n++] = '\xd0';
        buf[n++] = '\xb6';
    }
    buf[n++] = ' ';
    buf[n++] = 'z';
    dtl_analyse(a, buf, n, dump_token, &d);
    tap_is_str(dtl_buf_cstr(&d.b),
               "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee/"
               "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee@0 z/z@2",
               "length counts after folding");
    dtl_buf_reset(&d.b);

    /* A word whose decomposition overflows the workspace (341 Arabic
     * ligatures of 18 letters each) is too long too. */
    n = 0;
    for (i = 0; i < 341; i++) {
        buf[n++] = '\xef';
        buf[n++] = '\xb7';
        buf[n++] = '\xba';
    }
    buf[n++] = ' ';
    buf[n++] = 'v';
    dtl_analyse(a, buf, n, dump_token, &d);
    tap_is_str(dtl_buf_cstr(&d.b), "v/v@1", "huge decompositions are skipped");
    dtl_buf_reset(&d.b);

    /* Very long words of every kind take one position each. */
    n = 0;
    for (i = 0; i < 3000; i++)
        buf[n++] = 'q';
    buf[n++] = '-';
    buf[n++] = 'a';
    for (i = 0; i < 1500; i++) {        /* a letter drowned in accents */
        buf[n++] = '\xcc';
        buf[n++] = '\x81';
    }
    buf[n++] = ' ';
    for (i = 0; i < 600; i++) {         /* a long CJK-free non-ASCII word */
        buf[n++] = '\xd0';
        buf[n++] = '\xb6';
    }
    buf[n++] = ' ';
    buf[n++] = 'w';
    dtl_analyse(a, buf, n, dump_token, &d);
    tap_is_str(dtl_buf_cstr(&d.b), "w/w@3", "huge words are skipped");
    dtl_buf_release(&d.b);
    dtl_analyser_free(a);
}

/* A word with more than DTL_STEM_IN_MAX bytes before accents are stripped
 * but a short term is not stemmed: its stem is its term. */
static void
test_unstemmed(void)
{
    static char buf[1024];
    struct dump d = {DTL_BUF_INIT, 0, 0, 0};
    dtl_analyser *a = NULL;
    const char *w = "walking";
    size_t n = 0, i, k;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "english analyser");
        return;
    }
    for (i = 0; w[i]; i++) {
        buf[n++] = w[i];
        for (k = 0; k < 20; k++) {
            buf[n++] = '\xcc';
            buf[n++] = '\x81';
        }
    }
    memcpy(buf + n, " walking", 8);
    n += 8;
    dtl_analyse(a, buf, n, dump_token, &d);
    tap_is_str(dtl_buf_cstr(&d.b), "walking/walking@0 walking/walk@1",
               "an accent-laden word keeps its term as stem");
    dtl_buf_release(&d.b);
    dtl_analyser_free(a);
}

static void
test_word(void)
{
    static const struct {
        const char *lang, *in, *term, *stem;
    } words[] = {
        {"english", "  Trump's ", "trump", "trump"},
        {"english", "Trainers", "trainers", "trainer"},
        {"english", "partnership", "partnership", "partnership"},
        {"english", "U.S.", "us", "us"},
        {"english", "--Zürich--Basel", "zurich", "zurich"},
        {"english", "---", NULL, NULL},
        {"english", "", NULL, NULL},
        {"french", "Nationalité", "nationalite", "national"},
        {"german", "Häuser", "hauser", "haus"},
        {"russian", "Москвы", "москвы", "москв"},
        {"none", "Running", "running", "running"},
        {NULL, NULL, NULL, NULL},
    };
    size_t i;

    for (i = 0; words[i].lang; i++) {
        dtl_analyser *a = NULL;
        const char *term = "x", *stem = "x";
        size_t tl = 99, sl = 99;
        dtl_status st;

        if (dtl_analyser_new(words[i].lang, &a, NULL) != DTL_OK) {
            tap_ok(0, "analyser %s", words[i].lang);
            continue;
        }
        st = dtl_analyser_word(a, words[i].in, strlen(words[i].in), &term,
                               &tl, &stem, &sl);
        tap_is_int(st, DTL_OK, "dtl_analyser_word status");
        tap_is_str(term, words[i].term, words[i].in);
        tap_is_str(stem, words[i].stem, words[i].in);
        tap_is_int((long long)tl,
                   words[i].term ? (long long)strlen(words[i].term) : 0,
                   "term length");
        tap_is_int((long long)sl,
                   words[i].stem ? (long long)strlen(words[i].stem) : 0,
                   "stem length");
        dtl_analyser_free(a);
    }
}

static void
test_languages(void)
{
    static const struct {
        const char *in, *config;
    } names[] = {
        {NULL, "dateline-analyser/1 lang=english"},
        {"english", "dateline-analyser/1 lang=english"},
        {"en", "dateline-analyser/1 lang=english"},
        {"eng", "dateline-analyser/1 lang=english"},
        {"English", "dateline-analyser/1 lang=english"},
        {"fr", "dateline-analyser/1 lang=french"},
        {"fre", "dateline-analyser/1 lang=french"},
        {"DE", "dateline-analyser/1 lang=german"},
        {"ru", "dateline-analyser/1 lang=russian"},
        {"porter", "dateline-analyser/1 lang=porter"},
        {"none", "dateline-analyser/1 lang=none"},
        {"xx", NULL},
        {"", NULL},
        {"english ", NULL},
        {"klingon", NULL},
        {"englishenglishenglishenglishenglish", NULL},
        {"fran\xc3\xa7" "ais", NULL},
        {NULL, NULL},
    };
    const char *const *l = dtl_analyser_languages();
    const char *bad;
    size_t i, n_langs = 0;
    int all_ok = 1, seen_english = 0;

    for (i = 0; names[i].in || names[i].config; i++) {
        dtl_analyser *a = (dtl_analyser *)&l;   /* must be reset */
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st = dtl_analyser_new(names[i].in, &a, &err);
        const char *in = names[i].in ? names[i].in : "(NULL)";

        if (names[i].config) {
            tap_is_int(st, DTL_OK, in);
            tap_is_str(dtl_analyser_config(a), names[i].config, in);
        } else {
            tap_is_int(st, DTL_EINVAL, in);
            tap_ok(a == NULL, "%s: *out is NULL", in);
            if (a != NULL)
                a = NULL;
            tap_ok(err.code == DTL_EINVAL &&
                       strstr(err.msg, "dtl_analyser_languages") != NULL,
                   "%s: message says where the list is: %s", in, err.msg);
        }
        dtl_analyser_free(a);
    }
    tap_is_int(dtl_analyser_new("en", NULL, NULL), DTL_EINVAL,
               "NULL out is EINVAL");

    /* Every listed language creates an analyser named as listed. */
    for (; l && l[n_langs]; n_langs++) {
        dtl_analyser *a = NULL;

        if (strcmp(l[n_langs], "english") == 0)
            seen_english = 1;
        if (dtl_analyser_new(l[n_langs], &a, NULL) != DTL_OK ||
            strcmp(dtl_analyser_lang(a), l[n_langs]) != 0) {
            tap_diag("listed language %s fails", l[n_langs]);
            all_ok = 0;
        }
        dtl_analyser_free(a);
    }
    tap_ok(all_ok && seen_english && n_langs >= 2 &&
               strcmp(l[n_langs - 1], "none") == 0,
           "all %zu listed languages work, none is last", n_langs);
    tap_is_int(dtl_stem_check_aliases(&bad), 0,
               "every ISO code stems as its language");
    if (bad)
        tap_diag("first bad ISO code: %s", bad);
}

static void
test_stop_and_args(void)
{
    struct dump d = {DTL_BUF_INIT, 0, 2, 0};
    dtl_analyser *a = NULL;
    const char *term = NULL, *stem = NULL;

    if (dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "english analyser");
        return;
    }
    tap_is_int(dtl_analyse(a, T("one two three four"), dump_token, &d),
               DTL_EIO, "a callback's status stops dtl_analyse");
    tap_is_str(dtl_buf_cstr(&d.b), "one/one@0 two/two@1",
               "no token after the stop");
    dtl_buf_release(&d.b);
    tap_is_int(dtl_analyse(a, NULL, 0, dump_token, &d), DTL_OK,
               "NULL, 0 is empty text");
    tap_is_int(dtl_analyse(a, NULL, 3, dump_token, &d), DTL_EINVAL,
               "NULL text with a length");
    tap_is_int(dtl_analyse(a, "x", 1, NULL, NULL), DTL_EINVAL,
               "NULL callback");
    tap_is_int(dtl_analyse(NULL, "x", 1, dump_token, &d), DTL_EINVAL,
               "NULL analyser");
    tap_is_int(dtl_analyser_word(a, "x", 1, &term, NULL, NULL, NULL),
               DTL_EINVAL, "dtl_analyser_word needs stem");
    tap_ok(term == NULL, "term is NULL after a failure");
    tap_is_str(dtl_analyser_lang(a), "english", "dtl_analyser_lang");
    dtl_analyser_free(a);
    dtl_analyser_free(NULL);
    (void)stem;
}

/* Text of `n` distinct words, to fill and overflow the stem cache; long
 * words fill its arena before its slots. */
static void
make_words(struct dtl_buf *b, unsigned n, int long_words)
{
    unsigned i, v;

    for (i = 0; i < n; i++) {
        dtl_buf_adds(b, "k");
        if (long_words)
            dtl_buf_adds(b, "internationalisationalistically");
        for (v = i; v; v /= 26)
            dtl_buf_addc(b, (char)('a' + v % 26));
        dtl_buf_adds(b, i % 3 ? "ations " : "ing ");
    }
}

static void
test_cache(int long_words)
{
    struct dtl_buf text = DTL_BUF_INIT;
    struct dump d1 = {DTL_BUF_INIT, 0, 0, 0}, d2 = {DTL_BUF_INIT, 0, 0, 0};
    struct reparse rp = {NULL, NULL, 0};
    dtl_analyser *a = NULL;

    /* More than the 32768 entries or the 1 MB the cache keeps. */
    make_words(&text, long_words ? 40000 : 70000, long_words);
    if (dtl_buf_status(&text) != DTL_OK ||
        dtl_analyser_new("english", &a, NULL) != DTL_OK ||
        dtl_analyser_new("english", &rp.again, NULL) != DTL_OK) {
        tap_ok(0, "set up");
        goto out;
    }
    dtl_analyse(a, text.p, text.len, dump_token, &d1);
    dtl_analyse(a, text.p, text.len, dump_token, &d2);
    tap_ok(d1.b.len > 0 && strcmp(dtl_buf_cstr(&d1.b),
                                  dtl_buf_cstr(&d2.b)) == 0,
           "stems are the same with a cold, warm or cleared cache");
    tap_ok(long_words ||
               (strstr(dtl_buf_cstr(&d1.b), " kbations/kbation@1 ") != NULL &&
                strstr(dtl_buf_cstr(&d1.b), "@69999") != NULL),
           "words and positions survive the cache being cleared");
    rp.text = text.p;
    dtl_analyse(a, text.p, text.len, check_token, &rp);
    tap_ok(rp.bad == 0, "cached stems equal fresh stems (%d bad)", rp.bad);
out:
    dtl_buf_release(&text);
    dtl_buf_release(&d1.b);
    dtl_buf_release(&d2.b);
    dtl_analyser_free(a);
    dtl_analyser_free(rp.again);
}

/* Make allocation N fail for N = 0, 1, ... until the call succeeds. */
static void
test_oom(void)
{
    struct dtl_buf text = DTL_BUF_INIT;
    struct dump want = {DTL_BUF_INIT, 0, 0, 0};
    dtl_analyser *a = NULL;
    long n;
    int ok_new = 0, ok_analyse = 0, all_enomem = 1;

    for (n = 0; n < 100 && !ok_new; n++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_analyser_new("english", &a, &err);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            ok_new = 1;
        } else if (st != DTL_ENOMEM || a != NULL ||
                   err.code != DTL_ENOMEM) {
            all_enomem = 0;
        }
        dtl_analyser_free(a);
        a = NULL;
    }
    tap_ok(ok_new && all_enomem,
           "dtl_analyser_new: ENOMEM for %ld faults, then success", n - 1);

    make_words(&text, 5000, 0);
    if (dtl_buf_status(&text) != DTL_OK ||
        dtl_analyser_new("english", &a, NULL) != DTL_OK) {
        tap_ok(0, "set up");
        goto out;
    }
    dtl_analyse(a, text.p, text.len, dump_token, &want);
    dtl_analyser_free(a);
    a = NULL;
    all_enomem = 1;
    for (n = 0; n < 1000 && !ok_analyse; n++) {
        struct dump got = {DTL_BUF_INIT, 0, 0, 0};
        dtl_status st;

        if (dtl_analyser_new("english", &a, NULL) != DTL_OK)
            break;
        dtl_alloc_fail_after(n);
        st = dtl_analyse(a, text.p, text.len, dump_token, &got);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            ok_analyse = 1;
            tap_is_str(dtl_buf_cstr(&got.b), dtl_buf_cstr(&want.b),
                       "dtl_analyse output after faults end");
        } else if (st != DTL_ENOMEM) {
            all_enomem = 0;
        } else {
            /* The analyser survives the failure. */
            dtl_buf_reset(&got.b);
            if (dtl_analyse(a, text.p, text.len, dump_token, &got) !=
                    DTL_OK ||
                strcmp(dtl_buf_cstr(&got.b), dtl_buf_cstr(&want.b)) != 0)
                all_enomem = 0;
        }
        dtl_buf_release(&got.b);
        dtl_analyser_free(a);
        a = NULL;
    }
    tap_ok(ok_analyse && all_enomem && n > 3,
           "dtl_analyse: ENOMEM for %ld faults, usable after each", n - 1);
out:
    dtl_buf_release(&text);
    dtl_buf_release(&want.b);
    dtl_analyser_free(a);
}

int
main(void)
{
    test_rows();
    test_offsets();
    test_ranges_reanalyse();
    test_overlong();
    test_word();
    test_languages();
    test_stop_and_args();
    test_unstemmed();
    test_cache(0);
    test_cache(1);
    test_oom();
    return tap_done();
}
