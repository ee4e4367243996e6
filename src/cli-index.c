/* Dateline: `dateline index`, adding pages to an index.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Walks the files and directories given, reads each page (gzip or not),
 * splits it with the plain-text reader and writes its entries.  A bad file
 * is reported with its name and skipped; what was indexed before it stays
 * indexed.  SIGINT and SIGTERM stop the run after the current page, with a
 * commit, so an interrupted run loses nothing it reported as indexed.
 */
#include <config.h>
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "banned.h"

struct run {
    dtl_index *ix;
    dtl_analyser *an;
    dtl_pipeline *pl;
    struct dtl_text_opts topts;
    int quiet;
    unsigned long pages, unchanged, entries, failed, skipped;
    dtl_status fatal;            /* an index failure that stops the run */
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Length of the valid UTF-8 sequence at p[0..n), or 0 if it is invalid. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
    size_t len, i;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

/* A file whose first 8 KiB are more than 15% control characters or bytes
 * that are not UTF-8 is binary, not a page.  Legacy 8-bit text and a few
 * stray NULs stay well under that and are repaired by the reader. */
static int
looks_binary(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0, bad = 0, look = n < 8192 ? n : 8192;

    while (i < look) {
        size_t len = utf8_seq(u + i, look - i);
        if (len == 0) {
            bad++;
            i++;
            continue;
        }
        if (len == 1 && (u[i] == 0x7f || (u[i] < 0x20 && u[i] != '\n' &&
                                           u[i] != '\r' && u[i] != '\t' &&
                                           u[i] != '\f')))
            bad++;
        i += len;
    }
    return look > 0 && bad * 100 > look * 15;
}

static int
has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);

    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Files taken from directories: text pages, compressed or not. */
static int
is_page_name(const char *name)
{
    return has_suffix(name, ".txt") || has_suffix(name, ".text") ||
           has_suffix(name, ".txt.gz") || has_suffix(name, ".text.gz");
}

static void
index_file(struct run *r, const char *path)
{
    char msg[PATH_MAX + 256], *data = NULL, *real = NULL;
    const char *source;
    size_t len = 0, first_bad, n_entries = 0, url_len = 0;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_page *page = NULL;
    struct stat sb;
    dtl_status st;
    int changed = 0;

    /* Refuse an oversized plain file before reading it; compressed files
     * are checked as they are inflated. */
    if (!has_suffix(path, ".gz") && stat(path, &sb) == 0 &&
        (uintmax_t)sb.st_size > DTL_PAGE_MAX_BYTES) {
        cli_error("%s: larger than %zu MiB; skipped", path,
                  DTL_PAGE_MAX_BYTES >> 20);
        r->failed++;
        return;
    }
    if (cli_read_file(path, DTL_PAGE_MAX_BYTES, &data, &len, msg,
                      sizeof(msg)) != 0) {
        cli_error("%s", msg);
        r->failed++;
        return;
    }
    if (looks_binary(data, len)) {
        cli_error("%s: binary data, not a text page; skipped", path);
        r->failed++;
        goto out;
    }
    st = dtl_text_read(data, len, &r->topts, &page, &err);
    if (st != DTL_OK) {
        cli_report(path, st, &err);
        r->failed++;
        goto out;
    }
    if (dtl_page_bad_bytes(page, &first_bad) && !r->quiet)
        cli_error("%s: byte %zu: invalid UTF-8 or NUL bytes replaced "
                  "(%zu in all)", path, first_bad,
                  dtl_page_bad_bytes(page, NULL));
    /* A page names itself by its URL when it gives one, else by its
     * absolute path, so the same page is the same page from any cwd. */
    source = dtl_page_url(page, &url_len);
    if (url_len > 0) {
        /* The URL is a view into the page, not a C string. */
        real = strndup(source, url_len);
        if (!real) {
            cli_error("%s: out of memory", path);
            r->failed++;
            goto out;
        }
        source = real;
    } else {
        real = realpath(path, NULL);
        source = real ? real : path;
    }
    st = dtl_pipeline_add_page(r->pl, source, page, &changed, &n_entries,
                               &err);
    page = NULL;
    if (st != DTL_OK) {
        cli_report(path, st, &err);
        r->failed++;
        if (st != DTL_EINVAL)
            r->fatal = st;
        goto out;
    }
    if (changed) {
        r->pages++;
        r->entries += n_entries;
    } else {
        r->unchanged++;
    }
out:
    dtl_page_free(page);
    free(real);
    free(data);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void index_path(struct run *r, const char *path, int named);

static void
index_dir(struct run *r, const char *path)
{
    DIR *d = opendir(path);
    struct dirent *de;
    char **names = NULL, **nn;
    size_t n = 0, i;

    if (!d) {
        cli_error("%s: cannot open directory: %s", path, strerror(errno));
        r->failed++;
        return;
    }
    while ((de = readdir(d)) != NULL) {
        size_t sz;
        if (de->d_name[0] == '.')
            continue;
        nn = realloc(names, (n + 1) * sizeof(*names));
        if (!nn)
            break;
        names = nn;
        sz = strlen(path) + strlen(de->d_name) + 2;
        names[n] = malloc(sz);
        if (!names[n])
            break;
        snprintf(names[n], sz, "%s/%s", path, de->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        if (!interrupted && r->fatal == DTL_OK)
            index_path(r, names[i], 0);
        free(names[i]);
    }
    free(names);
}

static void
index_path(struct run *r, const char *path, int named)
{
    struct stat sb;

    if (stat(path, &sb) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        r->failed++;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        index_dir(r, path);
    } else if (!S_ISREG(sb.st_mode)) {
        if (named) {
            cli_error("%s: not a regular file; skipped", path);
            r->failed++;
        }
    } else if (named || is_page_name(path)) {
        index_file(r, path);
    } else {
        r->skipped++;
    }
}

static int
parse_zone(const char *s, struct dtl_text_opts *o)
{
    int off, rule;

    if (!dtl_zone_lookup(s, strlen(s), &off, &rule))
        return -1;
    o->has_tz = 1;
    o->tz_offset = off;
    return 0;
}

static void
usage(FILE *f)
{
    fputs("usage: dateline index [--db PATH] [--lang LANG] "
          "[--date YYYY-MM-DD] [--tz ZONE]\n"
          "                      [--jobs N] [--memory SIZE] [--quiet] "
          "FILE|DIR...\n", f);
}

/* A page the pipeline accepted failed later (analysis or writing). */
static void
on_fail(void *ctx, const char *source, dtl_status st,
        const struct dtl_error *err)
{
    (void)ctx;
    cli_report(source, st, err);
}

/* --memory: a number of MiB, or with a suffix K, M, G (KiB, MiB, GiB). */
static int
parse_memory(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 20;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    if (*end == 'K' || *end == 'k')
        shift = 10, end++;
    else if (*end == 'M' || *end == 'm')
        shift = 20, end++;
    else if (*end == 'G' || *end == 'g')
        shift = 30, end++;
    if (*end == 'i' && end[1] == 'B')
        end += 2;
    else if (*end == 'B')
        end++;
    if (*end || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

int
cli_index(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"lang", required_argument, NULL, 'l'},
        {"date", required_argument, NULL, 'D'},
        {"tz", required_argument, NULL, 'z'},
        {"quiet", no_argument, NULL, 'q'},
        {"jobs", required_argument, NULL, 'j'},
        {"memory", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    struct run r;
    struct dtl_pipeline_opts popts;
    struct dtl_error err = DTL_ERROR_INIT;
    struct sigaction sa;
    const char *db_opt = NULL, *lang = NULL;
    char *db = NULL;
    dtl_status st;
    int c, i, rc = CLI_OK, started = 0;

    memset(&r, 0, sizeof(r));
    dtl_pipeline_opts_init(&popts);
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:D:z:qhj:m:", longopts,
                            NULL)) != -1) {
        switch (c) {
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || end == optarg || j < 1 || j > DTL_PIPELINE_JOBS_MAX) {
                cli_error("--jobs %s: not a number from 1 to %d", optarg,
                          DTL_PIPELINE_JOBS_MAX);
                return CLI_USAGE;
            }
            popts.jobs = (unsigned)j;
            break;
        }
        case 'm':
            if (parse_memory(optarg, &popts.memory) != 0 ||
                popts.memory < DTL_PIPELINE_MEMORY_MIN) {
                cli_error("--memory %s: not a size of at least %zuM "
                          "(e.g. 512M, 2G)", optarg,
                          DTL_PIPELINE_MEMORY_MIN >> 20);
                return CLI_USAGE;
            }
            break;
        case 'd':
            db_opt = optarg;
            break;
        case 'l':
            lang = optarg;
            break;
        case 'D': {
            int64_t t;
            int64_t now = (int64_t)time(NULL);
            if (dtl_time_parse_user(optarg, strlen(optarg), now, &t,
                                    &err) != DTL_OK) {
                cli_error("--date %s: %s", optarg, err.msg);
                return CLI_USAGE;
            }
            dtl_time_to_civil(t, &r.topts.year, &r.topts.month,
                              &r.topts.day, NULL, NULL, NULL);
            break;
        }
        case 'z':
            if (parse_zone(optarg, &r.topts) != 0) {
                cli_error("--tz %s: unknown time zone", optarg);
                return CLI_USAGE;
            }
            break;
        case 'q':
            r.quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return CLI_OK;
        default:
            usage(stderr);
            return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return CLI_USAGE;
    }
    db = cli_db_path(db_opt);
    if (!db || cli_make_parents(db) != 0) {
        free(db);
        return CLI_ERROR;
    }
    st = dtl_index_open(db, DTL_INDEX_WRITE, &r.ix, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        free(db);
        return cli_exit_for(st);
    }
    st = dtl_index_analyser(r.ix, lang, &r.an, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    st = dtl_pipeline_new(r.ix, r.an, &popts, on_fail, &r, &r.pl, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    started = 1;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    for (i = optind; i < argc && !interrupted && r.fatal == DTL_OK; i++)
        index_path(&r, argv[i], 1);

    dtl_error_clear(&err);
    st = dtl_pipeline_finish(r.pl, &err);
    if (st != DTL_OK && r.fatal == DTL_OK) {
        cli_report(db, st, &err);
        r.fatal = st;
    }
    {
        size_t pages, entries, failed;

        dtl_pipeline_counts(r.pl, &pages, &entries, &failed);
        r.pages = pages;
        r.entries = entries;
        r.failed += failed;
    }
    if (r.fatal != DTL_OK)
        rc = cli_exit_for(r.fatal);
    else if (r.failed)
        rc = CLI_NONE;
    if (interrupted) {
        cli_error("interrupted: committing what was indexed");
        rc = CLI_INTERRUPTED;
    }
out:
    dtl_pipeline_free(r.pl);
    dtl_analyser_free(r.an);
    dtl_error_clear(&err);
    st = dtl_index_close(r.ix, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    }
    if (!r.quiet && started)
        fprintf(stderr,
                "indexed %lu pages (%lu entries), %lu unchanged, "
                "%lu errors\n", r.pages, r.entries, r.unchanged, r.failed);
    free(db);
    return rc;
}
