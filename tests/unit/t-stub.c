/* Dateline tests: Xapian stub files (src/stub.c).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A table from stub text to the formatted shard list (or the error and
 * its byte offset), editing and formatting, the atomic save, and an
 * out-of-memory loop over parsing.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "dateline/admin.h"
#include "stub.h"
#include "tap.h"

static const struct parse_row {
    const char *in;
    dtl_status st;
    const char *want;     /* formatted stub, or the error's start */
    size_t offset;        /* of the error */
} parse_rows[] = {
    {"", DTL_OK, "", 0},
    {"glass 2025-11\nglass 2025-12\n", DTL_OK,
     "glass 2025-11\nglass 2025-12\n", 0},
    {"# shards\n\n  auto   /srv/a  \r\nremote :xapian-progsrv x\ninmemory",
     DTL_OK, "auto /srv/a\nremote :xapian-progsrv x\ninmemory\n", 0},
    {"glass\tdir with spaces", DTL_OK, "glass dir with spaces\n", 0},
    {"chert old", DTL_OK, "chert old\n", 0},
    {"flint old\n", DTL_ESYNTAX, "stub line 1: unknown database type "
     "'flint'", 0},
    {"glass a\nglass\n", DTL_ESYNTAX, "stub line 2: 'glass' needs", 13},
    {"inmemory x", DTL_ESYNTAX, "stub line 1: 'inmemory' takes no", 9},
    {"glass a\nglass b\0c\n", DTL_ESYNTAX, "stub line 2: NUL byte", 15},
    {"remote 10.0.0.1:33333\nremote [::1]:1\nremote h:65535", DTL_OK,
     "remote 10.0.0.1:33333\nremote [::1]:1\nremote h:65535\n", 0},
    {"glass a\nremote 127.0.0.1\n", DTL_ESYNTAX, "stub line 2: expected "
     "remote HOST:PORT or remote :PROGRAM ARGS, not '127.0.0.1'", 15},
    {"remote h:65536", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {"remote h:0", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {"remote h:12x", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {"remote :8080", DTL_OK, "remote :8080\n", 0},
    {"remote :", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {"remote a b:1", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {"remote h:000001", DTL_ESYNTAX, "stub line 1: expected remote", 7},
    {NULL, DTL_OK, NULL, 0}
};

static void
test_parse(void)
{
    const struct parse_row *r;

    for (r = parse_rows; r->in; r++) {
        struct dtl_error err = DTL_ERROR_INIT;
        size_t n = strlen(r->in);
        dtl_stub *s = NULL;
        char *text = NULL;
        dtl_status st;

        /* The NUL row is longer than strlen() says. */
        if (strstr(r->want, "NUL"))
            n = 18;
        st = dtl_stub_parse(r->in, n, &s, &err);
        tap_is_int(st, r->st, "status");
        if (st == DTL_OK) {
            dtl_stub_format(s, &text, NULL);
            tap_is_str(text, r->want, "formatted");
        } else {
            tap_ok(s == NULL && strncmp(err.msg, r->want,
                                        strlen(r->want)) == 0 &&
                   err.offset == r->offset,
                   "error '%s' at %zu (want '%s' at %zu)", err.msg,
                   err.offset, r->want, r->offset);
        }
        dtl_free(text);
        dtl_stub_free(s);
    }
}

static void
test_edit_and_save(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    char dir[] = "/tmp/t-stub.XXXXXX", path[64], tmp[80], *text = NULL;
    dtl_stub *s = NULL, *back = NULL;

    tap_is_int(dtl_stub_new(&s), DTL_OK, "new");
    tap_is_int(dtl_stub_add(s, "glass", "2025-11"), DTL_OK, "add");
    tap_is_int(dtl_stub_add(s, "glass", "2025-12"), DTL_OK, "add");
    tap_is_int(dtl_stub_add(s, "glass", "a\nb"), DTL_EINVAL,
               "no newline in a path");
    tap_is_int(dtl_stub_add(s, "flint", "x"), DTL_EINVAL, "unknown type");
    tap_is_int(dtl_stub_add(s, "glass", ""), DTL_EINVAL, "empty path");
    tap_is_int(dtl_stub_find(s, "2025-12"), 1, "find");
    tap_is_int(dtl_stub_find(s, "2025-1"), -1, "find is exact");
    tap_is_int(dtl_stub_remove(s, 0), DTL_OK, "remove");
    tap_is_int(dtl_stub_remove(s, 5), DTL_ENOTFOUND, "remove out of range");
    tap_ok(dtl_stub_get(s, 1) == NULL, "get out of range");
    dtl_stub_format(s, &text, NULL);
    tap_is_str(text, "glass 2025-12\n", "edited");
    dtl_free(text);

    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp");
        dtl_stub_free(s);
        return;
    }
    snprintf(path, sizeof(path), "%s/XAPIANDB", dir);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    tap_is_int(dtl_stub_save(path, s, &err), DTL_OK, "save");
    tap_ok(access(tmp, F_OK) != 0, "no temporary file left");
    tap_is_int(dtl_stub_load(path, &back, &err), DTL_OK, "load");
    tap_is_int((long long)dtl_stub_count(back), 1, "one shard back");
    tap_is_str(dtl_stub_get(back, 0)->arg, "2025-12", "its path");
    unlink(path);
    dtl_stub_free(back);
    back = NULL;
    dtl_error_clear(&err);
    tap_is_int(dtl_stub_load(path, &back, &err), DTL_ENOTFOUND,
               "a missing stub");
    tap_ok(back == NULL, "no stub on failure");
    rmdir(dir);
    dtl_stub_free(s);
}

static void
test_oom(void)
{
    static const char in[] = "glass a\nglass b\nauto c\nglass d\n";
    long n;
    int bad = 0, done = 0;

    for (n = 0; n < 100 && !done; n++) {
        dtl_stub *s = NULL;
        dtl_status st;

        dtl_alloc_fail_after(n);
        st = dtl_stub_parse(in, sizeof(in) - 1, &s, NULL);
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK)
            done = dtl_stub_count(s) == 4;
        else if (st != DTL_ENOMEM || s)
            bad++;
        dtl_stub_free(s);
    }
    tap_ok(done && !bad && n > 1, "parse: allocation failures give "
           "DTL_ENOMEM until it succeeds (%ld tries)", n);
}

/* dtl_stub_remote_split(), which the shard reader uses on `remote`
 * arguments and tcp:// names: text to "host|port" or "prog|args". */
static const struct {
    const char *in;
    const char *want; /* NULL when malformed */
} split_rows[] = {
    {"127.0.0.1:33333", "127.0.0.1|33333"},
    {"[::1]:1", "::1|1"},
    {"[::1]", NULL},
    {"news-3.example:65535", "news-3.example|65535"},
    {":xapian-progsrv -w db", "xapian-progsrv|-w db"},
    {":prog", "prog|"},
    {"host:", NULL},
    {":", NULL},
    {"", NULL},
    {"h o:1", NULL},
    {NULL, NULL}
};

static void
test_remote_split(void)
{
    char got[128];
    size_t i;

    for (i = 0; split_rows[i].in; i++) {
        const char *in = split_rows[i].in;
        struct dtl_stub_remote r;
        int ok = dtl_stub_remote_split(in, strlen(in), &r);

        if (!split_rows[i].want) {
            tap_ok(!ok, "'%s' is refused", in);
            continue;
        }
        if (r.program)
            snprintf(got, sizeof(got), "%.*s|%s", (int)r.name_len,
                     in + r.name, in + r.args);
        else
            snprintf(got, sizeof(got), "%.*s|%u", (int)r.name_len,
                     in + r.name, r.port);
        tap_ok(ok, "'%s' splits", in);
        tap_is_str(got, split_rows[i].want, in);
    }
}

/* Each shard keeps its line, so the shard reader can name it. */
static void
test_lines(void)
{
    static const char text[] = "# a\n\nglass a\n  remote h:1\ninmemory\n";
    dtl_stub *s = NULL;

    tap_is_int(dtl_stub_parse(text, sizeof(text) - 1, &s, NULL), DTL_OK,
               "parses");
    tap_is_int((long long)dtl_stub_count(s), 3, "three shards");
    tap_is_int((long long)dtl_stub_get(s, 0)->line, 3, "line 3");
    tap_is_int((long long)dtl_stub_get(s, 2)->line, 5, "line 5");
    dtl_stub_free(s);
}

int
main(void)
{
    test_parse();
    test_remote_split();
    test_lines();
    test_edit_and_save();
    test_oom();
    return tap_done();
}
