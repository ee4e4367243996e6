/* Dateline: the run report of `dateline index` (progress, summary, JSON).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * See report.h.  The bar is one line on stderr, redrawn in place with a
 * carriage return at most every 100 ms:
 *   [#####.....]  412/1000 files  38.2/90.0 MB  5120 entries/s  ETA 0:14
 * The ETA is from the bytes still to read at the rate read so far.  Once
 * every input is read, the bar follows the writing and the merge:
 *   [#############.......] writing 21000/31321 entries  5120 entries/s
 *   [########............] merging 41%  5120 entries/s  ETA 0:03
 * (the first with an ETA too)
 * with the ETA from the entries still to write, or the part of the merge
 * still to do, at the rate so far.
 */
#include <config.h>
#include "report.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "banned.h"

/* Shortest interval between two redraws, in seconds. */
#define REPORT_REDRAW 0.1
/* Directory depth report_scan() follows. */
#define REPORT_SCAN_DEPTH 32

static double
since(const struct timespec *a)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) +
           (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

void
report_init(struct report *r, int progress)
{
    memset(r, 0, sizeof(*r));
    r->progress = progress;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
}

static void
scan(struct report *r, const char *path, int depth)
{
    struct stat sb;
    struct dirent *de;
    DIR *d;

    if (stat(path, &sb) != 0)
        return;
    if (S_ISREG(sb.st_mode)) {
        r->files_total++;
        r->bytes_total += (uint64_t)sb.st_size;
        return;
    }
    if (!S_ISDIR(sb.st_mode) || depth >= REPORT_SCAN_DEPTH)
        return;
    d = opendir(path);
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *p;

        if (de->d_name[0] == '.')
            continue;
        p = malloc(n);
        if (!p)
            break;
        snprintf(p, n, "%s/%s", path, de->d_name);
        scan(r, p, depth + 1);
        free(p);
    }
    closedir(d);
}

void
report_scan(struct report *r, char *const *paths, int n)
{
    int i;

    for (i = 0; i < n; i++)
        scan(r, paths[i], 0);
}

void
report_counts(const struct report *r, struct dtl_write_counts *c)
{
    if (r->ix)
        dtl_index_write_totals(r->ix, c);
    else
        *c = r->frozen;
    c->unchanged += r->unchanged_early;
}

void
report_freeze(struct report *r)
{
    if (r->ix)
        dtl_index_write_totals(r->ix, &r->frozen);
    r->ix = NULL;
}

void
report_fail_msg(struct report *r, const char *path, const char *msg)
{
    size_t n = strlen(path);
    uint64_t off = UINT64_MAX;
    char *end;

    if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    if (strncmp(msg, "byte ", 5) == 0) {
        unsigned long long v = strtoull(msg + 5, &end, 10);

        if (end != msg + 5 && end[0] == ':' && end[1] == ' ') {
            off = (uint64_t)v;
            msg = end + 2;
        }
    }
    /* zlib's messages name the file again. */
    if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    report_fail(r, path, off, "%s", msg);
}

int
report_changed_since(const char *path, const struct stat *before)
{
    struct stat now;

    if (stat(path, &now) != 0)
        return 1;
    return now.st_size != before->st_size ||
           now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
           now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

void
report_clear(struct report *r)
{
    if (r->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        r->drawn = 0;
    }
}

/* The bar of the writing and the merge, after every input is read. */
static void
draw_writing(struct report *r, double secs, double rate)
{
    double frac, eta = -1;
    unsigned filled, i;
    char bar[21];

    if (r->merging) {
        double msecs = since(&r->merge_start);

        frac = r->merged;
        /* As for reading: nothing before half a second of run. */
        if (frac > 0.01 && msecs > 0.1 && secs > 0.5)
            eta = msecs * (1 - frac) / frac;
        if (frac >= 1)
            eta = 0;
    } else {
        frac = r->to_write ? (double)r->written / (double)r->to_write : 1;
        if (r->written > 0 && secs > 0.5)
            eta = secs * (double)(r->to_write - r->written) /
                  (double)r->written;
    }
    if (frac > 1)
        frac = 1;
    filled = (unsigned)(frac * 20);
    for (i = 0; i < 20; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[20] = '\0';
    if (r->merging)
        fprintf(stderr, "\r[%s] merging %.0f%%  %.0f entries/s", bar,
                frac * 100, rate);
    else
        fprintf(stderr, "\r[%s] writing %llu/%llu entries  %.0f entries/s",
                bar, (unsigned long long)r->written,
                (unsigned long long)r->to_write, rate);
    if (eta >= 0)
        fprintf(stderr, "  ETA %d:%02d", (int)(eta / 60), (int)eta % 60);
}

static void
draw(struct report *r)
{
    struct dtl_write_counts c;
    double secs = since(&r->start), rate, eta = -1;
    uint64_t entries;
    unsigned filled = 0, i;
    char bar[21];

    report_counts(r, &c);
    entries = c.added + c.updated + c.unchanged;
    /* A first indexing adds its entries only when it merges. */
    if (entries < r->written + c.unchanged)
        entries = r->written + c.unchanged;
    rate = secs > 0 ? (double)entries / secs : 0;
    if (r->inputs_read && r->to_write > 0) {
        draw_writing(r, secs, rate);
        goto done;
    }
    if (r->bytes_total > 0) {
        double frac = (double)r->bytes_done / (double)r->bytes_total;

        if (frac > 1)
            frac = 1;
        filled = (unsigned)(frac * 20);
        if (r->bytes_done > 0 && secs > 0.5)
            eta = secs * (double)(r->bytes_total - (r->bytes_done <
                                  r->bytes_total ? r->bytes_done
                                                 : r->bytes_total)) /
                  (double)r->bytes_done;
    }
    for (i = 0; i < 20; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[20] = '\0';
    fprintf(stderr, "\r[%s] %llu/%llu files  %.1f/%.1f MB  %.0f entries/s",
            bar, (unsigned long long)r->files_done,
            (unsigned long long)r->files_total, (double)r->bytes_done / 1e6,
            (double)r->bytes_total / 1e6, rate);
    if (eta >= 0)
        fprintf(stderr, "  ETA %d:%02d", (int)(eta / 60),
                (int)eta % 60);
done:
    fputs("\033[K", stderr);
    fflush(stderr);
    r->drawn = 1;
    clock_gettime(CLOCK_MONOTONIC, &r->last_draw);
}

void
report_tick(struct report *r)
{
    if (!r->progress)
        return;
    if (r->drawn && since(&r->last_draw) < REPORT_REDRAW)
        return;
    draw(r);
}

void
report_writing(struct report *r, uint64_t written, uint64_t to_write,
               int merging, double merged)
{
    int starts = merging && !r->merging;

    if (starts)
        clock_gettime(CLOCK_MONOTONIC, &r->merge_start);
    r->written = written;
    r->to_write = to_write;
    r->merging = merging;
    r->merged = merged;
    /* The merge is shown as it starts, even if a redraw is not due: a
     * small one may be over before the next. */
    if (starts && r->progress && r->inputs_read)
        draw(r);
    else
        report_tick(r);
}

void
report_inputs_read(struct report *r)
{
    r->inputs_read = 1;
    report_tick(r);
}

void
report_page(struct report *r, int changed, uint64_t entries)
{
    if (changed) {
        r->pages_written++;
    } else {
        r->pages_unchanged++;
        r->unchanged_early += entries;
    }
    report_tick(r);
}

void
report_file(struct report *r, uint64_t bytes)
{
    r->files_done++;
    r->bytes_done += bytes;
    report_tick(r);
}

static void
add_item(struct report_list *l, const char *path, uint64_t offset,
         const char *why)
{
    struct report_item *v;

    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;

        v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n].path = strdup(path);
    l->v[l->n].why = strdup(why);
    l->v[l->n].offset = offset;
    if (l->v[l->n].path && l->v[l->n].why) {
        l->n++;
    } else {
        free(l->v[l->n].path);
        free(l->v[l->n].why);
    }
}

void
report_skip(struct report *r, int quiet, const char *path, const char *fmt,
            ...)
{
    char why[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    add_item(&r->skipped, path, UINT64_MAX, why);
    if (!quiet) {
        report_clear(r);
        cli_error("%s: %s; skipped", path, why);
    }
}

void
report_fail(struct report *r, const char *path, uint64_t offset,
            const char *fmt, ...)
{
    char why[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    add_item(&r->failed, path, offset, why);
    report_clear(r);
    if (offset != UINT64_MAX)
        cli_error("%s: byte %llu: %s", path, (unsigned long long)offset,
                  why);
    else
        cli_error("%s: %s", path, why);
}

static void
json_items(const struct report_list *l, const char *what)
{
    size_t i;

    fputs("[", stdout);
    for (i = 0; i < l->n; i++) {
        fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", stdout);
        cli_json_str(stdout, l->v[i].path, strlen(l->v[i].path));
        if (l->v[i].offset != UINT64_MAX)
            printf(", \"offset\": %llu",
                   (unsigned long long)l->v[i].offset);
        printf(", \"%s\": ", what);
        cli_json_str(stdout, l->v[i].why, strlen(l->v[i].why));
        fputs("}", stdout);
    }
    fputs(l->n ? "\n  ]" : "]", stdout);
}

void
report_finish(struct report *r, int quiet, int json, const char *signame,
              const char *status)
{
    struct dtl_write_counts c;
    double secs = since(&r->start);

    report_counts(r, &c);
    report_clear(r);
    if (!quiet) {
        fprintf(stderr,
                "indexed %llu pages (%llu entries), %llu unchanged, "
                "%zu errors", (unsigned long long)r->pages_written,
                (unsigned long long)(c.added + c.updated + c.unchanged -
                                     r->unchanged_early),
                (unsigned long long)r->pages_unchanged, r->failed.n);
        if (r->records_skipped)
            fprintf(stderr, ", %llu records skipped (not pages)",
                    (unsigned long long)r->records_skipped);
        fprintf(stderr,
                ": %llu added, %llu updated, %llu unchanged, "
                "%llu deleted entries; %zu skipped; %.1f MB in %.1f s%s%s\n",
                (unsigned long long)c.added, (unsigned long long)c.updated,
                (unsigned long long)c.unchanged,
                (unsigned long long)c.deleted, r->skipped.n,
                (double)r->bytes_done / 1e6, secs,
                signame ? "; stopped by " : "", signame ? signame : "");
    }
    if (!json)
        return;
    printf("{\n  \"status\": \"%s\",\n", status);
    if (signame)
        printf("  \"signal\": \"%s\",\n", signame);
    printf("  \"files\": %llu,\n  \"pages_written\": %llu,\n"
           "  \"pages_unchanged\": %llu,\n"
           "  \"records_skipped\": %llu,\n"
           "  \"added\": %llu,\n  \"updated\": %llu,\n"
           "  \"unchanged\": %llu,\n  \"deleted\": %llu,\n"
           "  \"bytes\": %llu,\n  \"seconds\": %.3f,\n  \"skipped\": ",
           (unsigned long long)r->files_done,
           (unsigned long long)r->pages_written,
           (unsigned long long)r->pages_unchanged,
           (unsigned long long)r->records_skipped,
           (unsigned long long)c.added, (unsigned long long)c.updated,
           (unsigned long long)c.unchanged, (unsigned long long)c.deleted,
           (unsigned long long)r->bytes_done, secs);
    json_items(&r->skipped, "reason");
    fputs(",\n  \"failed\": ", stdout);
    json_items(&r->failed, "error");
    fputs("\n}\n", stdout);
    fflush(stdout);
}

static void
release_list(struct report_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].why);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

void
report_release(struct report *r)
{
    release_list(&r->skipped);
    release_list(&r->failed);
}
