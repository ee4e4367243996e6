/* Dateline: keeping an archive index: write counts, shards, stub files,
 * statistics, checking, deleting and compacting.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implemented in index/shim-admin.cc (everything that touches Xapian) and
 * src/stub.c (the stub-file parser, plain C).  Used by `dateline index`,
 * `stats`, `check`, `delete` and `compact` (src/cli-admin.c).
 *
 * An index is either one Xapian database (a directory) or a sharded index:
 * a directory holding a Xapian stub file named XAPIANDB, one shard per
 * line ("glass 2025-12"), with each shard a database in a subdirectory.
 * Xapian (Database, xapian-delve, xapian-tcpsrv) opens such a directory as
 * one database, and so does dtl_index_open(..., DTL_INDEX_READ, ...).
 */
#ifndef DTL_DATELINE_ADMIN_H
#define DTL_DATELINE_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/index.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- what a write did ---------------------------------------------------- */

/** Entries written, by outcome.  Functions that take one add to it. */
struct dtl_write_counts {
    uint64_t added;      /* entries new to the index */
    uint64_t updated;    /* entries whose content changed */
    uint64_t unchanged;  /* entries found identical and not written */
    uint64_t deleted;    /* entries removed (no longer on their page) */
};

/**
 * dtl_index_replace_page() that also says what it did: each entry is
 * compared by content hash (stored with the entry) with the one already
 * indexed under its unique term and written only when new or different;
 * entries of the page that are not among docs are deleted.  The page's
 * writes are atomic: a crash or an error never leaves part of a page
 * committed.  counts (may be NULL) is added to; when page_hash equals the
 * stored one nothing is compared and n entries count as unchanged.
 * Same arguments, statuses and ownership as dtl_index_replace_page().
 */
DTL_API dtl_status dtl_index_replace_page_counted(
    dtl_index *ix, const char *page_key, size_t n_key, const char *page_hash,
    dtl_doc *const *docs, size_t n, int *changed,
    struct dtl_write_counts *counts, struct dtl_error *err);

/** The totals of every page written through ix since it was opened
 *  (written into *out; zeros for NULL ix). */
DTL_API void dtl_index_write_totals(const dtl_index *ix,
                                    struct dtl_write_counts *out);

/* ---- stub files ---------------------------------------------------------- */

/** Longest stub file accepted (bytes). */
#define DTL_STUB_MAX_BYTES (1024 * 1024)
/** Most shards in one stub. */
#define DTL_STUB_MAX_SHARDS 10000

typedef struct dtl_stub dtl_stub;

/** One line of a stub: the backend word ("auto", "glass", "chert",
 *  "remote", "inmemory") and its argument ("" for inmemory), both
 *  NUL-terminated and owned by the stub.  A `remote` argument is
 *  "HOST:PORT" (HOST may be "[v6]") or ":PROGRAM ARGS". */
struct dtl_stub_shard {
    const char *type;
    const char *arg;
    unsigned long line; /* its line in the parsed text; 0 if added */
};

/**
 * Parse a stub file's text p[0..n) as Xapian reads it: one database per
 * line, blank lines and lines starting with '#' ignored, "TYPE ARG" with
 * TYPE one of the words above.  This is the one stub parser: the shard
 * reader (dtl_index_open_many()) loads stubs through it.  Bad input
 * gives DTL_ESYNTAX (or
 * DTL_ELIMIT past the limits above) with the line and byte offset in err.
 * @param out  receives a stub for dtl_stub_free(); NULL on failure.
 */
DTL_API dtl_status dtl_stub_parse(const char *p, size_t n, dtl_stub **out,
                                  struct dtl_error *err);

/** An empty stub (no shards) for building one. */
DTL_API dtl_status dtl_stub_new(dtl_stub **out);

DTL_API void dtl_stub_free(dtl_stub *s);

DTL_API size_t dtl_stub_count(const dtl_stub *s);

/** Shard i (borrowed until the stub changes or is freed); NULL when i is
 *  out of range. */
DTL_API const struct dtl_stub_shard *dtl_stub_get(const dtl_stub *s,
                                                  size_t i);

/** Append a shard line; arg must be a relative or absolute path without
 *  newlines, or a remote argument as above (DTL_EINVAL otherwise). */
DTL_API dtl_status dtl_stub_add(dtl_stub *s, const char *type,
                                const char *arg);

/** Remove shard i (DTL_ENOTFOUND when out of range). */
DTL_API dtl_status dtl_stub_remove(dtl_stub *s, size_t i);

/** Index of the shard whose argument is arg, or -1. */
DTL_API long dtl_stub_find(const dtl_stub *s, const char *arg);

/** The stub's text, one "TYPE ARG\n" per shard, into *out (free with
 *  dtl_free_string()). */
DTL_API dtl_status dtl_stub_format(const dtl_stub *s, char **out,
                                   size_t *len);

/** Read and parse the stub file at path (DTL_ENOTFOUND if missing). */
DTL_API dtl_status dtl_stub_load(const char *path, dtl_stub **out,
                                 struct dtl_error *err);

/** Replace the stub file at path atomically: write path.tmp, fsync it,
 *  rename it over path, fsync the directory. */
DTL_API dtl_status dtl_stub_save(const char *path, const dtl_stub *s,
                                 struct dtl_error *err);

/* ---- sharded indexes --------------------------------------------------- */

/** The stub file's name inside a sharded index's directory. */
#define DTL_STUB_NAME "XAPIANDB"

/**
 * 1 if path is a sharded index (a directory holding DTL_STUB_NAME), 0 if
 * not (a single database, or nothing yet).
 */
DTL_API int dtl_index_is_sharded(const char *path);

/**
 * Open the sharded index at dir for writing, with shard as the one that
 * new pages go to ("2025-12").  dir and its stub are created when missing
 * (dir must then not exist or be empty); the shard is created and added
 * to the stub (atomically) when missing, with the analyser and layout
 * records of the existing shards.  Every shard is locked (DTL_ELOCKED if
 * another writer holds one).  Pages already in some shard are updated in
 * that shard.  The handle works with every dtl_index_* call.
 */
DTL_API dtl_status dtl_index_open_sharded(const char *dir, const char *shard,
                                          dtl_index **out,
                                          struct dtl_error *err);

/** The shard name for a time: "YYYY-MM" of ts in UTC (out must have
 *  room for 8 bytes). */
DTL_API dtl_status dtl_shard_name_month(int64_t ts, char out[8]);

/* ---- statistics and checking --------------------------------------------- */

/** What one database (or shard) holds. */
struct dtl_db_stats {
    uint64_t entries;     /* documents */
    uint64_t pages;       /* distinct page keys */
    uint64_t timed;       /* entries with a time */
    int64_t first, last;  /* oldest and newest entry time (DTL_TS_NONE) */
    uint64_t bytes;       /* size on disk of the database's files */
    uint64_t revision;    /* Xapian revision (0 for several shards) */
};

/**
 * Gather statistics of the single database at path (a shard or an
 * unsharded index; DTL_EINVAL for a stub).  Opens it for reading only.
 */
DTL_API dtl_status dtl_db_stats_get(const char *path,
                                    struct dtl_db_stats *out,
                                    struct dtl_error *err);

/** One entry as dtl_db_list() reports it; strings borrowed for the call
 *  (NUL-terminated). */
struct dtl_entry_info {
    const char *source;   /* the page's source (URL or path) */
    const char *unique;   /* the entry's unique id (without prefix) */
    const char *hash;     /* its content hash ("" if written before
                             entries were hashed) */
    int64_t ts;           /* its time or DTL_TS_NONE */
};

typedef void (*dtl_list_fn)(void *ctx, const struct dtl_entry_info *e);

/**
 * Call fn for every entry of the single database at path, in docid
 * order.  For comparing two indexes or two nights of one.
 */
DTL_API dtl_status dtl_db_list(const char *path, dtl_list_fn fn, void *ctx,
                               struct dtl_error *err);

/** Called by dtl_db_check() for each problem found (msg NUL-terminated,
 *  borrowed for the call). */
typedef void (*dtl_check_fn)(void *ctx, const char *msg);

/**
 * Check the single database at path: Xapian's own consistency check of
 * every table, then Dateline's invariants for each entry: a page key
 * term and value that agree, one unique term, one language term (that
 * agrees with the stored language when the data names one), stored
 * data that decodes, and a time value that matches the time in the
 * data.  Each problem is reported through fn (may be NULL); *problems
 * receives their number.
 * Returns DTL_OK when the check ran (whatever it found).
 */
DTL_API dtl_status dtl_db_check(const char *path, dtl_check_fn fn, void *ctx,
                                uint64_t *problems, struct dtl_error *err);

/* ---- deleting and compacting --------------------------------------------- */

/** What dtl_index_delete_where() removes: entries matching all the given
 *  conditions (NULL / DTL_TS_NONE: no condition; at least one needed). */
struct dtl_delete_spec {
    const char *source;         /* the page whose source is exactly this */
    const char *url_prefix;     /* pages whose source starts with this */
    int64_t before;             /* entries with a time before this */
    int dry_run;                /* count only, change nothing */
};

/**
 * Delete entries from an index open for writing and commit.  A page
 * whose entries all go loses its page record too, so indexing its file
 * again brings it back; a page that keeps some entries keeps its record,
 * so an unchanged file does not bring the deleted entries back.
 * counts->deleted (may be NULL) is added to; *pages the pages touched.
 */
DTL_API dtl_status dtl_index_delete_where(dtl_index *ix,
                                          const struct dtl_delete_spec *spec,
                                          struct dtl_write_counts *counts,
                                          uint64_t *pages,
                                          struct dtl_error *err);

/**
 * Compact the database or shards in srcs[0..n) into one new database at
 * dest (which must not exist) with Xapian's compactor.  The sources are
 * only read.
 */
DTL_API dtl_status dtl_db_compact(const char *const *srcs, size_t n,
                                  const char *dest, struct dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
