/* Dateline: `dateline search --batch FILE --trec`: many queries, one run.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by cli_search() (src/cli-search.c) once the options are parsed.
 * Reads topics, one per line as "id<TAB>query" (blank lines and lines
 * starting with '#' are skipped), from a file or "-" for standard input,
 * runs each query with the same options as a single search against an
 * index opened once, and prints a TREC run, one line per result:
 *
 *     qid Q0 docno rank score tag
 *
 * as trec_eval reads it (tools/releval uses it).  docno is the result's
 * source (--docid source) or its name (--docid name, the default): the
 * last path or URL component without a .gz and then a .txt, .text,
 * .html or .htm extension, so that a collection written as one file per
 * document, named by its document number, comes back with its own
 * numbers.  A page with several entries would repeat a docno: only its
 * best-ranked entry is printed.  score is the ranking score; with
 * --sort date, whose order is not by score, it is a count down from the
 * number of results so that the run's order survives trec_eval's sort
 * by score.  A topic whose line or query is bad is reported with the
 * file and line and skipped; the others still run.  A topic over a
 * limit of the query language (more than DTL_QUERY_MAX_TERMS terms) is
 * cut where it crossed it, with a note: a run must answer every topic.
 */
#include <config.h>
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Topic lines longer than this are refused (queries are capped at 8 KiB
 * by the parser anyway). */
#define TOPIC_LINE_MAX (64 * 1024)

/* A docno set for one topic: open addressing over borrowed strings. */
struct seen {
    const char **slot;
    size_t cap;
};

static uint64_t
hash_str(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* Add s[0..n) (NUL-terminated at n in its own storage) to the set.
 * Returns 1 if it was new, 0 if it was there already.  The set holds at
 * most cap / 2 strings, which the caller guarantees by its sizing. */
static int
seen_add(struct seen *set, const char *s, size_t n)
{
    size_t i = (size_t)hash_str(s, n) & (set->cap - 1);

    while (set->slot[i]) {
        if (strncmp(set->slot[i], s, n) == 0 && set->slot[i][n] == '\0')
            return 0;
        i = (i + 1) & (set->cap - 1);
    }
    set->slot[i] = s;
    return 1;
}

/* The docno of a source for --docid name: its last component, less a
 * .gz and then one of the page extensions the indexer reads. */
static size_t
docno_name(const char *src, const char **start)
{
    static const char *const ext[] = {".txt", ".text", ".html", ".htm",
                                      NULL};
    const char *s = strrchr(src, '/');
    size_t n, i;

    s = s && s[1] ? s + 1 : src;
    n = strlen(s);
    if (n > 3 && memcmp(s + n - 3, ".gz", 3) == 0)
        n -= 3;
    for (i = 0; ext[i]; i++) {
        size_t l = strlen(ext[i]);
        if (n > l && memcmp(s + n - l, ext[i], l) == 0) {
            n -= l;
            break;
        }
    }
    *start = s;
    return n;
}

/* Print the TREC lines of one topic's results.  names holds one slot per
 * result for the docnos (copied, as a docno is a part of the source). */
static int
print_topic(const char *qid, const dtl_results *res,
            const struct cli_batch_opts *bo, int date_sort)
{
    size_t i, k, n = dtl_results_count(res), cap = 16, rank = 0;
    struct seen set = {NULL, 0};
    char **names = NULL;
    int rc = -1;

    while (cap < 2 * n + 2)
        cap *= 2;
    set.cap = cap;
    set.slot = calloc(cap, sizeof(*set.slot));
    names = calloc(n + 1, sizeof(*names));
    if (!set.slot || !names)
        goto out;
    for (i = 0; i < n; i++) {
        const struct dtl_result *r = dtl_results_get(res, i);
        const char *s = r->source;
        size_t len = strlen(s);

        if (bo->docid_name)
            len = docno_name(r->source, &s);
        if (len == 0)
            continue;
        names[i] = malloc(len + 1);
        if (!names[i])
            goto out;
        memcpy(names[i], s, len);
        names[i][len] = '\0';
        /* A docno holds no white space: trec_eval splits on it. */
        for (k = 0; k < len; k++)
            if (names[i][k] == ' ' || names[i][k] == '\t')
                names[i][k] = '_';
        if (!seen_add(&set, names[i], len))
            continue;
        rank++;
        printf("%s Q0 %s %zu %.6f %s\n", qid, names[i], rank,
               date_sort ? (double)(n - i) : r->score, bo->run_tag);
    }
    rc = 0;
out:
    if (names)
        for (i = 0; i < n; i++)
            free(names[i]);
    free(names);
    free(set.slot);
    return rc;
}

/* Parse a topic's query.  A topic over a limit of the query language
 * (long TREC narratives: more than DTL_QUERY_MAX_TERMS terms) is cut at
 * the last space before the place the limit was crossed and parsed
 * again; err->msg then says so and the status is DTL_OK. */
static dtl_status
parse_topic(char *qs, dtl_analyser *an, const struct dtl_query_opts *qo,
            dtl_query **q, struct dtl_error *err)
{
    size_t n = strlen(qs), cut;
    char why[160];
    dtl_status st;

    st = dtl_query_parse(qs, n, an, qo, q, err);
    if (st != DTL_ELIMIT || err->offset >= n)
        return st;
    cut = err->offset;
    while (cut > 0 && qs[cut - 1] != ' ')
        cut--;
    if (cut == 0)
        return st;
    snprintf(why, sizeof(why), "%.150s", err->msg);
    qs[cut] = '\0';
    dtl_error_clear(err);
    st = dtl_query_parse(qs, cut, an, qo, q, err);
    if (st == DTL_OK)
        snprintf(err->msg, sizeof(err->msg), "%.160s: cut at byte %zu", why,
                 cut);
    return st;
}

int
cli_search_batch(dtl_index *ix, dtl_analyser *an, const char *path,
                 const struct dtl_search_opts *so,
                 const struct dtl_query_opts *qo,
                 const struct cli_batch_opts *bo)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = CLI_OK;
    const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;

    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return CLI_USAGE;
    }
    while ((got = getline(&line, &cap, f)) != -1) {
        struct dtl_error err = DTL_ERROR_INIT;
        dtl_query *q = NULL;
        dtl_results *res = NULL;
        dtl_status st;
        size_t n = (size_t)got;
        char *tab, *id;

        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (n > TOPIC_LINE_MAX || strlen(line) != n) {
            cli_error("%s:%zu: line too long or holds a NUL byte", name,
                      lineno);
            rc = CLI_USAGE;
            continue;
        }
        tab = strchr(line, '\t');
        id = line;
        if (!tab || tab == line || strcspn(id, " \t") != (size_t)(tab - id)) {
            cli_error("%s:%zu: expected a topic id (no spaces), a tab and "
                      "a query", name, lineno);
            rc = CLI_USAGE;
            continue;
        }
        *tab = '\0';
        st = parse_topic(tab + 1, an, qo, &q, &err);
        if (st == DTL_OK && err.msg[0])
            fprintf(stderr, "dateline: %s:%zu (topic %s): %s\n", name,
                    lineno, id, err.msg);
        if (st == DTL_OK)
            st = dtl_search(ix, an, q, so, &res, &err);
        if (st == DTL_OK && print_topic(id, res, bo,
                                        so->sort == DTL_SORT_DATE) != 0)
            st = DTL_ENOMEM;
        if (st != DTL_OK) {
            char where[512];
            snprintf(where, sizeof(where), "%.400s:%zu (topic %.40s)", name,
                     lineno, id);
            cli_report(where, st, &err);
            if (st == DTL_ESYNTAX || st == DTL_ELIMIT) {
                rc = CLI_USAGE;
            } else {
                rc = cli_exit_for(st);
                dtl_results_free(res);
                dtl_query_free(q);
                break;
            }
        }
        dtl_results_free(res);
        dtl_query_free(q);
    }
    if (ferror(f)) {
        cli_error("%s: %s", name, strerror(errno));
        rc = CLI_ERROR;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}
