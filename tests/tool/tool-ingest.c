/* Dateline test tool: dumps of the input readers.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `dtl-test-tool warc|source|url`, for the end-to-end tests of the WARC
 * reader, the source reader and URL normalisation: stable one-line-per-
 * record dumps that a script can grep or compare.  Exit status 0 when
 * the whole input was read, 1 when it stopped on damage (after printing
 * "error: byte N: message"), 2 for usage errors.
 */
#include <config.h>
#include "tool-ingest.h"

#include <stdio.h>
#include <string.h>

#include "dateline/dateline.h"

static int
stream_error(dtl_status st, const struct dtl_error *err)
{
    if (err->offset != (size_t)-1)
        printf("error: byte %zu: %s\n", err->offset,
               err->msg[0] ? err->msg : dtl_status_str(st));
    else
        printf("error: %s\n", err->msg[0] ? err->msg : dtl_status_str(st));
    return 1;
}

/* Open the one FILE argument of cmd; 2 for a usage error, 1 if it cannot
 * be opened (message printed), else 0. */
static int
open_arg(int argc, char **argv, const char *cmd, dtl_input **in)
{
    struct dtl_error err = DTL_ERROR_INIT;

    if (argc != 2) {
        fprintf(stderr, "usage: dtl-test-tool %s FILE\n", cmd);
        return 2;
    }
    if (dtl_input_open(argv[1], in, &err) != DTL_OK)
        return stream_error(err.code, &err);
    return 0;
}

int
tool_cmd_warc(int argc, char **argv)
{
    struct dtl_error err = DTL_ERROR_INIT;
    const struct dtl_warc_record *rec;
    dtl_input *in = NULL;
    dtl_warc *w = NULL;
    dtl_status st;
    int rc, payload = argc > 1 && strcmp(argv[1], "--payload") == 0;

    rc = open_arg(argc - payload, argv + payload, "warc [--payload]", &in);
    if (rc)
        return rc;
    st = dtl_warc_new(in, NULL, &w);
    while (st == DTL_OK) {
        char when[32];

        st = dtl_warc_next(w, &rec, &err);
        if (st != DTL_OK || !rec)
            break;
        dtl_time_format_iso(rec->date, when, sizeof(when));
        printf("%llu %s %s %d %s [%s] %s %zu <%s>\n",
               (unsigned long long)rec->offset, rec->type,
               rec->kind == DTL_WARC_PAGE      ? "page"
               : rec->kind == DTL_WARC_DAMAGED ? "damaged"
                                               : "skip",
               rec->http_status, rec->mime[0] ? rec->mime : "-",
               rec->kind == DTL_WARC_PAGE ? rec->charset : rec->reason,
               when, rec->payload_len, rec->target_uri);
        if (rec->kind == DTL_WARC_DAMAGED)
            rc = 1;
        if (payload && rec->payload) {
            fwrite(rec->payload, 1, rec->payload_len, stdout);
            fputc('\n', stdout);
        }
    }
    if (st != DTL_OK)
        rc = stream_error(st, &err);
    dtl_warc_free(w);
    dtl_input_free(in);
    return rc;
}

static dtl_status
print_item(void *ctx, const struct dtl_item *it)
{
    static const char *const kinds[] = { "page", "skipped", "bad" };
    size_t n = it->page ? dtl_page_entry_count(it->page) : 0, i;

    (void)ctx;
    printf("%s byte=%llu line=%zu url=<%s> entries=%zu %s\n",
           kinds[it->kind], (unsigned long long)it->offset, it->line,
           it->url, n, it->reason);
    for (i = 0; i < n; i++) {
        const struct dtl_entry *e = dtl_page_entry(it->page, i);
        char when[32];

        dtl_time_format_iso(e->ts, when, sizeof(when));
        printf("  %s %.*s | %.*s\n", when, (int)e->headline_len,
               e->headline, (int)(e->url_len), e->url ? e->url : "");
    }
    return DTL_OK;
}

int
tool_cmd_source(int argc, char **argv)
{
    struct dtl_error err = DTL_ERROR_INIT;
    struct dtl_source_opts so;
    enum dtl_source_kind kind;
    dtl_input *in = NULL;
    dtl_status st;
    int rc = open_arg(argc, argv, "source", &in);

    if (rc)
        return rc;
    memset(&so, 0, sizeof(so));
    so.now = 1764676800;
    st = dtl_source_read(in, &so, print_item, NULL, &kind, &err);
    printf("kind=%s gzip=%d\n", dtl_source_kind_name(kind),
           dtl_input_compressed(in));
    if (st != DTL_OK)
        rc = stream_error(st, &err);
    dtl_input_free(in);
    return rc;
}

int
tool_cmd_url(int argc, char **argv)
{
    int i, rc = 0;

    for (i = 1; i < argc; i++) {
        char *s = NULL;
        size_t n = 0;

        if (dtl_url_normalise(argv[i], strlen(argv[i]), &s, &n) == DTL_OK)
            printf("%s\n", s);
        else {
            printf("invalid\n");
            rc = 1;
        }
        dtl_free_string(s);
    }
    return rc;
}
