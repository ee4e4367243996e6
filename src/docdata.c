/* Dateline: encoding and decoding the stored data of an entry.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The format is specified in docdata.h.  The indexer encodes, the searcher
 * decodes; the decoder treats its input as hostile (it comes from the
 * index, which may be damaged) and reads nothing outside p[0..n).  Relies
 * only on alloc, buf and status, so its unit test links nothing else; the
 * time conversion is a few lines of civil-calendar arithmetic kept here
 * for that reason.
 */
#include <config.h>
#include "docdata.h"

#include <string.h>

#include "alloc.h"
#include "dateline/stamp.h"
#include "status.h"
#include "banned.h"

/* Names of the fields after "v", in their required order. */
static const char *const field_names[] = {
    "source", "title", "headline", "ts", "lead", "body"
};
#define N_FIELDS (sizeof(field_names) / sizeof(field_names[0]))

/* UTF-8 of U+FFFD, written for bytes that are not valid UTF-8. */
static const char replacement[] = "\xef\xbf\xbd";

/* Smallest and largest times with a four-digit year: 0000-01-01T00:00:00Z
 * and 9999-12-31T23:59:59Z. */
#define TIME_MIN INT64_C(-62167219200)
#define TIME_MAX INT64_C(253402300799)

/* ---- time --------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic-Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse (civil_from_days). */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static void
put_digits(char *out, int64_t v, int width)
{
    while (width-- > 0) {
        out[width] = (char)('0' + v % 10);
        v /= 10;
    }
}

dtl_status
dtl_docdata_format_time(int64_t ts, char out[DTL_DOCDATA_TIME_LEN + 1])
{
    int64_t days, secs, y;
    int m, d;

    out[0] = '\0';
    if (ts == DTL_TS_NONE || ts < TIME_MIN || ts > TIME_MAX)
        return DTL_EINVAL;
    days = ts / 86400;
    secs = ts % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    civil_from_days(days, &y, &m, &d);
    memcpy(out, "0000-00-00T00:00:00Z", DTL_DOCDATA_TIME_LEN + 1);
    put_digits(out, y, 4);
    put_digits(out + 5, m, 2);
    put_digits(out + 8, d, 2);
    put_digits(out + 11, secs / 3600, 2);
    put_digits(out + 14, secs / 60 % 60, 2);
    put_digits(out + 17, secs % 60, 2);
    return DTL_OK;
}

/* Read width decimal digits at p; -1 if any is not a digit. */
static int
get_digits(const char *p, int width)
{
    int v = 0, i;

    for (i = 0; i < width; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

dtl_status
dtl_docdata_parse_time(const char *p, size_t n, int64_t *ts)
{
    static const char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
                                 30, 31};
    int y, mo, d, h, mi, s, leap;

    *ts = DTL_TS_NONE;
    if (n != DTL_DOCDATA_TIME_LEN || p[4] != '-' || p[7] != '-'
        || p[10] != 'T' || p[13] != ':' || p[16] != ':' || p[19] != 'Z')
        return DTL_ECORRUPT;
    y = get_digits(p, 4);
    mo = get_digits(p + 5, 2);
    d = get_digits(p + 8, 2);
    h = get_digits(p + 11, 2);
    mi = get_digits(p + 14, 2);
    s = get_digits(p + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0
        || mi > 59 || s < 0 || s > 59)
        return DTL_ECORRUPT;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return DTL_ECORRUPT;
    *ts = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return DTL_OK;
}

/* ---- UTF-8 -------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence of two to four bytes at p
 * (Unicode table 3-7: no overlongs, no surrogates, at most U+10FFFF), or 0
 * if there is none. */
static size_t
utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xbf;
    size_t len, i;

    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    if (c == 0xe0)
        lo = 0xa0;
    else if (c == 0xed)
        hi = 0x9f;
    else if (c == 0xf0)
        lo = 0x90;
    else if (c == 0xf4)
        hi = 0x8f;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    return len;
}

/* ---- encoding ----------------------------------------------------------- */

/* Append p[0..n) escaped, replacing NULs and invalid UTF-8 with U+FFFD.
 * Runs of plain bytes are copied in one go. */
static void
add_escaped(struct dtl_buf *b, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run = 0, k;

    while (i < n) {
        unsigned char c = s[i];

        if (c >= 0x80) {
            k = utf8_seq_len(s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        } else if (c != '\\' && c != '\n' && c != '\0') {
            i++;
            continue;
        }
        dtl_buf_add(b, p + run, i - run);
        if (c == '\\')
            dtl_buf_add(b, "\\\\", 2);
        else if (c == '\n')
            dtl_buf_add(b, "\\n", 2);
        else
            dtl_buf_add(b, replacement, 3);
        run = ++i;
    }
    dtl_buf_add(b, p + run, n - run);
}

static void
add_field(struct dtl_buf *b, const char *name, const char *p, size_t n)
{
    dtl_buf_adds(b, name);
    dtl_buf_addc(b, '=');
    add_escaped(b, p, n);
    dtl_buf_addc(b, '\n');
}

dtl_status
dtl_docdata_encode(const struct dtl_docdata *d, struct dtl_buf *out)
{
    char when[DTL_DOCDATA_TIME_LEN + 1] = "";

    if (d->ts != DTL_TS_NONE
        && dtl_docdata_format_time(d->ts, when) != DTL_OK)
        return DTL_EINVAL;
    dtl_buf_add(out, "v=1\n", 4);
    add_field(out, "source", d->source, d->source_len);
    add_field(out, "title", d->title, d->title_len);
    add_field(out, "headline", d->headline, d->headline_len);
    add_field(out, "ts", when, strlen(when));
    add_field(out, "lead", d->is_lead ? "1" : "0", 1);
    add_field(out, "body", d->body, d->body_len);
    if (d->url_len > 0)
        add_field(out, "url", d->url, d->url_len);
    if (d->lang_len > 0)
        add_field(out, "lang", d->lang, d->lang_len);
    return dtl_buf_status(out);
}

/* ---- decoding ----------------------------------------------------------- */

/* Check the escaped value p[0..n) (which holds no newline) starting at
 * byte offset off of the record, and unescape it into dst unless dst is
 * NULL.  *out_len receives the unescaped length. */
static dtl_status
unescape(const char *p, size_t n, size_t off, char *dst, size_t *out_len,
         struct dtl_error *err)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, o = 0, k;

    while (i < n) {
        unsigned char c = s[i];

        if (c == '\\') {
            if (i + 1 >= n || (s[i + 1] != '\\' && s[i + 1] != 'n'))
                return dtl_error_set(err, DTL_ECORRUPT, off + i,
                                     "stored data: bad escape at byte %zu",
                                     off + i);
            if (dst)
                dst[o] = s[i + 1] == 'n' ? '\n' : '\\';
            o++;
            i += 2;
            continue;
        }
        if (c == '\0')
            return dtl_error_set(err, DTL_ECORRUPT, off + i,
                                 "stored data: NUL byte at byte %zu",
                                 off + i);
        k = 1;
        if (c >= 0x80) {
            k = utf8_seq_len(s + i, n - i);
            if (!k)
                return dtl_error_set(err, DTL_ECORRUPT, off + i,
                                     "stored data: invalid UTF-8 at byte "
                                     "%zu", off + i);
        }
        if (dst)
            memcpy(dst + o, s + i, k);
        o += k;
        i += k;
    }
    if (dst)
        dst[o] = '\0';
    *out_len = o;
    return DTL_OK;
}

static int
name_is(const char *p, size_t n, const char *name)
{
    return strlen(name) == n && memcmp(p, name, n) == 0;
}

/* Index of a v1 field name in field_names, N_FIELDS for "v", -1 for a
 * name this version does not know. */
static int
field_index(const char *p, size_t n)
{
    size_t i;

    if (name_is(p, n, "v"))
        return (int)N_FIELDS;
    for (i = 0; i < N_FIELDS; i++)
        if (name_is(p, n, field_names[i]))
            return (int)i;
    return -1;
}

/* Store a decoded value (at val, len bytes, in d->mem) as field f. */
static dtl_status
set_field(struct dtl_docdata *d, int f, const char *val, size_t len,
          size_t off, struct dtl_error *err)
{
    switch (f) {
    case 0:
        d->source = val;
        d->source_len = len;
        break;
    case 1:
        d->title = val;
        d->title_len = len;
        break;
    case 2:
        d->headline = val;
        d->headline_len = len;
        break;
    case 3:
        if (len && dtl_docdata_parse_time(val, len, &d->ts) != DTL_OK)
            return dtl_error_set(err, DTL_ECORRUPT, off,
                                 "stored data: bad time at byte %zu", off);
        break;
    case 4:
        if (len != 1 || (val[0] != '0' && val[0] != '1'))
            return dtl_error_set(err, DTL_ECORRUPT, off,
                                 "stored data: bad lead flag at byte %zu",
                                 off);
        d->is_lead = val[0] == '1';
        break;
    default:
        d->body = val;
        d->body_len = len;
        break;
    }
    return DTL_OK;
}

static void
docdata_empty(struct dtl_docdata *d)
{
    d->source = d->title = d->headline = d->body = d->url = d->lang = "";
    d->source_len = d->title_len = d->headline_len = d->body_len = 0;
    d->url_len = d->lang_len = 0;
    d->ts = DTL_TS_NONE;
    d->is_lead = 0;
    d->mem = NULL;
}

dtl_status
dtl_docdata_decode(const char *p, size_t n, struct dtl_docdata *out,
                   struct dtl_error *err)
{
    size_t pos = 0, used = 0, next = 0;
    int seen_v = 0, seen_url = 0, seen_lang = 0;
    dtl_status st = DTL_OK;

    docdata_empty(out);
    if (n > DTL_DOCDATA_MAX)
        return dtl_error_set(err, DTL_ECORRUPT, 0,
                             "stored data: %zu bytes is more than any "
                             "entry holds", n);
    /* Every value plus its NUL fits in the bytes of its own line. */
    out->mem = dtl_malloc(n + 1);
    if (!out->mem)
        return DTL_ENOMEM;
    while (pos < n) {
        const char *line = p + pos, *nl, *val;
        size_t name_len = 0, vlen, len;
        int f;

        while (pos + name_len < n
               && ((line[name_len] >= 'a' && line[name_len] <= 'z')
                   || (line[name_len] >= '0' && line[name_len] <= '9')
                   || line[name_len] == '_'))
            name_len++;
        if (name_len == 0 || pos + name_len >= n || line[name_len] != '=') {
            st = dtl_error_set(err, DTL_ECORRUPT, pos,
                               "stored data: malformed field at byte %zu",
                               pos);
            goto out;
        }
        val = line + name_len + 1;
        nl = memchr(val, '\n', n - (pos + name_len + 1));
        if (!nl) {
            st = dtl_error_set(err, DTL_ECORRUPT, pos,
                               "stored data: field at byte %zu has no "
                               "newline", pos);
            goto out;
        }
        vlen = (size_t)(nl - val);
        f = field_index(line, name_len);
        if (!seen_v) {
            if (f != (int)N_FIELDS || vlen != 1 || val[0] != '1') {
                st = dtl_error_set(err, DTL_ECORRUPT, pos,
                                   "stored data: no \"v=1\" version line");
                goto out;
            }
            seen_v = 1;
        } else if (f == (int)N_FIELDS) {
            st = dtl_error_set(err, DTL_ECORRUPT, pos,
                               "stored data: second version line at byte "
                               "%zu", pos);
            goto out;
        } else if (f < 0 && (name_is(line, name_len, "url") ||
                             name_is(line, name_len, "lang"))) {
            /* The optional entry URL and language: once each, anywhere
             * after "v". */
            int is_url = name_is(line, name_len, "url");
            int *seen = is_url ? &seen_url : &seen_lang;

            if (*seen) {
                st = dtl_error_set(err, DTL_ECORRUPT, pos,
                                   "stored data: second %s at byte %zu",
                                   is_url ? "url" : "lang", pos);
                goto out;
            }
            *seen = 1;
            st = unescape(val, vlen, pos + name_len + 1, out->mem + used,
                          &len, err);
            if (st)
                goto out;
            if (is_url) {
                out->url = out->mem + used;
                out->url_len = len;
            } else {
                out->lang = out->mem + used;
                out->lang_len = len;
            }
            used += len + 1;
        } else if (f < 0) {
            /* A field of a later version: check it, then skip it. */
            st = unescape(val, vlen, pos + name_len + 1, NULL, &len, err);
            if (st)
                goto out;
        } else if ((size_t)f != next) {
            st = dtl_error_set(err, DTL_ECORRUPT, pos,
                               "stored data: field at byte %zu is out of "
                               "order or repeated", pos);
            goto out;
        } else {
            st = unescape(val, vlen, pos + name_len + 1, out->mem + used,
                          &len, err);
            if (st == DTL_OK)
                st = set_field(out, f, out->mem + used, len,
                               pos + name_len + 1, err);
            if (st)
                goto out;
            used += len + 1;
            next++;
        }
        pos += name_len + 1 + vlen + 1;
    }
    if (!seen_v)
        st = dtl_error_set(err, DTL_ECORRUPT, 0,
                           "stored data: no \"v=1\" version line");
    else if (next < N_FIELDS)
        st = dtl_error_set(err, DTL_ECORRUPT, n,
                           "stored data: field \"%s\" missing",
                           field_names[next]);
out:
    if (st != DTL_OK)
        dtl_docdata_release(out);
    return st;
}

void
dtl_docdata_release(struct dtl_docdata *d)
{
    if (!d)
        return;
    dtl_free(d->mem);
    docdata_empty(d);
}
