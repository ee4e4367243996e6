/* Dateline: the run report of `dateline index` (progress, summary, JSON).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Part of the `dateline` program, not the library: it only counts and
 * prints.  cli-index.c tells it about each file (done, skipped, failed)
 * and it draws a progress bar on a terminal (at most 10 redraws a second),
 * prints a one-line summary at the end and, with --json, a report object
 * on stdout.  Entry counts come from the index (dtl_index_write_totals).
 */
#ifndef DTL_SRC_REPORT_H
#define DTL_SRC_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <sys/stat.h>

#include "dateline/dateline.h"

/* One skipped or failed input. */
struct report_item {
    char *path;
    char *why;          /* reason or error message */
    uint64_t offset;    /* byte offset of a failure, or UINT64_MAX */
};

struct report_list {
    struct report_item *v;
    size_t n, cap;
};

struct report {
    dtl_index *ix;                  /* for the entry counts; borrowed */
    int progress;                   /* draw the bar on stderr */
    int drawn;                      /* the bar is on screen */
    uint64_t files_total, bytes_total;   /* from report_scan() */
    uint64_t files_done, bytes_done;
    uint64_t pages_written, pages_unchanged;
    uint64_t records_skipped;       /* records of a crawl that are no page */
    uint64_t unchanged_early;       /* entries of pages skipped by hash */
    struct dtl_write_counts frozen; /* totals once ix is closed */
    struct report_list skipped, failed;
    struct timespec start, last_draw;
    /* From the pipeline (report_writing()): entries written of those to
     * write, and the merge; after the inputs are read, the bar shows
     * these. */
    int inputs_read;                /* every input has been read */
    uint64_t written, to_write;
    int merging;
    double merged;                  /* fraction of the merge done */
    struct timespec merge_start;
};

/* Start a report; progress: draw a bar on stderr. */
void report_init(struct report *r, int progress);

/* Count the files and bytes under the inputs (for the bar's ETA). */
void report_scan(struct report *r, char *const *paths, int n);

/* A page was written (changed) or found unchanged, with its entries. */
void report_page(struct report *r, int changed, uint64_t entries);

/* A file was read to its end (bytes: its size on disk). */
void report_file(struct report *r, uint64_t bytes);

/* An input not indexed, on purpose (printed unless quiet). */
void report_skip(struct report *r, int quiet, const char *path,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* An input that failed: printed as "dateline: PATH: message". */
void report_fail(struct report *r, const char *path, uint64_t offset,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The pipeline's progress (see struct report); redraws if due. */
void report_writing(struct report *r, uint64_t written, uint64_t to_write,
                    int merging, double merged);

/* Every input has been read: the bar turns to the writing. */
void report_inputs_read(struct report *r);

/* Redraw the bar if it is due. */
void report_tick(struct report *r);

/* Remove the bar so that other output can be printed. */
void report_clear(struct report *r);

/* Keep the index's counts: call before closing r->ix. */
void report_freeze(struct report *r);

/* report_fail() for a message that names its file: "PATH: [byte N: ]
 * text" is recorded as PATH, offset N, text. */
void report_fail_msg(struct report *r, const char *path, const char *msg);

/* 1 if path's size or modification time differ from before's. */
int report_changed_since(const char *path, const struct stat *before);

/* The entry counts so far. */
void report_counts(const struct report *r, struct dtl_write_counts *c);

/* End: the summary line on stderr (unless quiet) and, with json, the
 * report object on stdout.  signame: the signal that stopped the run or
 * NULL; status: "ok", "failed", "interrupted"... */
void report_finish(struct report *r, int quiet, int json,
                   const char *signame, const char *status);

void report_release(struct report *r);

#endif
