/* Dateline: the page object: accessors and the page builder.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements the dtl_page calls of include/dateline/page.h other than
 * dtl_text_read() (src/textpage.c).  Strings given to the builder are
 * sanitised (src/sanitise.c) and copied into the page's pool: a list of
 * chunks that never move, so every pointer handed out stays valid until
 * dtl_page_free().
 */
#include <config.h>
#include "page.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "sanitise.h"

#include "banned.h"

/* Pool chunks hold at least this many bytes. */
#define CHUNK_MIN 4096

struct dtl_page_chunk {
    struct dtl_page_chunk *next;
    size_t used, cap;
    char data[];
};

static const char empty[] = "";

dtl_page *
dtl_page_alloc(void)
{
    dtl_page *page = dtl_calloc(1, sizeof(*page));
    size_t i;

    if (!page)
        return NULL;
    for (i = 0; i < DTL_PAGE_N_FIELDS; i++)
        page->field[i] = (struct dtl_page_str){ empty, 0 };
    page->published = page->modified = DTL_TS_NONE;
    page->first_bad = SIZE_MAX;
    return page;
}

dtl_status
dtl_page_reserve(dtl_page *page, size_t n)
{
    struct dtl_entry *e;
    size_t cap;

    if (n <= page->cap_entries - page->n_entries)
        return DTL_OK;
    if (page->n_entries >= DTL_PAGE_MAX_ENTRIES ||
        n > DTL_PAGE_MAX_ENTRIES - page->n_entries)
        return DTL_ELIMIT;
    cap = page->cap_entries ? page->cap_entries * 2 : 8;
    if (cap < page->n_entries + n)
        cap = page->n_entries + n;
    e = dtl_realloc(page->entries, cap * sizeof(*e));
    if (!e)
        return DTL_ENOMEM;
    page->entries = e;
    page->cap_entries = cap;
    return DTL_OK;
}

/* Copy p[0..n) into the pool, NUL-terminated; NULL when out of memory. */
static const char *
pool_copy(dtl_page *page, const char *p, size_t n)
{
    struct dtl_page_chunk *c = page->pool;
    char *s;

    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK_MIN ? n + 1 : CHUNK_MIN;

        if (n + 1 == 0 || cap > SIZE_MAX - sizeof(*c))
            return NULL;
        c = dtl_malloc(sizeof(*c) + cap);
        if (!c)
            return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = page->pool;
        page->pool = c;
    }
    s = c->data + c->used;
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    c->used += n + 1;
    return s;
}

/* Sanitise p[0..n) into the pool as *out; with one_line, line breaks
 * become spaces and the ends are trimmed. */
static dtl_status
add_string(dtl_page *page, const char *p, size_t n, int one_line,
           struct dtl_page_str *out)
{
    struct dtl_buf b = DTL_BUF_INIT;
    struct dtl_sanitise_stats st;
    dtl_status rc;
    const char *s;
    size_t i, a = 0, z;

    if (!p && n)
        return DTL_EINVAL;
    rc = dtl_sanitise_copy(p ? p : empty, n, &b, &st);
    if (rc != DTL_OK)
        goto out;
    if (st.bad) {
        if (page->bad == 0)
            page->first_bad = st.first_bad;
        page->bad += st.bad;
    }
    z = b.len;
    if (one_line && b.p) {
        for (i = 0; i < b.len; i++)
            if (b.p[i] == '\n' || b.p[i] == '\t')
                b.p[i] = ' ';
        while (a < z && b.p[a] == ' ')
            a++;
        while (z > a && b.p[z - 1] == ' ')
            z--;
    }
    s = pool_copy(page, b.p ? b.p + a : empty, z - a);
    if (!s) {
        rc = DTL_ENOMEM;
        goto out;
    }
    *out = (struct dtl_page_str){ s, z - a };
out:
    dtl_buf_release(&b);
    return rc;
}

/* ---- the public interface ------------------------------------------- */

dtl_status
dtl_page_new(dtl_page **out)
{
    if (!out)
        return DTL_EINVAL;
    *out = dtl_page_alloc();
    return *out ? DTL_OK : DTL_ENOMEM;
}

dtl_status
dtl_page_set_field(dtl_page *page, enum dtl_page_field f, const char *p,
                   size_t n)
{
    if (!page || (unsigned)f >= DTL_PAGE_N_FIELDS)
        return DTL_EINVAL;
    return add_string(page, p, n, f != DTL_PAGE_DESCRIPTION, &page->field[f]);
}

dtl_status
dtl_page_set_times(dtl_page *page, int64_t published, int64_t modified)
{
    if (!page)
        return DTL_EINVAL;
    page->published = published;
    page->modified = modified;
    return DTL_OK;
}

dtl_status
dtl_page_add_entry(dtl_page *page, const struct dtl_entry *e)
{
    struct dtl_page_str h, b, u;
    dtl_status rc;

    if (!page || !e)
        return DTL_EINVAL;
    rc = dtl_page_reserve(page, 1);
    if (rc == DTL_OK)
        rc = add_string(page, e->headline, e->headline_len, 1, &h);
    if (rc == DTL_OK)
        rc = add_string(page, e->body, e->body_len, 0, &b);
    if (rc == DTL_OK)
        rc = add_string(page, e->url, e->url ? e->url_len : 0, 1, &u);
    if (rc != DTL_OK)
        return rc;
    page->entries[page->n_entries++] = (struct dtl_entry){
        .ts = e->ts,
        .headline = h.p,
        .headline_len = h.n,
        .body = b.p,
        .body_len = b.n,
        .is_lead = e->is_lead ? 1 : 0,
        .offset = e->offset,
        .url = u.p,
        .url_len = u.n,
    };
    return DTL_OK;
}

void
dtl_page_free(dtl_page *page)
{
    struct dtl_page_chunk *c, *next;

    if (!page)
        return;
    for (c = page->pool; c; c = next) {
        next = c->next;
        dtl_free(c);
    }
    dtl_free(page->entries);
    dtl_free(page->text);
    dtl_free(page);
}

const char *
dtl_page_field(const dtl_page *page, enum dtl_page_field f, size_t *len)
{
    int ok = page && (unsigned)f < DTL_PAGE_N_FIELDS;

    if (len)
        *len = ok ? page->field[f].n : 0;
    return ok ? page->field[f].p : empty;
}

const char *
dtl_page_title(const dtl_page *page, size_t *len)
{
    return dtl_page_field(page, DTL_PAGE_TITLE, len);
}

const char *
dtl_page_url(const dtl_page *page, size_t *len)
{
    return dtl_page_field(page, DTL_PAGE_URL, len);
}

int64_t
dtl_page_published(const dtl_page *page)
{
    return page ? page->published : DTL_TS_NONE;
}

int64_t
dtl_page_modified(const dtl_page *page)
{
    return page ? page->modified : DTL_TS_NONE;
}

size_t
dtl_page_entry_count(const dtl_page *page)
{
    return page ? page->n_entries : 0;
}

const struct dtl_entry *
dtl_page_entry(const dtl_page *page, size_t i)
{
    if (!page || i >= page->n_entries)
        return NULL;
    return &page->entries[i];
}

size_t
dtl_page_bad_bytes(const dtl_page *page, size_t *first)
{
    if (first)
        *first = page ? page->first_bad : SIZE_MAX;
    return page ? page->bad : 0;
}
