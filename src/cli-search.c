/* Dateline: `dateline search` and `dateline info`.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Parses the options into struct dtl_search_opts, the words into a query
 * (with the index's own analyser), runs dtl_search() and prints results
 * for people or as one JSON object (schema in the README).
 */
#include <config.h>
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

static void
usage(FILE *f)
{
    fputs("usage: dateline search [--db PATH|STUB|tcp://HOST:PORT]..."
          "\n       [--sort blend|relevance|date]"
          "\n       [--half-life DUR] [--recency-weight X] [--now WHEN]\n"
          "       [--since WHEN] [--until WHEN] [--limit N] [--offset N]\n"
          "       [--per-page N] [--any] [--json] [--lang LANG]\n"
          "       [--partial] [--timeout SECONDS] [--side PATH] WORDS...\n"
          "       dateline search --batch TOPICS --trec [--run-tag TAG]\n"
          "       [--docid name|source] [OPTIONS]\n", f);
}

static int
parse_count(const char *opt, const char *s, size_t max, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > max) {
        cli_error("%s %s: expected a number from 0 to %zu", opt, s, max);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* A date-only --until (YYYY-MM-DD) means the end of that day. */
static int
is_date_only(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

static int
parse_when(const char *opt, const char *s, int64_t now, int64_t *out)
{
    struct dtl_error err = DTL_ERROR_INIT;

    if (dtl_time_parse_user(s, strlen(s), now, out, &err) != DTL_OK) {
        cli_error("%s %s: %s", opt, s, err.msg);
        return -1;
    }
    return 0;
}

/* Print text with marks: bold on a terminal, [brackets] otherwise. */
static void
print_marked(const struct dtl_result *res, int tty)
{
    const char *s = res->snippet;
    size_t pos = 0, i, n = strlen(s);

    for (i = 0; i < res->n_marks; i++) {
        size_t a = res->marks[2 * i], b = res->marks[2 * i + 1];
        if (a < pos || b > n || a > b)
            continue;
        fwrite(s + pos, 1, a - pos, stdout);
        fputs(tty ? "\033[1m" : "[", stdout);
        fwrite(s + a, 1, b - a, stdout);
        fputs(tty ? "\033[0m" : "]", stdout);
        pos = b;
    }
    fputs(s + pos, stdout);
}

/* Say which shards a partial search left out. */
static void
print_missing(const dtl_results *res)
{
    size_t i, n = dtl_results_missing_count(res);

    if (n == 0)
        return;
    printf("Note: part of the archive was not searched (%zu shard%s did "
           "not answer):\n", n, n == 1 ? "" : "s");
    for (i = 0; i < n; i++)
        printf("  %s\n", dtl_results_missing(res, i));
}

static void
print_human(const dtl_results *res, const dtl_query *q, size_t offset)
{
    size_t i, n = dtl_results_count(res);
    int tty = isatty(STDOUT_FILENO);
    char when[40];

    print_missing(res);
    if (dtl_results_capped(res))
        printf("Note: the phrase check over remote shards stopped after "
               "%llu candidates (DATELINE_CHECK_MAX): more entries may "
               "match than are shown.\n",
               (unsigned long long)dtl_results_capped(res));
    if (dtl_results_field_capped(res))
        printf("Note: a title clause matched more than %llu "
               "pages (DATELINE_FIELD_PAGES): only the entries of the "
               "first %llu were searched.\n",
               (unsigned long long)dtl_results_field_capped(res),
               (unsigned long long)dtl_results_field_capped(res));
    if (dtl_query_warning(q)[0])
        printf("Note: %s\n", dtl_query_warning(q));
    if (dtl_results_relaxed(res))
        puts("No entry has all the words; showing entries with most of "
             "them.");
    if (n == 0 && offset == 0) {
        puts("No entries match.");
        return;
    }
    printf("About %llu result%s\n",
           (unsigned long long)dtl_results_estimate(res),
           dtl_results_estimate(res) == 1 ? "" : "s");
    for (i = 0; i < n; i++) {
        const struct dtl_result *r = dtl_results_get(res, i);
        dtl_time_format_iso(r->ts, when, sizeof(when));
        printf("\n%zu. %s  %s\n", offset + i + 1, when,
               r->headline[0] ? r->headline : "(no headline)");
        printf("   %s%s%s\n", r->title, r->title[0] ? "  -  " : "",
               r->source);
        if (r->collapsed)
            printf("   (%u more from this page)\n", r->collapsed);
        fputs("   ", stdout);
        print_marked(r, tty);
        putchar('\n');
    }
}

static void
print_json(const dtl_results *res, const dtl_query *q, const char *qs,
           size_t offset)
{
    size_t i, j, n = dtl_results_count(res);
    char when[40];

    fputs("{\"query\":", stdout);
    cli_json_str(stdout, qs, strlen(qs));
    printf(",\"estimate\":%llu,\"relaxed\":%s,\"offset\":%zu,\"warning\":",
           (unsigned long long)dtl_results_estimate(res),
           dtl_results_relaxed(res) ? "true" : "false", offset);
    cli_json_str(stdout, dtl_query_warning(q), strlen(dtl_query_warning(q)));
    fputs(",\"missing\":[", stdout);
    for (i = 0; i < dtl_results_missing_count(res); i++) {
        const char *m = dtl_results_missing(res, i);
        if (i)
            putchar(',');
        cli_json_str(stdout, m, strlen(m));
    }
    printf("],\"capped\":%llu,\"field_capped\":%llu,\"results\":[",
           (unsigned long long)dtl_results_capped(res),
           (unsigned long long)dtl_results_field_capped(res));
    for (i = 0; i < n; i++) {
        const struct dtl_result *r = dtl_results_get(res, i);
        printf("%s\n{\"rank\":%zu,\"time\":", i ? "," : "", offset + i + 1);
        if (r->ts == DTL_TS_NONE) {
            fputs("null,\"timestamp\":null", stdout);
        } else {
            dtl_time_format_iso(r->ts, when, sizeof(when));
            printf("\"%s\",\"timestamp\":%lld", when, (long long)r->ts);
        }
        fputs(",\"headline\":", stdout);
        cli_json_str(stdout, r->headline, strlen(r->headline));
        fputs(",\"title\":", stdout);
        cli_json_str(stdout, r->title, strlen(r->title));
        fputs(",\"source\":", stdout);
        cli_json_str(stdout, r->source, strlen(r->source));
        fputs(",\"url\":", stdout);
        cli_json_str(stdout, r->url, strlen(r->url));
        fputs(",\"language\":", stdout);
        cli_json_str(stdout, r->lang, strlen(r->lang));
        fputs(",\"snippet\":", stdout);
        cli_json_str(stdout, r->snippet, strlen(r->snippet));
        fputs(",\"marks\":[", stdout);
        for (j = 0; j < r->n_marks; j++)
            printf("%s[%zu,%zu]", j ? "," : "", r->marks[2 * j],
                   r->marks[2 * j + 1]);
        printf("],\"lead\":%s,\"score\":%.6g,\"relevance\":%.6g,"
               "\"collapsed\":%u,\"docid\":%u}",
               r->is_lead ? "true" : "false", r->score, r->relevance,
               r->collapsed, r->docid);
    }
    fputs("]}\n", stdout);
}

/* "Did you mean" after a search that found nothing (from the side
 * database when there is one: remote shards serve no spelling data). */
static void
print_suggestion(dtl_index *ix, const char *qs)
{
    char *fixed = NULL;

    if (dtl_index_suggest(ix, qs, strlen(qs), &fixed, NULL) == DTL_OK &&
        fixed)
        printf("Did you mean: %s\n", fixed);
    dtl_free_string(fixed);
}

/* Join argv words with single spaces into one query string. */
static char *
join_words(int argc, char **argv)
{
    size_t n = 1;
    int i;
    char *s, *p;

    for (i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    s = malloc(n);
    if (!s)
        return NULL;
    p = s;
    for (i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (i)
            *p++ = ' ';
        memcpy(p, argv[i], l);
        p += l;
    }
    *p = '\0';
    return s;
}

/* Separate options from query words before getopt sees them: in a query,
 * "-word" means "without word", so only "--long" options are options
 * (with their value when they take one), wherever they stand; "--" ends
 * them.  opts receives argv[0] and the options, words the rest; both
 * arrays must hold argc + 1 pointers. */
static void
split_args(int argc, char **argv, const struct option *longopts,
           char **opts, int *n_opts, char **words, int *n_words)
{
    int i, no = 0, nw = 0, done = 0;

    opts[no++] = (char *)"dateline search";
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const struct option *o;
        size_t len;

        if (done || a[0] != '-' || a[1] != '-') {
            words[nw++] = argv[i];
            continue;
        }
        if (a[2] == '\0') {
            done = 1;
            continue;
        }
        opts[no++] = argv[i];
        len = strcspn(a + 2, "=");
        for (o = longopts; o->name; o++)
            if (strlen(o->name) == len && strncmp(o->name, a + 2, len) == 0)
                break;
        if (o->name && o->has_arg == required_argument && !a[2 + len] &&
            i + 1 < argc)
            opts[no++] = argv[++i];
    }
    opts[no] = NULL;
    words[nw] = NULL;
    *n_opts = no;
    *n_words = nw;
}

int
cli_search(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"sort", required_argument, NULL, 's'},
        {"half-life", required_argument, NULL, 'H'},
        {"recency-weight", required_argument, NULL, 'w'},
        {"now", required_argument, NULL, 'N'},
        {"since", required_argument, NULL, 'S'},
        {"until", required_argument, NULL, 'U'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"per-page", required_argument, NULL, 'p'},
        {"any", no_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},
        {"partial", no_argument, NULL, 'P'},
        {"timeout", required_argument, NULL, 'T'},
        {"side", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {"batch", required_argument, NULL, 'B'},
        {"trec", no_argument, NULL, 'Q'},
        {"run-tag", required_argument, NULL, 'R'},
        {"docid", required_argument, NULL, 'I'},
        {"lang", required_argument, NULL, 'L'},
        {NULL, 0, NULL, 0}
    };
    struct cli_batch_opts bo = {1, "dateline"};
    const char *batch = NULL;
    int trec = 0, limit_set = 0, batch_only = 0;
    struct dtl_search_opts so;
    struct dtl_open_opts oo;
    struct dtl_query_opts qo;
    struct dtl_error err = DTL_ERROR_INIT;
    const char *since = NULL, *until = NULL;
    const char **dbs = NULL;
    size_t n_dbs = 0;
    char *db = NULL, *qs = NULL;
    dtl_index *ix = NULL;
    dtl_analyser *an = NULL;
    dtl_query *q = NULL;
    dtl_results *res = NULL;
    dtl_status st;
    int c, json = 0, rc = CLI_ERROR, n_opts, n_words;
    char **opts = NULL, **words = NULL;
    size_t v;

    dtl_search_opts_init(&so);
    dtl_open_opts_init(&oo);
    memset(&qo, 0, sizeof(qo));
    opts = calloc((size_t)argc + 1, sizeof(*opts));
    words = calloc((size_t)argc + 1, sizeof(*words));
    dbs = calloc((size_t)argc + 1, sizeof(*dbs));
    if (!opts || !words || !dbs) {
        cli_error("out of memory");
        goto out;
    }
    split_args(argc, argv, longopts, opts, &n_opts, words, &n_words);
    optind = 1;
    while ((c = getopt_long(n_opts, opts, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dbs[n_dbs++] = optarg;
            break;
        case 'P':
            so.partial = 1;
            break;
        case 'T':
            if (cli_parse_timeout(optarg, &oo.timeout_ms))
                { rc = CLI_USAGE; goto out; }
            break;
        case 'e':
            oo.side = optarg;
            break;
        case 's':
            if (strcmp(optarg, "blend") == 0)
                so.sort = DTL_SORT_BLEND;
            else if (strcmp(optarg, "relevance") == 0)
                so.sort = DTL_SORT_RELEVANCE;
            else if (strcmp(optarg, "date") == 0)
                so.sort = DTL_SORT_DATE;
            else {
                cli_error("--sort %s: expected blend, relevance or date",
                          optarg);
                { rc = CLI_USAGE; goto out; }
            }
            break;
        case 'H':
            if (dtl_duration_parse(optarg, strlen(optarg), &so.half_life) !=
                    DTL_OK || so.half_life <= 0) {
                cli_error("--half-life %s: expected a duration such as 7d, "
                          "12h or 90m", optarg);
                { rc = CLI_USAGE; goto out; }
            }
            break;
        case 'w': {
            char *end;
            so.recency_weight = strtod(optarg, &end);
            if (end == optarg || *end || !(so.recency_weight >= 0) ||
                so.recency_weight > 1e6) {
                cli_error("--recency-weight %s: expected a number >= 0",
                          optarg);
                { rc = CLI_USAGE; goto out; }
            }
            break;
        }
        case 'N':
            if (parse_when("--now", optarg, (int64_t)time(NULL), &so.now))
                { rc = CLI_USAGE; goto out; }
            break;
        case 'S':
            since = optarg;
            break;
        case 'U':
            until = optarg;
            break;
        case 'n':
            if (parse_count("--limit", optarg, DTL_SEARCH_MAX, &so.limit))
                { rc = CLI_USAGE; goto out; }
            limit_set = 1;
            break;
        case 'o':
            if (parse_count("--offset", optarg, DTL_SEARCH_MAX, &so.offset))
                { rc = CLI_USAGE; goto out; }
            break;
        case 'p':
            if (parse_count("--per-page", optarg, 1000000, &v))
                { rc = CLI_USAGE; goto out; }
            so.per_page = (unsigned)v;
            break;
        case 'a':
            qo.default_or = 1;
            break;
        case 'L':
            if (!dtl_lang_code(optarg, strlen(optarg))) {
                cli_error("--lang %s: unknown language (use a libstemmer "
                          "name or its ISO code: fr, de, es, ...)", optarg);
                { rc = CLI_USAGE; goto out; }
            }
            so.lang = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            usage(stdout);
            { rc = CLI_OK; goto out; }
        case 'B':
            batch = optarg;
            break;
        case 'Q':
            trec = batch_only = 1;
            break;
        case 'R':
            bo.run_tag = optarg;
            batch_only = 1;
            if (!optarg[0] || strcspn(optarg, " \t\n") != strlen(optarg)) {
                cli_error("--run-tag %s: expected one word", optarg);
                { rc = CLI_USAGE; goto out; }
            }
            break;
        case 'I':
            if (strcmp(optarg, "name") != 0 && strcmp(optarg, "source") != 0) {
                cli_error("--docid %s: expected name or source", optarg);
                { rc = CLI_USAGE; goto out; }
            }
            bo.docid_name = strcmp(optarg, "name") == 0;
            batch_only = 1;
            break;
        default:
            usage(stderr);
            { rc = CLI_USAGE; goto out; }
        }
    }
    /* Relative dates (--since 24h) count back from --now. */
    qo.now = so.now;
    if (since && parse_when("--since", since, so.now, &so.since))
        { rc = CLI_USAGE; goto out; }
    if (until) {
        if (parse_when("--until", until, so.now, &so.until))
            { rc = CLI_USAGE; goto out; }
        if (is_date_only(until))
            so.until += 86399;
    }
    if (batch && (!trec || n_words || json)) {
        cli_error(n_words ? "--batch takes its queries from the file, not "
                            "the command line"
                          : "--batch needs --trec (a TREC run is its only "
                            "output)");
        { rc = CLI_USAGE; goto out; }
    }
    if (!batch && batch_only) {
        cli_error("--trec, --run-tag and --docid go with --batch");
        { rc = CLI_USAGE; goto out; }
    }
    if (batch && !limit_set)
        so.limit = 1000; /* TREC runs rank 1000 documents a topic */
    so.no_snippet = batch != NULL;
    if (n_words == 0 && !since && !until && !batch) {
        usage(stderr);
        { rc = CLI_USAGE; goto out; }
    }
    qs = join_words(n_words, words);
    if (n_dbs == 0) {
        db = cli_db_path(NULL);
        dbs[n_dbs++] = db;
    }
    if (!qs || !dbs[0])
        goto out;

    st = dtl_index_open_many(dbs, n_dbs, &oo, &ix, &err);
    if (st != DTL_OK) {
        cli_report("index", st, &err);
        if (st == DTL_ENOTFOUND && n_dbs == 1)
            fprintf(stderr, "  (create one with: dateline index --db %s "
                            "FILE...)\n", dbs[0]);
        rc = cli_exit_for(st);
        goto out;
    }
    st = dtl_index_analyser(ix, NULL, &an, &err);
    if (st == DTL_OK && batch) {
        rc = cli_search_batch(ix, an, batch, &so, &qo, &bo);
        goto out;
    }
    if (st == DTL_OK)
        st = dtl_query_parse(qs, strlen(qs), an, &qo, &q, &err);
    if (st != DTL_OK) {
        cli_report("query", st, &err);
        rc = st == DTL_ESYNTAX || st == DTL_ELIMIT ? CLI_USAGE
                                                   : cli_exit_for(st);
        goto out;
    }
    st = dtl_search(ix, an, q, &so, &res, &err);
    if (st != DTL_OK) {
        cli_report("search", st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    if (json)
        print_json(res, q, qs, so.offset);
    else
        print_human(res, q, so.offset);
    rc = dtl_results_count(res) ? CLI_OK : CLI_NONE;
    if (!json && rc == CLI_NONE)
        print_suggestion(ix, qs);
out:
    if (fflush(stdout) != 0 && rc == CLI_OK) {
        cli_error("writing results: %s", strerror(errno));
        rc = CLI_ERROR;
    }
    dtl_results_free(res);
    dtl_query_free(q);
    dtl_analyser_free(an);
    dtl_index_close(ix, NULL);
    free(db);
    free(qs);
    free(opts);
    free(words);
    free(dbs);
    return rc;
}

int
cli_info(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    struct dtl_error err = DTL_ERROR_INIT;
    const char *db_opt = NULL;
    char *db, *an = NULL, *layout = NULL;
    dtl_index *ix = NULL;
    uint64_t count = 0;
    dtl_status st;
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
        if (c == 'd') {
            db_opt = optarg;
        } else {
            fputs("usage: dateline info [--db PATH]\n",
                  c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_OK : CLI_USAGE;
        }
    }
    db = cli_db_path(db_opt);
    if (!db)
        return CLI_ERROR;
    st = dtl_index_open(db, DTL_INDEX_READ, &ix, &err);
    if (st == DTL_OK)
        st = dtl_index_doc_count(ix, &count, &err);
    if (st == DTL_OK)
        st = dtl_index_get_meta(ix, "dateline.analyser", &an, NULL, &err);
    if (st == DTL_OK)
        st = dtl_index_get_meta(ix, "dateline.layout", &layout, NULL, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    } else {
        printf("index:    %s\nentries:  %llu\nanalyser: %s\nlayout:   %s\n",
               db, (unsigned long long)count, an[0] ? an : "(none yet)",
               layout[0] ? layout : "(none yet)");
        rc = CLI_OK;
    }
    dtl_free_string(an);
    dtl_free_string(layout);
    dtl_index_close(ix, NULL);
    free(db);
    return rc;
}
