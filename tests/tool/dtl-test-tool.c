/* Dateline tests: expose each pipeline stage as a textual dump.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Linked with the library's sources (not the shared library), so internal
 * dumps are reachable from end-to-end scripts:
 *   dtl-test-tool split [--date YYYY-MM-DD] [--tz ZONE] < page
 *   dtl-test-tool tokenise [--lang LANG] < text
 *   dtl-test-tool parse-query [--now WHEN] [--lang LANG] QUERY
 *   dtl-test-tool stamp LINE...
 *   dtl-test-tool snippet QUERY < text
 *   dtl-test-tool hold-lock DB SECONDS   (hold the write lock, for tests)
 *   dtl-test-tool warc|source FILE, url URL...   (tool-ingest.c)
 * Output formats are what tests/data/NAME.expected hold.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "dateline/dateline.h"
#include "textpage.h"
#include "tool-ingest.h"

#include "banned.h"

static int
read_stdin(struct dtl_buf *b)
{
    char chunk[65536];
    size_t got;

    while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
        dtl_buf_add(b, chunk, got);
    return dtl_buf_status(b) == DTL_OK && !ferror(stdin) ? 0 : -1;
}

static int
fail(const char *what, dtl_status st, const struct dtl_error *err)
{
    fprintf(stderr, "dtl-test-tool: %s: %s\n", what,
            err && err->msg[0] ? err->msg : dtl_status_str(st));
    return 1;
}

/* Take "--name VALUE" from argv[*i] if it matches. */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
    if (*i + 1 < argc && strcmp(argv[*i], name) == 0) {
        *i += 1;
        return argv[*i];
    }
    return NULL;
}

static int
cmd_split(int argc, char **argv)
{
    struct dtl_buf in = DTL_BUF_INIT, out = DTL_BUF_INIT;
    struct dtl_text_opts o;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_page *page = NULL;
    const char *v;
    dtl_status st;
    int i, rc = 1, rule;

    memset(&o, 0, sizeof(o));
    for (i = 1; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--date")) != NULL) {
            int64_t t;
            if (dtl_time_parse_user(v, strlen(v), 0, &t, &err) != DTL_OK)
                return fail("--date", err.code, &err);
            dtl_time_to_civil(t, &o.year, &o.month, &o.day, NULL, NULL,
                              NULL);
        } else if ((v = opt_value(argc, argv, &i, "--tz")) != NULL) {
            if (!dtl_zone_lookup(v, strlen(v), &o.tz_offset, &rule))
                return fail("--tz", DTL_EINVAL, NULL);
            o.has_tz = 1;
        } else {
            return fail(argv[i], DTL_EINVAL, NULL);
        }
    }
    if (read_stdin(&in) != 0)
        return fail("stdin", DTL_EIO, NULL);
    st = dtl_text_read(in.p ? in.p : "", in.len, &o, &page, &err);
    if (st != DTL_OK) {
        rc = fail("split", st, &err);
        goto out;
    }
    dtl_page_dump(page, &out);
    if (dtl_buf_status(&out) != DTL_OK) {
        rc = fail("dump", dtl_buf_status(&out), NULL);
        goto out;
    }
    fwrite(dtl_buf_cstr(&out), 1, out.len, stdout);
    rc = 0;
out:
    dtl_page_free(page);
    dtl_buf_release(&in);
    dtl_buf_release(&out);
    return rc;
}

static dtl_status
print_token(void *ctx, const struct dtl_token *t)
{
    (void)ctx;
    printf("%.*s/%.*s@%u %zu-%zu\n", (int)t->term_len, t->term,
           (int)t->stem_len, t->stem, t->pos, t->start, t->end);
    return DTL_OK;
}

static int
cmd_tokenise(int argc, char **argv)
{
    struct dtl_buf in = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    const char *lang = NULL;
    dtl_analyser *a = NULL;
    dtl_status st;
    int i, rc = 1;

    for (i = 1; i < argc; i++)
        if ((lang = opt_value(argc, argv, &i, "--lang")) == NULL)
            return fail(argv[i], DTL_EINVAL, NULL);
    if (read_stdin(&in) != 0)
        return fail("stdin", DTL_EIO, NULL);
    st = dtl_analyser_new(lang, &a, &err);
    if (st == DTL_OK)
        st = dtl_analyse(a, dtl_buf_cstr(&in), in.len, print_token, NULL);
    if (st != DTL_OK)
        rc = fail("tokenise", st, &err);
    else
        rc = 0;
    dtl_analyser_free(a);
    dtl_buf_release(&in);
    return rc;
}

static int
cmd_parse_query(int argc, char **argv)
{
    struct dtl_query_opts o;
    struct dtl_error err = DTL_ERROR_INIT;
    const char *lang = NULL, *v, *qs = NULL;
    dtl_analyser *a = NULL;
    dtl_query *q = NULL;
    char *dump = NULL;
    dtl_status st;
    int i, rc = 1;

    memset(&o, 0, sizeof(o));
    for (i = 1; i < argc; i++) {
        if ((v = opt_value(argc, argv, &i, "--now")) != NULL) {
            if (dtl_time_parse_user(v, strlen(v), 0, &o.now, &err))
                return fail("--now", err.code, &err);
        } else if ((v = opt_value(argc, argv, &i, "--lang")) != NULL) {
            lang = v;
        } else if (strcmp(argv[i], "--any") == 0) {
            o.default_or = 1;
        } else {
            qs = argv[i];
        }
    }
    if (!qs)
        return fail("parse-query", DTL_EINVAL, NULL);
    st = dtl_analyser_new(lang, &a, &err);
    if (st == DTL_OK)
        st = dtl_query_parse(qs, strlen(qs), a, &o, &q, &err);
    if (st == DTL_OK)
        st = dtl_query_dump(q, &dump);
    if (st != DTL_OK) {
        rc = fail("parse-query", st, &err);
    } else {
        printf("%s\n", dump);
        if (dtl_query_warning(q)[0])
            printf("warning: %s\n", dtl_query_warning(q));
        rc = 0;
    }
    dtl_free_string(dump);
    dtl_query_free(q);
    dtl_analyser_free(a);
    return rc;
}

static int
cmd_stamp(int argc, char **argv)
{
    char iso[40];
    int i;

    for (i = 1; i < argc; i++) {
        struct dtl_stamp s;
        static const char *kinds[] = {"none", "full", "time", "date"};
        if (dtl_stamp_parse_line(argv[i], strlen(argv[i]), &s) != DTL_OK) {
            printf("none\n");
            continue;
        }
        if (s.kind == DTL_STAMP_FULL) {
            dtl_time_format_iso(dtl_stamp_to_utc(&s, 0), iso, sizeof(iso));
            printf("full %s\n", iso);
        } else {
            printf("%s %04d-%02d-%02d %02d:%02d:%02d zone=%s%d\n",
                   kinds[s.kind], s.year, s.month, s.day, s.hour, s.minute,
                   s.second, s.has_zone ? "" : "none:", s.utc_offset);
        }
    }
    return 0;
}

static int
cmd_snippet(int argc, char **argv)
{
    struct dtl_buf in = DTL_BUF_INIT;
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_analyser *a = NULL;
    dtl_query *q = NULL;
    char *snip = NULL;
    size_t *marks = NULL, n_marks = 0, i, pos = 0;
    dtl_status st;
    int rc = 1;

    if (argc != 2)
        return fail("snippet QUERY < text", DTL_EINVAL, NULL);
    if (read_stdin(&in) != 0)
        return fail("stdin", DTL_EIO, NULL);
    st = dtl_analyser_new(NULL, &a, &err);
    if (st == DTL_OK)
        st = dtl_query_parse(argv[1], strlen(argv[1]), a, NULL, &q, &err);
    if (st == DTL_OK)
        st = dtl_snippet(a, q, dtl_buf_cstr(&in), in.len, DTL_SNIPPET_MAX,
                         &snip, &marks, &n_marks);
    if (st != DTL_OK) {
        rc = fail("snippet", st, &err);
        goto out;
    }
    for (i = 0; i < n_marks; i++) {
        fwrite(snip + pos, 1, marks[2 * i] - pos, stdout);
        printf("[%.*s]", (int)(marks[2 * i + 1] - marks[2 * i]),
               snip + marks[2 * i]);
        pos = marks[2 * i + 1];
    }
    printf("%s\n", snip + pos);
    rc = 0;
out:
    dtl_free_string(snip);
    dtl_free_marks(marks);
    dtl_query_free(q);
    dtl_analyser_free(a);
    dtl_buf_release(&in);
    return rc;
}

/* Open DB for writing, say "locked", keep the lock for SECONDS. */
static int
cmd_hold_lock(int argc, char **argv)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_index *ix = NULL;
    dtl_status st;

    if (argc != 3)
        return fail("hold-lock DB SECONDS", DTL_EINVAL, NULL);
    st = dtl_index_open(argv[1], DTL_INDEX_WRITE, &ix, &err);
    if (st != DTL_OK)
        return fail("hold-lock", st, &err);
    printf("locked\n");
    fflush(stdout);
    sleep((unsigned)atoi(argv[2]));
    dtl_index_close(ix, NULL);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: dtl-test-tool split|tokenise|parse-query|stamp|"
              "snippet ...\n", stderr);
        return 2;
    }
    if (strcmp(argv[1], "split") == 0)
        return cmd_split(argc - 1, argv + 1);
    if (strcmp(argv[1], "tokenise") == 0)
        return cmd_tokenise(argc - 1, argv + 1);
    if (strcmp(argv[1], "parse-query") == 0)
        return cmd_parse_query(argc - 1, argv + 1);
    if (strcmp(argv[1], "stamp") == 0)
        return cmd_stamp(argc - 1, argv + 1);
    if (strcmp(argv[1], "snippet") == 0)
        return cmd_snippet(argc - 1, argv + 1);
    if (strcmp(argv[1], "hold-lock") == 0)
        return cmd_hold_lock(argc - 1, argv + 1);
    if (strcmp(argv[1], "warc") == 0)
        return tool_cmd_warc(argc - 1, argv + 1);
    if (strcmp(argv[1], "source") == 0)
        return tool_cmd_source(argc - 1, argv + 1);
    if (strcmp(argv[1], "url") == 0)
        return tool_cmd_url(argc - 1, argv + 1);
    fprintf(stderr, "dtl-test-tool: unknown command %s\n", argv[1]);
    return 2;
}
