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
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "banned.h"

struct run {
    dtl_index *ix;
    dtl_analyser *an;
    dtl_pipeline *pl;
    struct dtl_text_opts topts;
    int quiet;
    unsigned long pages, unchanged, entries, failed;
    unsigned long skipped;       /* records that are no page */
    char **include, **exclude;   /* --include / --exclude patterns */
    size_t n_include, n_exclude;
    dtl_status fatal;            /* an index failure that stops the run */
    struct report rep;           /* progress and the run report */
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    interrupted = sig;
}

static int
has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);

    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Files taken from directories without --include: pages, crawls and
 * dumps, compressed or not (named files are read whatever their name;
 * what a file holds is told by its content). */
static int
is_page_name(const char *name)
{
    static const char *const exts[] = {
        ".txt", ".text", ".html", ".htm", ".xhtml", ".warc", ".jsonl",
        ".ndjson", NULL
    };
    char base[64];
    size_t n = strlen(name), i;

    if (has_suffix(name, ".gz"))
        n -= 3;
    for (i = 0; exts[i]; i++) {
        size_t k = strlen(exts[i]);
        if (n >= k && k < sizeof(base)) {
            memcpy(base, name + n - k, k);
            base[k] = '\0';
            if (strcmp(base, exts[i]) == 0)
                return 1;
        }
    }
    return 0;
}

/* 1 if path (or its last component) matches one of the patterns. */
static int
matches_any(char **pats, size_t n, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t i;

    base = base ? base + 1 : path;
    for (i = 0; i < n; i++) {
        if (strchr(pats[i], '/') ? fnmatch(pats[i], path, 0) == 0
                                 : fnmatch(pats[i], base, 0) == 0)
            return 1;
    }
    return 0;
}

/* "dateline: FILE: byte N: reason" (or without the byte when there is no
 * offset). */
static void
report_at(struct run *r, const char *path, uint64_t off, const char *msg)
{
    report_fail(&r->rep, path, off == (uint64_t)SIZE_MAX ? UINT64_MAX : off,
                "%s", msg);
}

/* One file's reading state, for the source callback. */
struct file_job {
    struct run *r;
    const char *path;         /* as named, for messages */
    char *real;               /* absolute path, or NULL */
    int bad_reported;         /* replaced bytes reported once per file */
    struct stat sb;           /* the file when reading began */
    int has_sb;
    int changed;              /* it changed while being read */
};

/* The name a page without URL is known by: the file's absolute path, and
 * for a record of a crawl or dump, the line or byte it starts at. */
static char *
fallback_source(struct file_job *f, const struct dtl_item *it)
{
    const char *base = f->real ? f->real : f->path;
    size_t sz = strlen(base) + 32;
    char *s = malloc(sz);

    if (!s)
        return NULL;
    if (strcmp(f->path, "-") == 0)
        base = "(standard input)";
    if (it->line)
        snprintf(s, sz, "%s:%zu", base, it->line);
    else if (it->offset)
        snprintf(s, sz, "%s@%llu", base, (unsigned long long)it->offset);
    else
        snprintf(s, sz, "%s", base);
    return s;
}

/* The source callback: index a page, count the rest. */
static dtl_status
on_item(void *ctx, const struct dtl_item *it)
{
    struct file_job *f = ctx;
    struct run *r = f->r;
    struct dtl_error err = DTL_ERROR_INIT;
    char where[64], *own = NULL;
    const char *source = it->url;
    size_t n_entries = 0;
    int changed = 0;
    dtl_status st;

    if (interrupted)
        return DTL_EINTERNAL;
    if (it->line)
        snprintf(where, sizeof(where), "line %zu: ", it->line);
    else
        snprintf(where, sizeof(where), "byte %llu: ",
                 (unsigned long long)it->offset);
    if (it->kind == DTL_ITEM_SKIPPED) {
        r->skipped++;
        r->rep.records_skipped++;
        return DTL_OK;
    }
    if (it->kind == DTL_ITEM_BAD) {
        report_fail(&r->rep, f->path, it->line ? UINT64_MAX : it->offset,
                    "%s%s", it->line ? where : "", it->reason);
        r->failed++;
        return DTL_OK;
    }
    /* A page read from a file that is being written may be torn: leave
     * the rest of the file to the next run. */
    if (f->has_sb && report_changed_since(f->path, &f->sb)) {
        report_fail(&r->rep, f->path, UINT64_MAX, "changed while it was "
                    "read; not indexed (the next run will index it)");
        r->failed++;
        f->changed = 1;
        return DTL_EIO;
    }
    if (it->bad_bytes && !f->bad_reported && !r->quiet) {
        cli_error("%s: byte %llu: invalid UTF-8 or NUL bytes replaced "
                  "(%zu in all)", f->path,
                  (unsigned long long)(it->offset + it->first_bad),
                  it->bad_bytes);
        f->bad_reported = 1;
    }
    if (!*source) {
        own = fallback_source(f, it);
        if (!own) {
            cli_error("%s: out of memory", f->path);
            return DTL_ENOMEM;
        }
        source = own;
    }
    st = dtl_pipeline_add_page(r->pl, source, it->page, &changed,
                               &n_entries, &err);
    free(own);
    if (st == DTL_EINVAL) {
        report_fail(&r->rep, f->path, UINT64_MAX, "%s%s",
                    it->line || it->offset ? where : "", err.msg);
        r->failed++;
        return DTL_OK;
    }
    if (st != DTL_OK) {
        report_fail(&r->rep, f->path, UINT64_MAX, "%s",
                    err.msg[0] ? err.msg : dtl_status_str(st));
        r->failed++;
        r->fatal = st;
        return st;
    }
    if (changed) {
        r->pages++;
        r->entries += n_entries;
    } else {
        r->unchanged++;
    }
    report_page(&r->rep, changed, n_entries);
    return DTL_OK;
}

/* Read every page of one file (or of standard input, "-"). */
static void
index_file(struct run *r, const char *path)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_source_opts so;
    struct file_job f;
    dtl_input *in = NULL;
    dtl_status st;

    memset(&f, 0, sizeof(f));
    f.r = r;
    f.path = path;
    if (strcmp(path, "-") != 0) {
        f.real = realpath(path, NULL);
        f.has_sb = stat(path, &f.sb) == 0 && S_ISREG(f.sb.st_mode);
    }
    st = dtl_input_open(path, &in, &err);
    if (st != DTL_OK) {
        report_at(r, path, err.offset, err.msg);
        r->failed++;
        goto out;
    }
    memset(&so, 0, sizeof(so));
    so.text = r->topts;
    st = dtl_source_read(in, &so, on_item, &f, NULL, &err);
    if (st != DTL_OK && r->fatal == DTL_OK && !interrupted && !f.changed) {
        report_at(r, path, err.offset, err.msg[0] ? err.msg
                                                  : dtl_status_str(st));
        r->failed++;
    }
    report_file(&r->rep, f.has_sb ? (uint64_t)f.sb.st_size : 0);
out:
    dtl_input_free(in);
    free(f.real);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void index_path(struct run *r, const char *path, int named);

/* Walk a directory in name order; hidden and excluded entries are left
 * out, and files must pass the name filter. */
static void
index_dir(struct run *r, const char *path)
{
    DIR *d = opendir(path);
    struct dirent *de;
    char **names = NULL, **nn;
    size_t n = 0, i;

    if (!d) {
        report_fail(&r->rep, path, UINT64_MAX, "cannot open directory: %s",
                    strerror(errno));
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
    if (names)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        if (!interrupted && r->fatal == DTL_OK &&
            !matches_any(r->exclude, r->n_exclude, names[i]))
            index_path(r, names[i], 0);
        free(names[i]);
    }
    free(names);
}

static void
index_path(struct run *r, const char *path, int named)
{
    struct stat sb;

    if (named && strcmp(path, "-") == 0) {
        index_file(r, path);
        return;
    }
    if (stat(path, &sb) != 0) {
        report_fail(&r->rep, path, UINT64_MAX, "%s", strerror(errno));
        r->failed++;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        index_dir(r, path);
    } else if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
        if (named) {
            report_fail(&r->rep, path, UINT64_MAX,
                        "not a regular file; skipped");
            r->failed++;
        }
    } else if (named) {
        index_file(r, path);
    } else if (r->n_include ? matches_any(r->include, r->n_include, path)
                            : is_page_name(path)) {
        index_file(r, path);
    } else {
        report_skip(&r->rep, 1, path, r->n_include
                    ? "matches no --include pattern"
                    : "not a page file name (.txt, .text, .txt.gz, "
                      ".text.gz)");
    }
}

/* Add a pattern to a list (argv strings are borrowed). */
static int
add_pattern(char ***list, size_t *n, char *pat)
{
    char **nl = realloc(*list, (*n + 1) * sizeof(**list));

    if (!nl)
        return -1;
    nl[(*n)++] = pat;
    *list = nl;
    return 0;
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
          "                      [--include GLOB] [--exclude GLOB] "
          "[--quiet]\n"
          "                      [--json] [--progress|--no-progress] "
          "[--wait[=SECONDS]]\n"
          "                      [--shard-by month] [--jobs N] "
          "[--memory SIZE]\n"
          "                      [--no-spelling] FILE|DIR|-...\n", f);
}

/* The pipeline's progress, for the bar. */
static void
on_progress(void *ctx, const struct dtl_pipeline_progress *pr)
{
    struct run *r = ctx;

    report_writing(&r->rep, pr->entries_done, pr->entries_total,
                   pr->merging, pr->merged);
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
        {"include", required_argument, NULL, 'I'},
        {"exclude", required_argument, NULL, 'X'},
        {"json", no_argument, NULL, 'j'},
        {"progress", no_argument, NULL, 'P'},
        {"no-progress", no_argument, NULL, 'N'},
        {"wait", optional_argument, NULL, 'w'},
        {"shard-by", required_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'J'},
        {"memory", required_argument, NULL, 'm'},
        {"no-spelling", no_argument, NULL, 'E'},
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
    struct cli_open_opts oo = {0, -1, NULL, DTL_TS_NONE, 0};
    int json = 0, progress = -1;
    const char *signame = NULL;

    memset(&r, 0, sizeof(r));
    dtl_pipeline_opts_init(&popts);
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:D:z:qI:X:hJ:m:", longopts,
                            NULL)) != -1) {
        switch (c) {
        case 'J': {
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
        case 'E':
            popts.no_spelling = 1;
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
                rc = CLI_USAGE;
                goto out;
            }
            dtl_time_to_civil(t, &r.topts.year, &r.topts.month,
                              &r.topts.day, NULL, NULL, NULL);
            oo.when = t;
            break;
        }
        case 'z':
            if (parse_zone(optarg, &r.topts) != 0) {
                cli_error("--tz %s: unknown time zone", optarg);
                rc = CLI_USAGE;
                goto out;
            }
            break;
        case 'q':
            r.quiet = 1;
            break;
        case 'j':
            json = 1;
            break;
        case 'P':
        case 'N':
            progress = c == 'P';
            break;
        case 'w':
            if (cli_parse_wait(optarg, &oo) != 0) {
                rc = CLI_USAGE;
                goto out;
            }
            break;
        case 'S':
            if (strcmp(optarg, "month") != 0) {
                cli_error("--shard-by %s: only 'month' is known", optarg);
                rc = CLI_USAGE;
                goto out;
            }
            oo.shard_by = optarg;
            break;
        case 'I':
        case 'X':
            if ((c == 'I' ? add_pattern(&r.include, &r.n_include, optarg)
                          : add_pattern(&r.exclude, &r.n_exclude, optarg))
                != 0) {
                cli_error("out of memory");
                rc = CLI_ERROR;
                goto out;
            }
            break;
        case 'h':
            usage(stdout);
            goto out;
        default:
            usage(stderr);
            rc = CLI_USAGE;
            goto out;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        rc = CLI_USAGE;
        goto out;
    }
    db = cli_db_path(db_opt);
    if (!db || cli_make_parents(db) != 0) {
        rc = CLI_ERROR;
        goto out;
    }
    st = cli_open_writer(db, &oo, &r.ix, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    st = dtl_index_analyser(r.ix, lang, &r.an, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    popts.progress = on_progress;
    popts.progress_ctx = &r;
    st = dtl_pipeline_new(r.ix, r.an, &popts, on_fail, &r, &r.pl, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
        goto out;
    }
    started = 1;
    report_init(&r.rep, progress >= 0 ? progress
                                      : !r.quiet && isatty(STDERR_FILENO));
    r.rep.ix = r.ix;
    if (r.rep.progress)
        report_scan(&r.rep, argv + optind, argc - optind);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    for (i = optind; i < argc && !interrupted && r.fatal == DTL_OK; i++)
        index_path(&r, argv[i], 1);
    report_inputs_read(&r.rep);

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
        signame = interrupted == SIGTERM ? "SIGTERM" : "SIGINT";
        report_clear(&r.rep);
        cli_error("stopped by %s: committing the pages indexed so far",
                  signame);
        rc = interrupted == SIGTERM ? CLI_TERMINATED : CLI_INTERRUPTED;
    }
out:
    if (started)
        report_freeze(&r.rep);
    dtl_pipeline_free(r.pl);
    dtl_analyser_free(r.an);
    dtl_error_clear(&err);
    st = dtl_index_close(r.ix, &err);
    if (st != DTL_OK) {
        cli_report(db, st, &err);
        rc = cli_exit_for(st);
    }
    if (started) {
        report_finish(&r.rep, r.quiet, json, signame,
                      rc == CLI_OK ? "ok"
                      : signame ? "interrupted"
                      : r.fatal != DTL_OK || st != DTL_OK ? "failed"
                      : "partial");
        report_release(&r.rep);
    }
    free(r.include);
    free(r.exclude);
    free(db);
    return rc;
}
