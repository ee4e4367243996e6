/* Dateline tests: the query parser, its dump, warnings, limits and relax.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Query strings go through dtl_query_parse() with the real English
 * analyser and a fixed opts.now (2025-12-02T12:00:00Z), and the tree is
 * compared with its exact dtl_query_dump() text.  Every query is copied
 * into a buffer of exactly its length, so ASan catches a read past n.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "analyse.h"
#include "dateline/analyser.h"
#include "dateline/query.h"
#include "dateline/stamp.h"
#include "tap.h"

#define NOW 1764676800 /* 2025-12-02T12:00:00Z */

static dtl_analyser *an;

struct row {
    const char *q;
    const char *want; /* dump, warning, or relaxed dump (NULL: none) */
};

/* Parse q[0..n) from an exact-size copy.  Returns the status; *dump gets
 * the dump (free with dtl_free_string) or NULL. */
static dtl_status
parse_copy(const char *q, size_t n, int default_or, dtl_query **out,
           struct dtl_error *err)
{
    struct dtl_query_opts opts = { NOW, default_or };
    char *copy = malloc(n ? n : 1);
    dtl_status st;

    if (n)
        memcpy(copy, q, n);
    st = dtl_query_parse(copy, n, an, &opts, out, err);
    free(copy);
    return st;
}

static char *
dump_of(const char *q, size_t n, int default_or, dtl_status *st)
{
    dtl_query *qq = NULL;
    char *s = NULL;

    *st = parse_copy(q, n, default_or, &qq, NULL);
    if (*st == DTL_OK && dtl_query_dump(qq, &s) != DTL_OK)
        s = NULL;
    dtl_query_free(qq);
    return s;
}

#define T(w, s) "(TERM any \"" w "\" ~\"" s "\")"
#define OIL T("oil", "oil")
#define GAS T("gas", "gas")
#define TROOPS T("troops", "troop")
#define BORDER T("border", "border")
#define PRICES T("prices", "price")

static const struct row and_rows[] = {
    /* words and implicit AND */
    { "", "(EMPTY)" },
    { " \t\r\n ", "(EMPTY)" },
    { "trainers", T("trainers", "trainer") },
    { "TRAINERS", T("trainers", "trainer") },
    { "defense partnership",
      "(AND " T("defense", "defens") " " T("partnership", "partnership") ")" },
    { "oil AND prices", "(AND " OIL " " PRICES ")" },
    { "oil  \t prices", "(AND " OIL " " PRICES ")" },
    { "oil\xC2\xA0prices", "(AND " OIL " " PRICES ")" },
    { "oil\xE3\x80\x80prices", "(AND " OIL " " PRICES ")" },
    { "and or not",
      "(AND " T("and", "and") " " T("or", "or") " " T("not", "not") ")" },
    /* OR, precedence and flattening */
    { "oil OR gas", "(OR " OIL " " GAS ")" },
    { "oil | gas", "(OR " OIL " " GAS ")" },
    { "oil|gas", "(OR " OIL " " GAS ")" },
    { "oil gas OR troops", "(OR (AND " OIL " " GAS ") " TROOPS ")" },
    { "oil OR gas troops", "(OR " OIL " (AND " GAS " " TROOPS "))" },
    { "oil AND gas OR troops AND border",
      "(OR (AND " OIL " " GAS ") (AND " TROOPS " " BORDER "))" },
    { "(oil gas) troops", "(AND " OIL " " GAS " " TROOPS ")" },
    { "(oil OR gas) OR troops", "(OR " OIL " " GAS " " TROOPS ")" },
    { "(oil OR gas) troops", "(AND (OR " OIL " " GAS ") " TROOPS ")" },
    { "((oil))", OIL },
    { "(oil (gas (troops OR border)))",
      "(AND " OIL " " GAS " (OR " TROOPS " " BORDER "))" },
    { "(oil OR (gas OR (troops OR border)))",
      "(OR " OIL " " GAS " " TROOPS " " BORDER ")" },
    /* negation */
    { "oil -gas", "(NOT " OIL " " GAS ")" },
    { "oil NOT gas", "(NOT " OIL " " GAS ")" },
    { "oil AND NOT gas", "(NOT " OIL " " GAS ")" },
    { "-gas oil", "(NOT " OIL " " GAS ")" },
    { "-gas", "(NOT (ALL) " GAS ")" },
    { "NOT gas", "(NOT (ALL) " GAS ")" },
    { "NOT NOT gas", GAS },
    { "NOT -gas", GAS },
    { "oil OR -gas", "(OR " OIL " (NOT (ALL) " GAS "))" },
    { "oil -gas -troops", "(NOT " OIL " " GAS " " TROOPS ")" },
    { "oil prices -gas", "(NOT (AND " OIL " " PRICES ") " GAS ")" },
    { "-(oil gas)", "(NOT (ALL) (AND " OIL " " GAS "))" },
    { "(oil -gas) -troops", "(NOT " OIL " " GAS " " TROOPS ")" },
    { "troops (-oil -gas)", "(NOT " TROOPS " " OIL " " GAS ")" },
    { "(oil prices -gas) troops",
      "(NOT (AND " OIL " " PRICES " " TROOPS ") " GAS ")" },
    { "+oil gas", "(AND " OIL " " GAS ")" },
    { "-OR", "(NOT (ALL) " T("or", "or") ")" },
    /* phrases and words of several tokens */
    { "\"defense partnership\"", "(PHRASE any \"defense\" \"partnership\")" },
    { "\"Trainers\"", "(TERM any =\"trainers\")" },
    { "\"oil OR (gas\"", "(PHRASE any \"oil\" \"or\" \"gas\")" },
    { "\xE2\x80\x9Coil prices\xE2\x80\x9D", "(PHRASE any \"oil\" \"prices\")" },
    { "\"\"", "(EMPTY)" },
    { "\" ... \"", "(EMPTY)" },
    { "-\"oil prices\" gas", "(NOT " GAS " (PHRASE any \"oil\" \"prices\"))" },
    { "oil\"gas prices\"", "(AND " OIL " (PHRASE any \"gas\" \"prices\"))" },
    { "Russia-Ukraine", "(PHRASE any \"russia\" \"ukraine\")" },
    { "U.S.-led talks",
      "(AND (PHRASE any \"us\" \"led\") " T("talks", "talk") ")" },
    { "Russia's", T("russia", "russia") },
    { "Caf\xC3\xA9 Z\xC3\xBCrich",
      "(AND " T("cafe", "cafe") " " T("zurich", "zurich") ")" },
    { "don\xE2\x80\x99t", T("don't", "don't") },
    { "U.K. 2,000", "(AND " T("uk", "uk") " " T("2000", "2000") ")" },
    { "...", "(EMPTY)" },
    { "oil ... gas", "(AND " OIL " " GAS ")" },
    { "foo:bar", "(PHRASE any \"foo\" \"bar\")" },
    /* fields */
    { "headline:trainers", "(TERM headline \"trainers\" ~\"trainer\")" },
    { "HeadLine:trainers", "(TERM headline \"trainers\" ~\"trainer\")" },
    { "title:oil", "(TERM title \"oil\" ~\"oil\")" },
    { "source:Newsweek", "(TERM source =\"newsweek\")" },
    { "headline:\"us ambassador\"", "(PHRASE headline \"us\" \"ambassador\")" },
    { "headline:(oil gas)", "(AND (TERM headline \"oil\" ~\"oil\") "
                            "(TERM headline \"gas\" ~\"gas\"))" },
    { "headline:(oil source:reuters)",
      "(AND (TERM headline \"oil\" ~\"oil\") (TERM source =\"reuters\"))" },
    { "-headline:oil gas", "(NOT " GAS " (TERM headline \"oil\" ~\"oil\"))" },
    { "headline:title:oil", "(TERM title \"oil\" ~\"oil\")" },
    { "headline:OR", "(TERM headline \"or\" ~\"or\")" },
    { "source:nytimes.com", "(PHRASE source \"nytimes\" \"com\")" },
    /* filters */
    { "since:2025-12-01", "(ALL) since=2025-12-01T00:00:00Z" },
    { "oil since:2025-12-01", OIL " since=2025-12-01T00:00:00Z" },
    { "until:2025-12-01 oil", OIL " until=2025-12-01T23:59:59Z" },
    { "oil until:2025-12-01T10:00", OIL " until=2025-12-01T10:00:00Z" },
    { "since:24h", "(ALL) since=2025-12-01T12:00:00Z" },
    { "since:yesterday", "(ALL) since=2025-12-01T00:00:00Z" },
    { "since:7d until:2025-12-01",
      "(ALL) since=2025-11-25T12:00:00Z until=2025-12-01T23:59:59Z" },
    { "since:2025-11-01 since:2025-11-20 until:2025-12-01 until:2025-11-25",
      "(ALL) since=2025-11-20T00:00:00Z until=2025-11-25T23:59:59Z" },
    { "since:\"2025-12-02 10:00:30\" oil", OIL " since=2025-12-02T10:00:30Z" },
    { "SINCE:@1764633600", "(ALL) since=2025-12-02T00:00:00Z" },
    { "oil OR since:2025-12-01", OIL " since=2025-12-01T00:00:00Z" },
    { "(since:2025-12-01) -gas",
      "(NOT (ALL) " GAS ") since=2025-12-01T00:00:00Z" },
    { "headline:since:2025-12-01", "(ALL) since=2025-12-01T00:00:00Z" },
    { "-since:2025-12-01 oil", OIL " since=2025-12-01T00:00:00Z" },
    /* repairs */
    { "oil \"gas prices", "(AND " OIL " (PHRASE any \"gas\" \"prices\"))" },
    { "(oil gas", "(AND " OIL " " GAS ")" },
    { "((oil OR gas", "(OR " OIL " " GAS ")" },
    { "oil) gas", "(AND " OIL " " GAS ")" },
    { ")))oil", OIL },
    { "oil OR gas) troops", "(OR " OIL " (AND " GAS " " TROOPS "))" },
    { "OR oil", OIL },
    { "oil OR", OIL },
    { "oil OR OR gas", "(OR " OIL " " GAS ")" },
    { "oil OR | gas", "(OR " OIL " " GAS ")" },
    { "AND oil", OIL },
    { "oil AND", OIL },
    { "oil AND AND gas", "(AND " OIL " " GAS ")" },
    { "oil AND OR gas", "(OR " OIL " " GAS ")" },
    { "NOT", "(EMPTY)" },
    { "oil NOT", OIL },
    { "NOT OR oil", OIL },
    { "(oil NOT)", OIL },
    { "oil -", OIL },
    { "- oil", OIL },
    { "oil - gas", "(AND " OIL " " GAS ")" },
    { "oil +", OIL },
    { "headline:", "(EMPTY)" },
    { "headline: oil", OIL },
    { "(headline:)", "(EMPTY)" },
    { "since:", "(EMPTY)" },
    { "oil until:", OIL },
    { "()", "(EMPTY)" },
    { "(()) oil", OIL },
    /* hostile */
    { "\x01\x02\x7F", "(EMPTY)" },
    { "(((", "(EMPTY)" },
    { "\"", "(EMPTY)" },
    { "-", "(EMPTY)" },
    { "|||", "(EMPTY)" },
    { "AND OR NOT", "(EMPTY)" },
    { "\xFF\xFE oil \xC3", OIL },
    { "\xE2\x80", "(EMPTY)" },
    { "-(-(-(oil)))", "(NOT (ALL) " OIL ")" },
    { "-(-oil -gas) troops", "(AND (OR " OIL " " GAS ") " TROOPS ")" },
    { "NOT (NOT oil) gas", "(AND " OIL " " GAS ")" },
    { "-(oil -gas) troops", "(NOT " TROOPS " (NOT " OIL " " GAS "))" },
    { "oil)(gas", "(AND " OIL " " GAS ")" },
    { NULL, NULL }
};

static const struct row or_rows[] = {
    { "oil gas", "(OR " OIL " " GAS ")" },
    { "oil gas -troops", "(NOT (OR " OIL " " GAS ") " TROOPS ")" },
    { "oil AND gas troops", "(OR (AND " OIL " " GAS ") " TROOPS ")" },
    { "oil AND -gas troops", "(OR (NOT " OIL " " GAS ") " TROOPS ")" },
    { "-oil -gas", "(NOT (ALL) " OIL " " GAS ")" },
    { "(oil gas) troops", "(OR " OIL " " GAS " " TROOPS ")" },
    { "oil AND (gas troops)", "(AND " OIL " (OR " GAS " " TROOPS "))" },
    { "oil OR gas troops", "(OR " OIL " " GAS " " TROOPS ")" },
    { "oil", OIL },
    /* function words leave any-word queries (src/stopword.c)... */
    { "what are the prices of oil", "(OR " PRICES " " OIL ")" },
    { "The oil", OIL },
    { "oil -the", "(NOT " OIL " " T("the", "the") ")" },
    /* ...unless nothing else is left, or they are quoted, fielded or
     * joined by AND */
    { "the who", "(OR " T("the", "the") " " T("who", "who") ")" },
    { "the -oil", "(NOT " T("the", "the") " " OIL ")" },
    { "\"the\" oil", "(OR (TERM any =\"the\") " OIL ")" },
    { "headline:the oil", "(OR (TERM headline \"the\" ~\"the\") " OIL ")" },
    { "the AND oil gas", "(OR (AND " T("the", "the") " " OIL ") " GAS ")" },
    { "(the oil) gas", "(OR " OIL " " GAS ")" },
    /* a hyphenated word is its words, not a phrase */
    { "oil-gas troops", "(OR " OIL " " GAS " " TROOPS ")" },
    { "\"oil-gas\" troops",
      "(OR (PHRASE any \"oil\" \"gas\") " TROOPS ")" },
    { "headline:oil-gas",
      "(PHRASE headline \"oil\" \"gas\")" },
    { "oil-gas AND troops",
      "(AND (OR " OIL " " GAS ") " TROOPS ")" },
    { NULL, NULL }
};

static void
test_dumps(const struct row *rows, int default_or, const char *mode)
{
    const struct row *r;
    dtl_status st;
    char name[160];

    for (r = rows; r->q; r++) {
        char *got = dump_of(r->q, strlen(r->q), default_or, &st);

        snprintf(name, sizeof(name), "%s: %s", mode, r->q);
        tap_is_str(got, r->want, name);
        dtl_free_string(got);
    }
}

static const struct row warn_rows[] = {
    { "oil gas", "" },
    { "oil \"gas", "unbalanced quote closed at end" },
    { "(oil", "unclosed parenthesis closed at end" },
    { "oil)", "stray ')' ignored" },
    { "oil))) gas)", "stray ')' ignored" },
    { "OR oil", "dangling OR dropped" },
    { "oil OR", "dangling OR dropped" },
    { "oil AND", "dangling AND dropped" },
    { "oil NOT", "dangling NOT dropped" },
    { "oil -", "lone '-' dropped" },
    { "oil +", "lone '+' dropped" },
    { "headline: oil", "empty field headline: dropped" },
    { "title:", "empty field title: dropped" },
    { "source:)", "empty field source: dropped; stray ')' ignored" },
    { "since: oil", "empty since: dropped" },
    { "until:", "empty until: dropped" },
    { "-since:2025-12-01", "negation of since: ignored" },
    { "NOT until:2025-12-01", "negation of until: ignored" },
    { "NOT OR oil", "dangling NOT dropped; dangling OR dropped" },
    { "(oil \"gas) OR",
      "unbalanced quote closed at end; unclosed parenthesis closed at end" },
    { "oil OR OR gas OR", "dangling OR dropped" },
    { NULL, NULL }
};

static void
test_warnings(void)
{
    const struct row *r;
    char name[160];

    for (r = warn_rows; r->q; r++) {
        dtl_query *q = NULL;
        dtl_status st = parse_copy(r->q, strlen(r->q), 0, &q, NULL);

        snprintf(name, sizeof(name), "warning: %s", r->q);
        tap_is_str(st == DTL_OK ? dtl_query_warning(q) : "(failed)", r->want,
                   name);
        dtl_query_free(q);
    }
}

/* Fill buf with n copies of unit, NUL-terminated; returns buf. */
static char *
repeat(char *buf, const char *unit, size_t n)
{
    size_t k = strlen(unit), i;

    for (i = 0; i < n; i++)
        memcpy(buf + i * k, unit, k);
    buf[n * k] = '\0';
    return buf;
}

static void
expect_status(const char *q, size_t n, dtl_status want, size_t offset,
              const char *name)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_query *out = (dtl_query *)&err; /* must be reset to NULL */
    dtl_status st = parse_copy(q, n, 0, &out, &err);

    tap_is_int(st, want, name);
    if (want == DTL_OK) {
        tap_ok(out != NULL, "%s: a query", name);
    } else {
        tap_ok(out == NULL, "%s: no query", name);
        tap_is_int(err.code, want, "error code recorded");
        tap_is_int((long long)err.offset, (long long)offset, "error offset");
        tap_ok(err.msg[0] != '\0', "message: %s", err.msg);
    }
    dtl_query_free(out);
}

static void
test_limits(void)
{
    static char buf[DTL_QUERY_MAX_BYTES * 2 + 64];
    char name[96];
    size_t off;
    int i;

    memset(buf, 'x', DTL_QUERY_MAX_BYTES + 1);
    expect_status(buf, DTL_QUERY_MAX_BYTES, DTL_OK, 0,
                  "longest query accepted");
    expect_status(buf, DTL_QUERY_MAX_BYTES + 1, DTL_ELIMIT, DTL_QUERY_MAX_BYTES,
                  "one byte too long");

    /* 256 terms pass; the 257th is refused at its offset. */
    repeat(buf, "ab ", DTL_QUERY_MAX_TERMS);
    expect_status(buf, strlen(buf), DTL_OK, 0, "256 terms");
    repeat(buf, "ab ", DTL_QUERY_MAX_TERMS + 1);
    expect_status(buf, strlen(buf), DTL_ELIMIT, 3 * DTL_QUERY_MAX_TERMS,
                  "257 terms");
    /* Terms of phrases count: 200 words then a 57-word phrase. */
    repeat(buf, "ab ", 200);
    off = strlen(buf);
    buf[off] = '"';
    repeat(buf + off + 1, "cd ", 57);
    expect_status(buf, strlen(buf), DTL_ELIMIT, off + 1 + 3 * 56,
                  "257 terms with a phrase");
    expect_status("Russia-Ukraine", 14, DTL_OK, 0, "two terms");

    /* 32 nested groups pass; the 33rd "(" is refused. */
    repeat(buf, "(", DTL_QUERY_MAX_DEPTH);
    expect_status(buf, strlen(buf), DTL_OK, 0, "32 nested groups");
    snprintf(name, sizeof(name), "%d nested groups", DTL_QUERY_MAX_DEPTH + 1);
    repeat(buf, "(", DTL_QUERY_MAX_DEPTH + 1);
    expect_status(buf, strlen(buf), DTL_ELIMIT, DTL_QUERY_MAX_DEPTH, name);
    repeat(buf, "x OR -(", DTL_QUERY_MAX_DEPTH + 1);
    expect_status(buf, strlen(buf), DTL_ELIMIT, 7 * DTL_QUERY_MAX_DEPTH + 6,
                  "33 nested groups after text");
    /* Closed groups do not add up. */
    buf[0] = '\0';
    for (i = 0; i < 100; i++)
        memcpy(buf + 4 * i, "(a) ", 5);
    expect_status(buf, strlen(buf), DTL_OK, 0, "100 groups side by side");
    /* A long chain of NOTs and fields is a loop, not a recursion. */
    repeat(buf, "NOT ", 1000);
    memcpy(buf + 4000, "oil", 4);
    expect_status(buf, strlen(buf), DTL_OK, 0, "1000 NOTs");
    repeat(buf, "headline:", 800);
    memcpy(buf + 9 * 800, "oil", 4);
    expect_status(buf, strlen(buf), DTL_OK, 0, "800 fields");
}

static void
test_syntax_errors(void)
{
    static const char long_date[] =
        "until:2025-12-02T10:00:00+01:00:00:00:00:00:00:00:00:00";
    static const char utf8_date[] =
        "since:x\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_query *q = NULL;
    dtl_status st;

    expect_status("since:bogus", 11, DTL_ESYNTAX, 6, "since:bogus");
    expect_status("oil until:soonish gas", 21, DTL_ESYNTAX, 10,
                  "until:soonish");
    expect_status("since:\"next week\"", 17, DTL_ESYNTAX, 7,
                  "quoted unreadable date");
    st = parse_copy("oil since:12 o'clock", 20, 0, &q, &err);
    tap_is_int(st, DTL_ESYNTAX, "unreadable date");
    tap_ok(strstr(err.msg, "since:") != NULL, "message names since:: %s",
           err.msg);
    tap_ok(strstr(err.msg, "\"12\"") != NULL, "message quotes the date");
    tap_ok(strstr(err.msg, "offset 10") != NULL, "message gives the offset");
    dtl_error_clear(&err);
    st = parse_copy(long_date, strlen(long_date), 0, &q, &err);
    tap_is_int(st, DTL_ESYNTAX, "long unreadable date");
    tap_ok(strstr(err.msg, "until: cannot read the date \"2025-12-02T10:00:"
                           "00+01:00:00:00:00:00:00...\" at offset 6") != NULL,
           "long date cut in the message: %s", err.msg);
    dtl_error_clear(&err);
    st = parse_copy(utf8_date, strlen(utf8_date), 0, &q, &err);
    tap_is_int(st, DTL_ESYNTAX, "long unreadable date in UTF-8");
    tap_ok(strstr(err.msg, "\"x\xC3\xA9") && strstr(err.msg, "\xA9...\""),
           "cut at a character boundary: %s", err.msg);
}

static const struct row relax_rows[] = {
    { "oil gas", "(OR " OIL " " GAS ")" },
    { "oil gas -troops", "(NOT (OR " OIL " " GAS ") " TROOPS ")" },
    { "(oil OR gas) troops since:2025-12-01",
      "(OR " OIL " " GAS " " TROOPS ") since=2025-12-01T00:00:00Z" },
    { "headline:\"us ambassador\" oil until:2025-12-01",
      "(OR (PHRASE headline \"us\" \"ambassador\") " OIL
      ") until=2025-12-01T23:59:59Z" },
    { "oil gas -(troops border) -prices",
      "(NOT (OR " OIL " " GAS ") (AND " TROOPS " " BORDER ") " PRICES ")" },
    { "oil", NULL },
    { "oil OR gas", NULL },
    { "oil -gas", NULL },
    { "-oil -gas", NULL },
    { "", NULL },
    { "since:2025-12-01", NULL },
    { "\"oil prices\"", NULL },
    { NULL, NULL }
};

static void
test_relax(void)
{
    const struct row *r;
    char name[160];

    for (r = relax_rows; r->q; r++) {
        dtl_query *q = NULL, *rq = (dtl_query *)&name;
        char *got = NULL;
        dtl_status st;

        snprintf(name, sizeof(name), "relax: %s", r->q);
        parse_copy(r->q, strlen(r->q), 0, &q, NULL);
        st = dtl_query_relax(q, &rq);
        if (!r->want) {
            tap_is_int(st, DTL_ENOTFOUND, name);
            tap_ok(rq == NULL, "no relaxed query");
        } else if (st != DTL_OK) {
            tap_is_int(st, DTL_OK, name);
        } else {
            dtl_query_dump(rq, &got);
            tap_is_str(got, r->want, name);
        }
        dtl_free_string(got);
        dtl_query_free(rq);
        dtl_query_free(q);
    }
}

/* The tree through the struct, not just the dump. */
static void
test_tree(void)
{
    const struct dtl_qnode *root, *k;
    dtl_query *q = NULL, *rq = NULL;
    dtl_status st;

    st = parse_copy("source:Newsweek trainers \"a b\" oil)", 35, 0, &q, NULL);
    tap_is_int(st, DTL_OK, "tree: parses");
    root = dtl_query_root(q);
    tap_ok(root && root->op == DTL_QOP_AND && root->n_kids == 4,
           "tree: AND of four");
    if (!root || root->n_kids != 4)
        goto out;
    k = root->kids[0];
    tap_ok(k->op == DTL_QOP_TERM && k->field == DTL_FIELD_SOURCE &&
               k->exact == 1 && k->term_len == 8 &&
               strcmp(k->term, "newsweek") == 0,
           "tree: source term");
    k = root->kids[1];
    tap_ok(k->op == DTL_QOP_TERM && k->field == DTL_FIELD_ANY &&
               k->exact == 0 && k->stem_len == 7 &&
               strcmp(k->stem, "trainer") == 0 && k->n_kids == 0,
           "tree: stemmed term");
    k = root->kids[2];
    tap_ok(k->op == DTL_QOP_PHRASE && k->n_kids == 2 && k->kids[0]->exact &&
               k->kids[1]->exact && strcmp(k->kids[1]->term, "b") == 0,
           "tree: phrase");
    tap_is_str(dtl_query_warning(q), "stray ')' ignored", "tree: warning");
    tap_ok(dtl_query_since(q) == DTL_TS_NONE &&
               dtl_query_until(q) == DTL_TS_NONE,
           "tree: no filters");
    st = dtl_query_relax(q, &rq);
    tap_is_int(st, DTL_OK, "tree: relaxes");
    tap_is_str(dtl_query_warning(rq), "stray ')' ignored",
               "relaxed query keeps the warning");
    dtl_query_free(rq);
    dtl_query_free(q);
    q = NULL;
    st = parse_copy("since:2025-12-01 until:2025-12-01", 33, 0, &q, NULL);
    tap_ok(st == DTL_OK && dtl_query_since(q) == 1764547200 &&
               dtl_query_until(q) == 1764547200 + 86399,
           "since and until values");
out:
    dtl_query_free(q);
}

static void
test_api(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_query *q = NULL;
    char *s = NULL;
    dtl_status st;

    tap_is_int(dtl_query_parse(NULL, 3, an, NULL, &q, &err), DTL_EINVAL,
               "NULL text with a length");
    tap_is_int(dtl_query_parse("a", 1, NULL, NULL, &q, NULL), DTL_EINVAL,
               "NULL analyser");
    tap_is_int(dtl_query_parse("a", 1, an, NULL, NULL, NULL), DTL_EINVAL,
               "NULL out");
    st = dtl_query_parse(NULL, 0, an, NULL, &q, NULL);
    tap_ok(st == DTL_OK && dtl_query_root(q) == NULL,
           "NULL, 0 is an empty query");
    tap_is_str(dtl_query_warning(q), "", "no warning");
    dtl_query_free(q);
    q = NULL;
    /* opts NULL: now is the clock, default AND. */
    st = dtl_query_parse("oil gas since:1h", 16, an, NULL, &q, NULL);
    tap_ok(st == DTL_OK && dtl_query_root(q)->op == DTL_QOP_AND &&
               dtl_query_since(q) > NOW,
           "NULL opts");
    dtl_query_free(q);
    q = NULL;
    /* Only n bytes are read. */
    st = parse_copy("oil gas", 3, 0, &q, NULL);
    dtl_query_dump(q, &s);
    tap_is_str(s, OIL, "stops at n");
    dtl_free_string(s);
    dtl_query_free(q);
    q = NULL;
    /* A NUL separates words inside a query word. */
    st = parse_copy("oil\0gas", 7, 0, &q, NULL);
    s = NULL;
    dtl_query_dump(q, &s);
    tap_is_str(s, "(PHRASE any \"oil\" \"gas\")", "NUL inside a word");
    dtl_free_string(s);
    dtl_query_free(q);
    tap_ok(dtl_query_root(NULL) == NULL &&
               dtl_query_since(NULL) == DTL_TS_NONE &&
               dtl_query_until(NULL) == DTL_TS_NONE &&
               strcmp(dtl_query_warning(NULL), "") == 0,
           "NULL query reads");
    tap_is_int(dtl_query_dump(NULL, &s), DTL_EINVAL, "dump of NULL");
    tap_is_int(dtl_query_relax(NULL, &q), DTL_EINVAL, "relax of NULL");
    dtl_query_free(NULL);
    dtl_free_string(NULL);
}

/* Allocation N fails for N = 0, 1, ...: parse, dump and relax each return
 * DTL_ENOMEM with no result until they succeed (ASan checks for leaks). */
static void
test_oom(void)
{
    static const char q[] = "headline:(oil \"gas prices\") troops "
                            "-border since:24h Russia-Ukraine (a OR b c";
    const char *want_dump =
        "(NOT (AND (TERM headline \"oil\" ~\"oil\") (PHRASE headline "
        "\"gas\" \"prices\") " TROOPS " (PHRASE any \"russia\" "
        "\"ukraine\") (OR " T("a", "a") " (AND " T("b", "b") " " T(
            "c", "c") "))) " BORDER ") since=2025-12-01T12:00:00Z";
    dtl_query *pq = NULL, *rq;
    char *s;
    long n;
    int done;
    dtl_status st;

    for (n = 0, done = 0; n < 1000 && !done; n++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_query *out = (dtl_query *)&err;

        dtl_alloc_fail_after(n);
        st = parse_copy(q, sizeof(q) - 1, 0, &out, &err);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            done = 1;
            pq = out;
        } else if (st != DTL_ENOMEM || out || err.code != DTL_ENOMEM) {
            tap_ok(0, "parse with allocation %ld failing: %d", n, st);
            return;
        }
    }
    tap_ok(done, "parse succeeds after %ld allocation failures", n - 1);
    if (!pq)
        return;
    for (n = 0, done = 0; n < 1000 && !done; n++) {
        s = (char *)q;
        dtl_alloc_fail_after(n);
        st = dtl_query_dump(pq, &s);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            done = 1;
            tap_is_str(s, want_dump, "dump after allocation failures");
            dtl_free_string(s);
        } else if (st != DTL_ENOMEM || s) {
            tap_ok(0, "dump with allocation %ld failing", n);
            break;
        }
    }
    tap_ok(done, "dump succeeds after %ld allocation failures", n - 1);
    for (n = 0, done = 0; n < 1000 && !done; n++) {
        rq = pq;
        dtl_alloc_fail_after(n);
        st = dtl_query_relax(pq, &rq);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            done = 1;
            dtl_query_free(rq);
        } else if (st != DTL_ENOMEM || rq) {
            tap_ok(0, "relax with allocation %ld failing", n);
            break;
        }
    }
    tap_ok(done, "relax succeeds after %ld allocation failures", n - 1);
    dtl_query_free(pq);
}

/* An index in several languages: free words carry their stems in each
 * other language (alts), exact words none; relax copies them. */
static const struct row lang_rows[] = {
    { "chevaux", "(TERM any \"chevaux\" ~\"chevaux\" fr~\"cheval\" "
      "de~\"chevaux\")" },
    { "Wahlen elections", "(AND (TERM any \"wahlen\" ~\"wahlen\" "
      "fr~\"wahlen\" de~\"wahl\") (TERM any \"elections\" "
      "~\"elect\" fr~\"elect\" de~\"election\"))" },
    { "headline:Häuser", "(TERM headline \"hauser\" ~\"hauser\" "
      "fr~\"haus\" de~\"haus\")" },
    { "source:wahlen", "(TERM source =\"wahlen\")" },
    { "\"neue Häuser\"", "(PHRASE any \"neue\" \"hauser\")" },
    { NULL, NULL }
};

/* Any-word queries drop the function words of the index's language:
 * each row is a language, a query and the words its dump must (+) or
 * must not (-) hold. */
static void
test_function_words(void)
{
    static const struct {
        const char *lang, *q, *checks;
    } rows[] = {
        {"french", "le prix du pétrole", "+\"prix\" +\"petrole\" "
         "-\"le\" -\"du\""},
        {"german", "der Preis für Öl", "+\"preis\" +\"ol\" -\"der\" "
         "-\"fur\""},
        {"german", "nicht die Wahl", "+\"nicht\" +\"wahl\" -\"die\""},
        {"porter", "what are the prices", "+\"prices\" -\"what\" "
         "-\"the\""},
        {"swedish", "priset på olja", "+\"pa\" +\"olja\""},
        {NULL, NULL, NULL}
    };
    dtl_analyser *saved = an;
    size_t i;

    for (i = 0; rows[i].lang; i++) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_status st = DTL_OK;
        dtl_analyser *a = NULL;
        const char *c = rows[i].checks;
        char *got;
        int ok = 1;

        if (dtl_analyser_new(rows[i].lang, &a, &err) != DTL_OK) {
            tap_ok(0, "%s analyser: %s", rows[i].lang, err.msg);
            continue;
        }
        an = a;
        got = dump_of(rows[i].q, strlen(rows[i].q), 1, &st);
        while (got && *c) {
            size_t n = strcspn(c + 1, " ");
            char word[32];

            snprintf(word, sizeof(word), "%.*s", (int)n, c + 1);
            if ((strstr(got, word) != NULL) != (*c == '+'))
                ok = 0;
            c += 1 + n;
            c += *c == ' ';
        }
        tap_ok(got && ok, "--any in %s: %s -> %s", rows[i].lang,
               rows[i].q, got ? got : "(error)");
        dtl_free_string(got);
        an = saved;
        dtl_analyser_free(a);
    }
}

static void
test_langs(void)
{
    static const char q[] = "Wahlen OR élections";
    dtl_query *pq = NULL, *rq = NULL;
    const struct dtl_qnode *k;
    const char *stem;
    char *got = NULL;
    size_t len = 0;
    int moves = -1;

    tap_is_int(dtl_analyser_use(an, "french"), DTL_OK, "learn french");
    tap_is_int(dtl_analyser_use(an, "german"), DTL_OK, "learn german");
    tap_is_int(dtl_analyser_use(an, NULL), DTL_OK, "back to english");
    test_dumps(lang_rows, 0, "langs");

    parse_copy(q, strlen(q), 0, &pq, NULL);
    k = pq ? dtl_query_root(pq) : NULL;
    k = k && k->n_kids == 2 ? k->kids[0] : NULL;
    tap_ok(k && k->n_alts == 2, "two other languages");
    if (k) {
        stem = dtl_qnode_stem(k, "de", &len, &moves);
        tap_is_str(stem, "wahl", "German stem");
        tap_ok(len == 4 && moves == 0, "its length and stem_moves");
        tap_is_str(dtl_qnode_stem(k, "fr", NULL, NULL), "wahlen",
                   "French stem");
        tap_is_str(dtl_qnode_stem(k, "", NULL, NULL), "wahlen",
                   "own stem for the index's language");
        tap_is_str(dtl_qnode_stem(k, "ru", NULL, NULL), "wahlen",
                   "own stem for a language the query lacks");
    }
    /* Relaxing an OR query is nothing to do; relax an AND copy. */
    dtl_query_free(pq);
    pq = NULL;
    parse_copy("Wahlen chevaux", 14, 0, &pq, NULL);
    if (pq && dtl_query_relax(pq, &rq) == DTL_OK &&
        dtl_query_dump(rq, &got) == DTL_OK)
        tap_is_str(got, "(OR (TERM any \"wahlen\" ~\"wahlen\" "
                   "fr~\"wahlen\" de~\"wahl\") (TERM any \"chevaux\" "
                   "~\"chevaux\" fr~\"cheval\" de~\"chevaux\"))",
                   "relax copies the stems of each language");
    else
        tap_ok(0, "relax of a query in three languages");
    dtl_free_string(got);
    dtl_query_free(rq);
    dtl_query_free(pq);
}

int
main(void)
{
    struct dtl_error err = DTL_ERROR_INIT;

    if (dtl_analyser_new("english", &an, &err) != DTL_OK) {
        tap_ok(0, "english analyser: %s", err.msg);
        return tap_done();
    }
    test_dumps(and_rows, 0, "and");
    test_dumps(or_rows, 1, "or");
    test_warnings();
    test_limits();
    test_syntax_errors();
    test_relax();
    test_tree();
    test_api();
    test_oom();
    test_langs();
    test_function_words();
    dtl_analyser_free(an);
    return tap_done();
}
