/* Dateline: Xapian stub files (the list of shards of a sharded index).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the stub half of include/dateline/admin.h: a parser for the
 * format Xapian's Database reads (one "TYPE ARG" per line, '#' comments
 * and blank lines ignored), a formatter, and an atomic save (write a
 * temporary file, fsync, rename, fsync the directory) so a reader or a
 * crash sees either the old list of shards or the new one, never a mix.
 * Called by index/shim-admin.cc and the `dateline` programs.  The parser
 * reads hostile bytes: it is bounds-checked, capped (DTL_STUB_MAX_*) and
 * fuzzed (tests/fuzz/fuzz-stub.c).  It is the only stub parser: the
 * reader that opens the shards (index/shim-open.cc) loads stubs through
 * dtl_stub_load() and splits remote addresses with
 * dtl_stub_remote_split().
 */
#include <config.h>
#include "dateline/admin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "status.h"
#include "stub.h"
#include "banned.h"

struct dtl_stub {
    struct dtl_stub_shard *shards;
    size_t n, cap;
};

/* The backend words Xapian 1.4 accepts in a stub, and whether they take
 * an argument. */
static const struct {
    const char *word;
    int needs_arg;
} types[] = {
    {"auto", 1}, {"glass", 1}, {"chert", 1}, {"remote", 1}, {"inmemory", 0},
};

static int
known_type(const char *p, size_t n, int *needs_arg)
{
    size_t i;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (strlen(types[i].word) == n && memcmp(types[i].word, p, n) == 0) {
            *needs_arg = types[i].needs_arg;
            return 1;
        }
    }
    return 0;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t';
}

int
dtl_stub_remote_split(const char *p, size_t n, struct dtl_stub_remote *r)
{
    size_t colon, i;
    unsigned long v = 0;

    memset(r, 0, sizeof(*r));
    if (n && p[0] == ':') {
        for (i = 1; i < n && !is_space(p[i]); i++)
            ;
        r->program = 1;
        r->name = 1;
        r->name_len = i - 1;
        while (i < n && is_space(p[i]))
            i++;
        r->args = i;
        return r->name_len > 0;
    }
    for (colon = n; colon > 0 && p[colon - 1] != ':'; colon--)
        ;
    if (colon < 2 || colon == n || n - colon > 5)
        return 0;
    for (i = colon; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (unsigned long)(p[i] - '0');
    }
    if (v == 0 || v > 65535)
        return 0;
    r->name = 0;
    r->name_len = colon - 1;
    if (r->name_len > 2 && p[0] == '[' && p[r->name_len - 1] == ']') {
        r->name = 1;
        r->name_len -= 2;
    }
    for (i = r->name; i < r->name + r->name_len; i++)
        if (is_space(p[i]) || p[i] == '\0')
            return 0;
    r->port = (unsigned)v;
    r->args = n;
    return 1;
}

dtl_status
dtl_stub_new(dtl_stub **out)
{
    if (!out)
        return DTL_EINVAL;
    *out = dtl_calloc(1, sizeof(**out));
    return *out ? DTL_OK : DTL_ENOMEM;
}

void
dtl_stub_free(dtl_stub *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->n; i++) {
        dtl_free((char *)s->shards[i].type);
        dtl_free((char *)s->shards[i].arg);
    }
    dtl_free(s->shards);
    dtl_free(s);
}

size_t
dtl_stub_count(const dtl_stub *s)
{
    return s ? s->n : 0;
}

const struct dtl_stub_shard *
dtl_stub_get(const dtl_stub *s, size_t i)
{
    return s && i < s->n ? &s->shards[i] : NULL;
}

/* Append type[0..nt) and arg[0..na) without checking them. */
static dtl_status
append(dtl_stub *s, const char *type, size_t nt, const char *arg, size_t na,
       unsigned long line)
{
    char *t, *a;

    if (s->n >= DTL_STUB_MAX_SHARDS)
        return DTL_ELIMIT;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        struct dtl_stub_shard *ns =
            dtl_realloc(s->shards, cap * sizeof(*ns));

        if (!ns)
            return DTL_ENOMEM;
        s->shards = ns;
        s->cap = cap;
    }
    t = dtl_strndup(type, nt);
    a = dtl_strndup(arg, na);
    if (!t || !a) {
        dtl_free(t);
        dtl_free(a);
        return DTL_ENOMEM;
    }
    s->shards[s->n].type = t;
    s->shards[s->n].arg = a;
    s->shards[s->n].line = line;
    s->n++;
    return DTL_OK;
}

dtl_status
dtl_stub_add(dtl_stub *s, const char *type, const char *arg)
{
    struct dtl_stub_remote r;
    int needs_arg = 0;

    if (!s || !type || !arg ||
        !known_type(type, strlen(type), &needs_arg) ||
        (needs_arg && !*arg) || strpbrk(arg, "\r\n") ||
        arg[0] == ' ' || arg[0] == '\t' ||
        (strcmp(type, "remote") == 0 &&
         !dtl_stub_remote_split(arg, strlen(arg), &r)))
        return DTL_EINVAL;
    return append(s, type, strlen(type), arg, strlen(arg), 0);
}

dtl_status
dtl_stub_remove(dtl_stub *s, size_t i)
{
    if (!s || i >= s->n)
        return DTL_ENOTFOUND;
    dtl_free((char *)s->shards[i].type);
    dtl_free((char *)s->shards[i].arg);
    memmove(s->shards + i, s->shards + i + 1,
            (s->n - i - 1) * sizeof(*s->shards));
    s->n--;
    return DTL_OK;
}

long
dtl_stub_find(const dtl_stub *s, const char *arg)
{
    size_t i;

    for (i = 0; s && arg && i < s->n; i++)
        if (strcmp(s->shards[i].arg, arg) == 0)
            return (long)i;
    return -1;
}

/* Parse line p[0..n), which starts at byte off of the file and is line
 * number lineno. */
static dtl_status
parse_line(dtl_stub *s, const char *p, size_t n, size_t off,
           unsigned long lineno, struct dtl_error *err)
{
    size_t i = 0, ts, te, as, ae;
    int needs_arg = 0;
    dtl_status st;

    if (n && p[n - 1] == '\r')
        n--;
    while (i < n && is_space(p[i]))
        i++;
    if (i == n || p[i] == '#')
        return DTL_OK;
    ts = i;
    while (i < n && !is_space(p[i]))
        i++;
    te = i;
    while (i < n && is_space(p[i]))
        i++;
    as = i;
    ae = n;
    while (ae > as && is_space(p[ae - 1]))
        ae--;
    if (memchr(p, '\r', n))
        return dtl_error_set(err, DTL_ESYNTAX, off + (size_t)((const char *)
                             memchr(p, '\r', n) - p),
                             "stub line %lu: carriage return inside the "
                             "line", lineno);
    if (memchr(p, '\0', n))
        return dtl_error_set(err, DTL_ESYNTAX, off + (size_t)((const char *)
                             memchr(p, '\0', n) - p),
                             "stub line %lu: NUL byte", lineno);
    if (!known_type(p + ts, te - ts, &needs_arg))
        return dtl_error_set(err, DTL_ESYNTAX, off + ts,
                             "stub line %lu: unknown database type "
                             "'%.*s'", lineno,
                             (int)(te - ts > 40 ? 40 : te - ts), p + ts);
    if (needs_arg && as == ae)
        return dtl_error_set(err, DTL_ESYNTAX, off + te,
                             "stub line %lu: '%.*s' needs a path or "
                             "address", lineno, (int)(te - ts), p + ts);
    if (!needs_arg && as != ae)
        return dtl_error_set(err, DTL_ESYNTAX, off + as,
                             "stub line %lu: '%.*s' takes no argument",
                             lineno, (int)(te - ts), p + ts);
    if (te - ts == 6 && memcmp(p + ts, "remote", 6) == 0) {
        struct dtl_stub_remote r;

        if (!dtl_stub_remote_split(p + as, ae - as, &r))
            return dtl_error_set(err, DTL_ESYNTAX, off + as,
                                 "stub line %lu: expected remote HOST:PORT "
                                 "or remote :PROGRAM ARGS, not '%.*s'",
                                 lineno, (int)(ae - as > 80 ? 80 : ae - as),
                                 p + as);
    }
    st = append(s, p + ts, te - ts, p + as, ae - as, lineno);
    if (st == DTL_ELIMIT)
        return dtl_error_set(err, st, off, "stub line %lu: more than %d "
                             "shards", lineno, DTL_STUB_MAX_SHARDS);
    return st;
}

dtl_status
dtl_stub_parse(const char *p, size_t n, dtl_stub **out,
               struct dtl_error *err)
{
    dtl_stub *s = NULL;
    unsigned long lineno = 0;
    size_t off = 0;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!out || (!p && n))
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_stub_parse: no text or result");
    if (n > DTL_STUB_MAX_BYTES)
        return dtl_error_set(err, DTL_ELIMIT, DTL_STUB_MAX_BYTES,
                             "stub file larger than %d bytes",
                             DTL_STUB_MAX_BYTES);
    st = dtl_stub_new(&s);
    while (st == DTL_OK && off < n) {
        const char *nl = memchr(p + off, '\n', n - off);
        size_t len = nl ? (size_t)(nl - (p + off)) : n - off;

        lineno++;
        st = parse_line(s, p + off, len, off, lineno, err);
        off += len + (nl != NULL);
    }
    if (st != DTL_OK) {
        if (st == DTL_ENOMEM)
            dtl_error_set(err, st, SIZE_MAX, "out of memory");
        dtl_stub_free(s);
        return st;
    }
    *out = s;
    return DTL_OK;
}

dtl_status
dtl_stub_format(const dtl_stub *s, char **out, size_t *len)
{
    struct dtl_buf b = DTL_BUF_INIT;
    size_t i;

    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!s || !out)
        return DTL_EINVAL;
    dtl_buf_adds(&b, "");
    for (i = 0; i < s->n; i++) {
        dtl_buf_adds(&b, s->shards[i].type);
        if (s->shards[i].arg[0]) {
            dtl_buf_addc(&b, ' ');
            dtl_buf_adds(&b, s->shards[i].arg);
        }
        dtl_buf_addc(&b, '\n');
    }
    if (dtl_buf_status(&b) != DTL_OK) {
        dtl_buf_release(&b);
        return DTL_ENOMEM;
    }
    if (len)
        *len = b.len;
    *out = dtl_buf_detach(&b, NULL);
    return DTL_OK;
}

dtl_status
dtl_stub_load(const char *path, dtl_stub **out, struct dtl_error *err)
{
    struct dtl_buf b = DTL_BUF_INIT;
    struct dtl_error perr = DTL_ERROR_INIT;
    dtl_status st;

    if (out)
        *out = NULL;
    if (!path || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_stub_load: no path or result");
    st = dtl_buf_add_file(&b, path, DTL_STUB_MAX_BYTES, err);
    if (st == DTL_OK) {
        st = dtl_stub_parse(b.p ? b.p : "", b.len, out, &perr);
        if (st != DTL_OK)
            dtl_error_set(err, st, perr.offset, "%s: %s", path, perr.msg);
    }
    dtl_buf_release(&b);
    return st;
}

/* fsync the directory that holds path, so a rename in it is durable. */
static int
sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd, rc;

    dir = slash ? dtl_strndup(path, slash == path ? 1 : (size_t)(slash - path))
                : dtl_strndup(".", 1);
    if (!dir)
        return -1;
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    dtl_free(dir);
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

dtl_status
dtl_stub_save(const char *path, const dtl_stub *s, struct dtl_error *err)
{
    struct dtl_buf tmp = DTL_BUF_INIT;
    char *text = NULL;
    size_t len = 0, done = 0;
    dtl_status st;
    int fd = -1;

    if (!path || !s)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_stub_save: no path or stub");
    st = dtl_stub_format(s, &text, &len);
    dtl_buf_addf(&tmp, "%s.tmp", path);
    if (st == DTL_OK)
        st = dtl_buf_status(&tmp);
    if (st != DTL_OK) {
        st = dtl_error_set(err, st, SIZE_MAX, "out of memory");
        goto out;
    }
    fd = open(tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s", tmp.p,
                           strerror(errno));
        goto out;
    }
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            st = dtl_error_set(err, DTL_EIO, done, "%s: %s", tmp.p,
                               w < 0 ? strerror(errno) : "short write");
            goto out;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        fd = -1;
        st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s", tmp.p,
                           strerror(errno));
        goto out;
    }
    fd = -1;
    if (rename(tmp.p, path) != 0) {
        st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: %s", path,
                           strerror(errno));
        goto out;
    }
    if (sync_parent(path) != 0)
        st = dtl_error_set(err, DTL_EIO, SIZE_MAX, "%s: syncing its "
                           "directory: %s", path, strerror(errno));
out:
    if (fd >= 0)
        close(fd);
    if (st != DTL_OK && tmp.p)
        unlink(tmp.p);
    dtl_buf_release(&tmp);
    dtl_free(text);
    return st;
}

int
dtl_index_is_sharded(const char *path)
{
    struct dtl_buf b = DTL_BUF_INIT;
    struct stat sb;
    int yes;

    if (!path)
        return 0;
    dtl_buf_addf(&b, "%s/%s", path, DTL_STUB_NAME);
    yes = dtl_buf_status(&b) == DTL_OK && stat(b.p, &sb) == 0 &&
          S_ISREG(sb.st_mode);
    dtl_buf_release(&b);
    return yes;
}
