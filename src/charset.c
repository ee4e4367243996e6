/* Dateline: an HTML page's bytes to UTF-8, whatever charset they are in.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Crawled pages lie about their charset (several benchmark pages declare
 * ISO-8859-1 but are UTF-8), so valid UTF-8 wins over any declaration:
 * text in a legacy single-byte charset is practically never valid UTF-8.
 * Windows-1252 is decoded here by table (the common case); other charsets
 * go through glibc iconv, one invalid byte at a time becoming U+FFFD.
 */
#include <config.h>
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "sanitise.h"
#include "banned.h"

/* Code points of Windows-1252 bytes 0x80..0x9F (0 = undefined: those
 * bytes map to the C1 control of the same value, as WHATWG says). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0,
};

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need, k;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        need = 1;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        need = 2;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        need = 3;
    else
        return 0;
    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    for (k = 1; k <= need; k++) {
        if (k >= n || s[k] < lo || s[k] > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

size_t
dtl_charset_utf8_errors(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, bad = 0, len;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        len = utf8_len(s + i, n - i);
        if (len == 0) {
            bad++;
            i++;
        } else {
            i += len;
        }
    }
    return bad;
}

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive search for the ASCII word w in p[from..n). */
static size_t
find_ci(const char *p, size_t n, size_t from, const char *w)
{
    size_t wl = strlen(w), i, k;

    for (i = from; i + wl <= n; i++) {
        for (k = 0; k < wl && lower((unsigned char)p[i + k]) == w[k]; k++)
            ;
        if (k == wl)
            return i;
    }
    return SIZE_MAX;
}

/* Copy the label that follows "charset" or "encoding" at p[i..n): skip
 * spaces, '=', quotes, then take [A-Za-z0-9._:-]+. */
static int
take_label(const char *p, size_t n, size_t i, char *label, size_t size)
{
    size_t k = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
                     p[i] == '\r'))
        i++;
    if (i >= n || p[i] != '=')
        return 0;
    i++;
    while (i < n && (p[i] == ' ' || p[i] == '"' || p[i] == '\'' ||
                     p[i] == '\t'))
        i++;
    while (i < n && k + 1 < size &&
           ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
            (p[i] >= '0' && p[i] <= '9') || p[i] == '-' || p[i] == '_' ||
            p[i] == '.' || p[i] == ':'))
        label[k++] = (char)lower((unsigned char)p[i++]);
    label[k] = '\0';
    return k > 0;
}

int
dtl_charset_sniff_meta(const char *p, size_t n, char *label, size_t size)
{
    size_t i = 0, end, c;

    if (size == 0)
        return 0;
    if (n > 65536)
        n = 65536;
    if (n >= 5 && memcmp(p, "<?xml", 5) == 0) {
        end = find_ci(p, n, 0, "?>");
        c = find_ci(p, end == SIZE_MAX ? n : end, 0, "encoding");
        if (c != SIZE_MAX && take_label(p, n, c + 8, label, size))
            return 1;
    }
    while ((i = find_ci(p, n, i, "<meta")) != SIZE_MAX) {
        end = find_ci(p, n, i, ">");
        if (end == SIZE_MAX)
            end = n;
        c = i;
        while ((c = find_ci(p, end, c, "charset")) != SIZE_MAX) {
            if (take_label(p, end, c + 7, label, size))
                return 1;
            c += 7;
        }
        i = end;
    }
    return 0;
}

/* 1 if label names a charset browsers read as Windows-1252. */
static int
is_cp1252(const char *label)
{
    static const char *const names[] = {
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1",
        "iso_8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii",
        "iso-ir-100", "ibm819", "cp819", "csisolatin1", NULL};
    size_t i;

    for (i = 0; names[i]; i++)
        if (strcmp(label, names[i]) == 0)
            return 1;
    return 0;
}

static int
is_utf8_label(const char *label)
{
    return strcmp(label, "utf-8") == 0 || strcmp(label, "utf8") == 0 ||
           strcmp(label, "unicode-1-1-utf-8") == 0;
}

static void
put_cp(struct dtl_buf *b, uint32_t c)
{
    char u[4];

    if (c < 0x80) {
        dtl_buf_addc(b, (char)c);
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        dtl_buf_add(b, u, 2);
    } else {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        dtl_buf_add(b, u, 3);
    }
}

static void
note_bad(struct dtl_charset_info *info, size_t off)
{
    if (info->bad++ == 0)
        info->first_bad = off;
}

/* Windows-1252 by table: ASCII runs are copied in one go. */
static void
decode_cp1252(const unsigned char *s, size_t n, struct dtl_buf *out,
              struct dtl_charset_info *info)
{
    size_t i = 0, run;

    while (i < n) {
        for (run = i; run < n && s[run] < 0x80 && s[run] != 0 &&
                      s[run] != '\r';
             run++)
            ;
        dtl_buf_add(out, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        if (s[i] == 0) {
            note_bad(info, i);
            dtl_buf_addc(out, ' ');
        } else if (s[i] == '\r') {
            if (i + 1 >= n || s[i + 1] != '\n')
                dtl_buf_addc(out, '\n');
        } else if (s[i] < 0xA0) {
            uint16_t c = cp1252_high[s[i] - 0x80];
            put_cp(out, c ? c : ' ');
        } else {
            put_cp(out, s[i]);
        }
        i++;
    }
}

/* Any other charset through iconv; returns 0 if iconv does not know it. */
static int
decode_iconv(const char *label, const char *p, size_t n, struct dtl_buf *out,
             struct dtl_charset_info *info)
{
    struct dtl_buf tmp = DTL_BUF_INIT;
    struct dtl_sanitise_stats ss;
    iconv_t cd = iconv_open("UTF-8", label);
    char *in = (char *)p, *o;
    size_t left = n, room, r;

    if (cd == (iconv_t)-1)
        return 0;
    while (left > 0 && dtl_buf_status(&tmp) == DTL_OK) {
        dtl_buf_grow(&tmp, left * 2 + 16);
        if (dtl_buf_status(&tmp) != DTL_OK)
            break;
        o = tmp.p + tmp.len;
        room = tmp.cap - tmp.len - 1;
        r = iconv(cd, &in, &left, &o, &room);
        tmp.len = (size_t)(o - tmp.p);
        tmp.p[tmp.len] = '\0';
        if (r == (size_t)-1 && errno != E2BIG) {
            /* An invalid or truncated sequence: replace one byte. */
            note_bad(info, (size_t)(in - p));
            dtl_buf_add(&tmp, "\xEF\xBF\xBD", 3);
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    if (dtl_buf_status(&tmp) == DTL_OK)
        dtl_sanitise_copy(tmp.p ? tmp.p : "", tmp.len, out, &ss);
    else
        out->err = DTL_ENOMEM;
    dtl_buf_release(&tmp);
    return 1;
}

static int
utf16_bom(const unsigned char *s, size_t n)
{
    return n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                      (s[0] == 0xFE && s[1] == 0xFF));
}

dtl_status
dtl_charset_decode(const char *p, size_t n, const char *http_charset,
                   struct dtl_buf *out, struct dtl_charset_info *info)
{
    const unsigned char *s = (const unsigned char *)p;
    struct dtl_charset_info dummy;
    struct dtl_sanitise_stats ss;
    char label[40] = "";
    size_t errors, k;

    if (!info)
        info = &dummy;
    memset(info, 0, sizeof(*info));
    info->first_bad = SIZE_MAX;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        info->from_bom = 1;
        p += 3;
        n -= 3;
        goto utf8;
    }
    if (utf16_bom(s, n)) {
        info->from_bom = 1;
        memcpy(info->used, s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", 9);
        decode_iconv(info->used, p + 2, n - 2, out, info);
        return dtl_buf_status(out);
    }
    /* One pass over the usual page, valid UTF-8 without NUL or CR; the
     * errors are counted from where that clean run stops. */
    k = dtl_sanitise_clean_len(p, n);
    if (k == n)
        goto utf8;
    errors = dtl_charset_utf8_errors(p + k, n - k);
    if (errors == 0)
        goto utf8;
    if (http_charset && *http_charset) {
        for (k = 0; http_charset[k] && k + 1 < sizeof(label); k++)
            label[k] = (char)lower((unsigned char)http_charset[k]);
        label[k] = '\0';
    } else {
        dtl_charset_sniff_meta(p, n, label, sizeof(label));
    }
    /* A page that says UTF-8 and mostly is: keep it, replacing the few
     * broken sequences, rather than garbling all of its letters. */
    if ((is_utf8_label(label) || !*label) && errors * 50 < n / 100 + 1 &&
        errors < 1000)
        goto utf8;
    if (*label && !is_cp1252(label) && !is_utf8_label(label)) {
        memcpy(info->used, label, strlen(label) + 1 < sizeof(info->used)
                                      ? strlen(label) + 1
                                      : sizeof(info->used) - 1);
        if (decode_iconv(label, p, n, out, info))
            return dtl_buf_status(out);
    }
    memcpy(info->used, "windows-1252", 13);
    decode_cp1252(s, n, out, info);
    return dtl_buf_status(out);
utf8:
    memcpy(info->used, "UTF-8", 6);
    dtl_sanitise_copy(p, n, out, &ss);
    info->bad = ss.bad;
    info->first_bad = ss.first_bad;
    return dtl_buf_status(out);
}

dtl_status
dtl_charset_view(const char *p, size_t n, const char *http_charset,
                 struct dtl_buf *out, const char **text, size_t *len,
                 struct dtl_charset_info *info)
{
    const unsigned char *s = (const unsigned char *)p;
    struct dtl_charset_info dummy;
    size_t skip = 0;
    dtl_status rc;

    if (!info)
        info = &dummy;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        skip = 3;
    if (!utf16_bom(s, n) &&
        dtl_sanitise_clean_len(p + skip, n - skip) == n - skip) {
        /* What dtl_charset_decode() would copy unchanged. */
        memset(info, 0, sizeof(*info));
        info->from_bom = skip > 0;
        info->first_bad = SIZE_MAX;
        memcpy(info->used, "UTF-8", 6);
        *text = p + skip;
        *len = n - skip;
        return DTL_OK;
    }
    rc = dtl_charset_decode(p, n, http_charset, out, info);
    *text = rc == DTL_OK && out->p ? out->p : "";
    *len = rc == DTL_OK ? out->len : 0;
    return rc;
}
