/* Dateline: reading archives (byte streams, WARC, JSON Lines, URLs).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input half of `dateline index`.  Three layers:
 *
 *   dtl_input   a byte stream from a file, standard input or memory, with
 *               gzip recognised by its magic bytes and inflated anywhere
 *               (multi-member files, one member per WARC record or not);
 *   dtl_warc    WARC 1.0/1.1 records read from a dtl_input, one at a time,
 *               with each response's HTTP headers parsed and its payload
 *               decoded; memory stays bounded by one record;
 *   dtl_source  the kind of a stream (WARC, JSON Lines, HTML, plain text)
 *               told by its content, and every page in it handed to a
 *               callback: the caller indexes, counts or prints it.
 *
 * plus dtl_url_normalise(), the identity of a page's URL.  Offsets in
 * messages are byte offsets in the uncompressed stream (for a plain file,
 * its file offsets).
 */
#ifndef DTL_DATELINE_INGEST_H
#define DTL_DATELINE_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "dateline/page.h"
#include "dateline/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- byte streams ---------------------------------------------------- */

typedef struct dtl_input dtl_input;

/** Bytes an input can look ahead (dtl_input_peek()). */
#define DTL_INPUT_PEEK_MAX ((size_t)256 << 10)

/** Default cap on the bytes one record may inflate to (see
 *  dtl_input_set_limit()): 1 GiB. */
#define DTL_INPUT_RECORD_MAX ((uint64_t)1 << 30)

/**
 * Open path for reading ("-" is standard input, which is not closed).
 * Whether the stream is gzip is decided by its first bytes, not its name.
 * @param out  receives an input for dtl_input_free(); NULL on failure.
 * @return DTL_OK; DTL_EIO (message names the file and the reason);
 *         DTL_ENOMEM; DTL_EINVAL if path or out is NULL.
 */
DTL_API dtl_status dtl_input_open(const char *path, dtl_input **out,
                                  struct dtl_error *err);

/** An input over p[0..n), which is borrowed and must outlive the input
 *  (tests and fuzzers).  DTL_OK, DTL_ENOMEM or DTL_EINVAL. */
DTL_API dtl_status dtl_input_from_memory(const void *p, size_t n,
                                         dtl_input **out);

/** Close the file (unless it is standard input) and free.  NULL is a
 *  no-op. */
DTL_API void dtl_input_free(dtl_input *in);

/**
 * Look at the next bytes without consuming them: *p receives a pointer to
 * at least min(want, DTL_INPUT_PEEK_MAX) bytes, fewer only at the end of
 * the stream (*n 0 at the end).  The view is valid until the next call on
 * the input.
 * @return DTL_OK; DTL_ECORRUPT for damaged gzip data, DTL_ELIMIT when the
 *         record limit is passed, DTL_EIO for a read error, DTL_ENOMEM.
 *         After an error every later call returns the same error; the
 *         bytes before the damage were all delivered.
 */
DTL_API dtl_status dtl_input_peek(dtl_input *in, size_t want,
                                  const char **p, size_t *n,
                                  struct dtl_error *err);

/** Consume n bytes of what dtl_input_peek() showed (n at most its *n). */
DTL_API void dtl_input_consume(dtl_input *in, size_t n);

/** Read up to cap bytes into buf; *got 0 means the end of the stream.
 *  Errors as dtl_input_peek(). */
DTL_API dtl_status dtl_input_read(dtl_input *in, void *buf, size_t cap,
                                  size_t *got, struct dtl_error *err);

/** Offset of the next unconsumed byte in the uncompressed stream. */
DTL_API uint64_t dtl_input_offset(const dtl_input *in);

/** 1 once any gzip member was seen in the stream. */
DTL_API int dtl_input_compressed(const dtl_input *in);

/**
 * Start a new record: from now on at most max bytes may be inflated
 * (0: no limit) until the next call.  The limit guards against gzip
 * bombs; bytes of a stream that is not compressed do not count.  Passing
 * it is DTL_ELIMIT, an error of the stream (see dtl_input_peek()).  The
 * default is DTL_INPUT_RECORD_MAX for the whole stream.
 */
DTL_API void dtl_input_set_limit(dtl_input *in, uint64_t max);

/* ---- WARC ------------------------------------------------------------- */

typedef struct dtl_warc dtl_warc;

/** What a record is, as far as the indexer cares. */
enum dtl_warc_kind {
    DTL_WARC_PAGE = 0,    /* a response or resource with an HTML payload,
                             or one whose type the caller must judge */
    DTL_WARC_SKIPPED,     /* anything else; reason says what */
    DTL_WARC_DAMAGED      /* no record could be read at offset: reason
                             says why; the reader skipped to the next
                             WARC header and goes on */
};

/** One record.  Strings are NUL-terminated, borrowed from the reader and
 *  valid until the next dtl_warc_next() or dtl_warc_free(). */
struct dtl_warc_record {
    enum dtl_warc_kind kind;
    const char *reason;      /* SKIPPED, DAMAGED: why, e.g. "revisit",
                                "not HTML (image/png)"; else "" */
    const char *type;        /* WARC-Type, lower case */
    const char *target_uri;  /* WARC-Target-URI without <...>; "" if none */
    int64_t date;            /* WARC-Date, UTC seconds, or DTL_TS_NONE */
    int http_status;         /* response: the HTTP status; 0 otherwise */
    const char *mime;        /* the payload's media type, lower case, no
                                parameters ("text/html"); "" if unknown */
    const char *charset;     /* charset parameter, lower case; "" if none */
    const char *payload;     /* the payload (HTTP body de-chunked and
                                inflated), for DTL_WARC_PAGE only */
    size_t payload_len;
    uint64_t offset;         /* where the record starts */
};

/** Options for dtl_warc_new().  Zero means the default. */
struct dtl_warc_opts {
    size_t payload_max;      /* largest payload kept
                                (DTL_WARC_PAYLOAD_MAX); larger pages are
                                skipped */
    uint64_t record_max;     /* inflated bytes one record may take
                                (DTL_INPUT_RECORD_MAX) */
};

/** Default largest WARC payload kept: 32 MiB, the largest page the HTML
 *  reader takes. */
#define DTL_WARC_PAYLOAD_MAX ((size_t)32 << 20)

/** Largest WARC or HTTP header block read (64 KiB). */
#define DTL_WARC_HEADER_MAX ((size_t)64 << 10)

/**
 * A reader of the WARC records in `in` (borrowed; it must outlive the
 * reader).  opts may be NULL.  DTL_OK, DTL_ENOMEM or DTL_EINVAL.
 */
DTL_API dtl_status dtl_warc_new(dtl_input *in,
                                const struct dtl_warc_opts *opts,
                                dtl_warc **out);
DTL_API void dtl_warc_free(dtl_warc *w);

/**
 * The next record.  *rec receives NULL at the end of the stream.
 * A header that does not parse is a DTL_WARC_DAMAGED record (and reading
 * goes on at the next WARC header).
 * @return DTL_OK; DTL_ECORRUPT when the stream ends damaged (a record
 *         cut short, bad gzip data), DTL_ELIMIT (a record over the
 *         inflate limit), DTL_EIO, DTL_ENOMEM;
 *         err->offset is where the damaged record starts.  Every record
 *         returned before the error was whole.  After an error the reader
 *         returns the same error again.
 */
DTL_API dtl_status dtl_warc_next(dtl_warc *w,
                                 const struct dtl_warc_record **rec,
                                 struct dtl_error *err);

/* ---- sources: any input, page by page --------------------------------- */

/** What a stream holds, told by its first bytes. */
enum dtl_source_kind {
    DTL_SOURCE_TEXT = 0,  /* a plain-text page (dtl_text_read()) */
    DTL_SOURCE_HTML,      /* one HTML page */
    DTL_SOURCE_WARC,      /* WARC records */
    DTL_SOURCE_JSONL,     /* JSON Lines, one page a line */
    DTL_SOURCE_BINARY,    /* data that is no page (or an unsupported
                             format such as ARC, LZ4, zstd) */
    DTL_SOURCE_EMPTY      /* no bytes at all */
};

/** Name of a kind ("text", "html", "warc", "jsonl", "binary", "empty"). */
DTL_API const char *dtl_source_kind_name(enum dtl_source_kind k);

/**
 * The kind of a stream from its first bytes p[0..n) (after inflating).
 * If why is not NULL, it receives a static description for BINARY
 * ("ARC file", "LZ4 data", ...).
 */
DTL_API enum dtl_source_kind dtl_source_detect(const char *p, size_t n,
                                               const char **why);

/** One thing a source hands the callback. */
enum dtl_item_kind {
    DTL_ITEM_PAGE = 0,    /* a page to index */
    DTL_ITEM_SKIPPED,     /* a record that is no page (revisit, image...) */
    DTL_ITEM_BAD          /* a record or line that is damaged: reported,
                             skipped, and the source goes on */
};

/** What the callback receives; everything is borrowed for the call. */
struct dtl_item {
    enum dtl_item_kind kind;
    dtl_page *page;          /* PAGE: the page (the callback may keep it
                                by setting *take, see dtl_source_fn) */
    const char *url;         /* the page's URL as the source gives it
                                (NUL-terminated; "" if none) */
    int64_t crawled;         /* when it was fetched, or DTL_TS_NONE */
    uint64_t offset;         /* where the record or line starts */
    size_t line;             /* JSON Lines: 1-based line number, else 0 */
    const char *reason;      /* SKIPPED and BAD: why; "" for PAGE */
    size_t bad_bytes;        /* PAGE: invalid UTF-8 or NUL replaced */
    size_t first_bad;        /*       and the first one's offset */
};

/** The callback: return DTL_OK to go on, anything else to stop (that
 *  status is then returned by dtl_source_read()). */
typedef dtl_status (*dtl_source_fn)(void *ctx, const struct dtl_item *it);

/** Options for dtl_source_read().  Zero-initialise. */
struct dtl_source_opts {
    struct dtl_text_opts text;   /* for plain-text pages */
    struct dtl_warc_opts warc;   /* for WARC files */
    int64_t now;                 /* for relative dates; 0: time(NULL) */
};

/**
 * Read every page of `in` (its kind told by dtl_source_detect()) and hand
 * each to fn, in stream order.  HTML pages (files, WARC payloads, JSON
 * Lines "html") go through the HTML reader (dtl_html_read()); one without
 * any text is a skipped item.  A damaged record or line is a BAD item and
 * reading goes on where it can; damage that stops the stream (a truncated
 * file, corrupt gzip) is returned with err->offset, after every whole page
 * before it was handed over.
 * @param kind  may be NULL; receives what the stream was.
 * @return DTL_OK; DTL_ECORRUPT, DTL_ELIMIT, DTL_EIO, DTL_ENOMEM; DTL_EINVAL
 *         for a BINARY or unsupported stream (err says what it is); or
 *         what fn returned.
 */
DTL_API dtl_status dtl_source_read(dtl_input *in,
                                   const struct dtl_source_opts *opts,
                                   dtl_source_fn fn, void *ctx,
                                   enum dtl_source_kind *kind,
                                   struct dtl_error *err);

/**
 * Read one JSON Lines record (one line, without its newline) into a page.
 * Schema (README "JSON Lines"): an object with "url", "title",
 * "published" (ISO 8601), "language", and one of "html", "text" or
 * "entries" ([{"time", "headline", "text", "url"}]).
 * @param out  receives the page; NULL with DTL_OK when the line's HTML
 *             holds no text (*skip_reason says so).
 * @return DTL_OK; DTL_ESYNTAX (bad JSON or schema; err says which field
 *         and where), DTL_ELIMIT, DTL_ENOMEM.
 */
DTL_API dtl_status dtl_jsonl_page(const char *p, size_t n,
                                  const struct dtl_source_opts *opts,
                                  dtl_page **out, const char **skip_reason,
                                  struct dtl_error *err);

/* ---- URLs -------------------------------------------------------------- */

/**
 * The identity form of a URL, so that one article crawled twice is one
 * page: surrounding space and <...> removed; scheme and host in lower
 * case; http and https both written "https"; default ports (80, 443),
 * userinfo-free empty port, the fragment and tracking parameters
 * (utm_*, fbclid, gclid, ...) dropped; an empty path is "/"; percent
 * escapes in upper case, those of unreserved characters decoded; "." and
 * ".." path segments resolved.  Other schemes keep everything but the
 * fragment and get a lower-case scheme and host.
 * @param out  receives a NUL-terminated string for dtl_free_string().
 * @return DTL_OK; DTL_EINVAL if p[0..n) is not an absolute URL
 *         (scheme "://" authority); DTL_ENOMEM.
 */
DTL_API dtl_status dtl_url_normalise(const char *p, size_t n, char **out,
                                     size_t *len);

#ifdef __cplusplus
}
#endif
#endif
