/* Dateline tests: the HTML reader (charset, metadata, JSON-LD, live-blog
 * splitting, main-content extraction, limits).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: charset rows (bytes -> text), metadata rows (page -> one
 * field), JSON-LD rows (one ld+json block -> updates), extraction rows
 * (page -> words that must and must not be in the text), live-blog rows
 * (a fixture in tests/data/html/ -> entries), then limits, deep nesting
 * and out-of-memory.  Links src/html.c and the modules it relies on.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "charset.h"
#include "dateline/html.h"
#include "dom.h"
#include "dateline/page.h"
#include "htmlmeta.h"
#include "jsonld.h"
#include "tap.h"

#define S(lit) lit, sizeof(lit) - 1

/* ---- charset ---------------------------------------------------------- */

struct charset_row {
    const char *in;
    size_t n;
    const char *http;     /* HTTP charset or NULL */
    const char *want;     /* must appear in dtl_html_text() */
    const char *used;     /* charset dtl_charset_decode() reports */
};

static const struct charset_row charset_rows[] = {
    { S("<meta charset=iso-8859-1><p>caf\xe9 \x93quoted\x94 \x80 5</p>"),
      NULL, "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac 5",
      "windows-1252" },
    /* A page that claims Latin-1 but is UTF-8: the bytes win. */
    { S("<meta charset=\"iso-8859-1\"><p>na\xc3\xafve caf\xc3\xa9</p>"), NULL,
      "na\xc3\xafve caf\xc3\xa9", "UTF-8" },
    { S("\xef\xbb\xbf<p>bom caf\xc3\xa9</p>"), NULL, "bom caf\xc3\xa9",
      "UTF-8" },
    { S("\xff\xfe<\0p\0>\0h\0\xe9\0<\0/\0p\0>\0"), NULL, "h\xc3\xa9",
      "UTF-16LE" },
    /* The HTTP charset beats the meta tag. */
    { S("<meta charset=windows-1252><p>\xb1le</p>"), "ISO-8859-2",
      "\xc4\x85le", "iso-8859-2" },
    { S("<meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"),
      NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", "koi8-r" },
    /* No declaration, not UTF-8: Windows-1252. */
    { S("<p>Ren\xe9\x65 \x96 ok</p>"), NULL, "Ren\xc3\xa9\x65 \xe2\x80\x93 ok",
      "windows-1252" },
    /* NUL bytes survive as spaces; libxml2 would stop at them. */
    { S("<p>before\0after</p><p>still here</p>"), NULL,
      "before after\nstill here", "UTF-8" },
    /* An unknown label falls back to Windows-1252. */
    { S("<meta charset=x-no-such><p>\xe9t\xe9</p>"), NULL,
      "\xc3\xa9t\xc3\xa9", "windows-1252" },
    { NULL, 0, NULL, NULL, NULL },
};

static void
test_charset(void)
{
    const struct charset_row *r;

    for (r = charset_rows; r->in; r++) {
        struct dtl_html_opts o = {NULL, r->http, DTL_TS_NONE};
        struct dtl_charset_info info;
        struct dtl_buf b = DTL_BUF_INIT;
        char *text = NULL;
        size_t len = 0;

        tap_is_int(dtl_html_text(r->in, r->n, &o, &text, &len, NULL),
                   DTL_OK, "charset: html_text");
        if (!tap_ok(text && strstr(text, r->want) != NULL,
                    "charset: the text has the expected letters"))
            tap_diag("want %s, got %s", r->want, text ? text : "(null)");
        tap_ok(text && strlen(text) == len, "charset: no NUL inside");
        dtl_html_text_free(text);
        tap_is_int(dtl_charset_decode(r->in, r->n, r->http, &b, &info),
                   DTL_OK, "charset: decode");
        tap_is_str(info.used, r->used, "charset: used");
        dtl_buf_release(&b);
    }
}

/* dtl_charset_view(): the same bytes as dtl_charset_decode(), borrowed
 * from the input when they are the input's. */
struct view_row {
    const char *in;
    size_t n;
    const char *http;     /* HTTP charset or NULL */
    size_t borrowed;      /* offset of the view in the input, or NONE */
};

#define NONE SIZE_MAX

static const struct view_row view_rows[] = {
    { S("<p>plain caf\xc3\xa9 page, long enough for the word loop</p>"),
      NULL, 0 },
    { S(""), NULL, 0 },
    { S("\xef\xbb\xbf<p>bom caf\xc3\xa9</p>"), NULL, 3 },
    /* A declaration does not matter to valid UTF-8. */
    { S("<meta charset=windows-1252><p>\xc3\xa9</p>"), "ISO-8859-2", 0 },
    /* Anything the decoder changes is decoded into the buffer. */
    { S("<p>line\r\nend</p>"), NULL, NONE },
    { S("<p>before\0after</p>"), NULL, NONE },
    { S("<p>mostly UTF-8 caf\xc3\xa9 but \xe9 once</p>"), NULL, NONE },
    { S("<meta charset=iso-8859-1><p>caf\xe9</p>"), NULL, NONE },
    { S("\xff\xfe<\0p\0>\0"), NULL, NONE },
    { S("\xfe\xff\0<\0p\0>"), NULL, NONE },
    { NULL, 0, NULL, 0 },
};

static void
test_charset_view(void)
{
    const struct view_row *r;

    for (r = view_rows; r->in; r++) {
        struct dtl_charset_info info, want_info;
        struct dtl_buf b = DTL_BUF_INIT, want = DTL_BUF_INIT;
        const char *text = NULL;
        size_t len = 0;

        tap_is_int(dtl_charset_view(r->in, r->n, r->http, &b, &text, &len,
                                    &info),
                   DTL_OK, "charset view: status");
        dtl_charset_decode(r->in, r->n, r->http, &want, &want_info);
        tap_ok(text && want.len == len &&
                   (len == 0 || memcmp(text, want.p, len) == 0),
               "charset view: the decoder's bytes");
        tap_is_str(info.used, want_info.used, "charset view: used");
        tap_ok(info.bad == want_info.bad &&
                   info.first_bad == want_info.first_bad &&
                   info.from_bom == want_info.from_bom,
               "charset view: the decoder's counts");
        if (r->borrowed == NONE)
            tap_ok(b.len == len && text == b.p, "charset view: decoded");
        else
            tap_ok(b.len == 0 && text == r->in + r->borrowed,
                   "charset view: borrowed at %zu", r->borrowed);
        dtl_buf_release(&b);
        dtl_buf_release(&want);
    }
}

#undef NONE

/* ---- collapsing white space ------------------------------------------- */

/* dtl_dom_add_collapsed(): rows long enough for its eight-byte steps,
 * with what ends a plain word at each place in one. */
struct collapse_row {
    const char *before;   /* the buffer's text before the call */
    const char *in;
    size_t n;
    const char *want;     /* the buffer's text after */
    size_t solid;         /* the non-space bytes appended */
};

static const struct collapse_row collapse_rows[] = {
    { "", S("one two three four five six"), "one two three four five six",
      22 },
    { "", S("  leading and trailing spaces  "),
      "leading and trailing spaces ", 24 },
    { "x ", S(" after a space, the first one goes"),
      "x after a space, the first one goes", 27 },
    { "x", S(" after a letter it stays"), "x after a letter it stays", 19 },
    { "x\n", S(" after a line end too"), "x\nafter a line end too", 16 },
    { "", S("double  space\tand\ttab\r\nlines\n\n\nend"),
      "double space and tab lines end", 25 },
    { "", S("seven77  eight888 x"), "seven77 eight888 x", 16 },
    { "", S("no\xc2\xa0" "break\xc2\xa0\xc2\xa0" "spaces here"),
      "no break spaces here", 17 },
    { "", S("1234567\xc2\xa0" "89"), "1234567 89", 9 },
    { "", S("copyright \xc2\xa9 sign, then \xc2"),
      "copyright \xc2\xa9 sign, then \xc2", 21 },
    { "", S("vertical\vand\fform feed"), "vertical and form feed", 19 },
    { "", S(""), "", 0 },
    { NULL, NULL, 0, NULL, 0 },
};

/* The rule written out byte by byte, to compare with on random text. */
static size_t
collapse_slowly(struct dtl_buf *out, const unsigned char *s, size_t n)
{
    size_t i, solid = 0;
    int space = out->len == 0 || out->p[out->len - 1] == ' ' ||
                out->p[out->len - 1] == '\n';

    for (i = 0; i < n; i++) {
        int sp = s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r') ||
                 (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0);
        if (!sp) {
            dtl_buf_addc(out, (char)s[i]);
            solid++;
        } else if (!space) {
            dtl_buf_addc(out, ' ');
        }
        if (sp && s[i] == 0xC2)
            i++;
        space = sp;
    }
    return solid;
}

static void
test_collapse(void)
{
    /* Mostly letters and single spaces, so that many eight-byte steps
     * are plain words, and every byte that ends one. */
    static const unsigned char alphabet[] =
        "  \t\n\r\vabcdefghijklm.,\xc2\xa0\xa9\x80";
    const struct collapse_row *r;
    unsigned char in[64];
    unsigned seed = 1;
    size_t i, k, n;
    int same = 1;

    for (r = collapse_rows; r->in; r++) {
        struct dtl_buf b = DTL_BUF_INIT;
        size_t solid;

        dtl_buf_adds(&b, r->before);
        solid = dtl_dom_add_collapsed(&b, r->in, r->n);
        tap_is_str(dtl_buf_cstr(&b), r->want, "collapse: text");
        tap_is_int((long long)solid, (long long)r->solid,
                   "collapse: non-space bytes");
        dtl_buf_release(&b);
    }
    for (i = 0; i < 20000 && same; i++) {
        struct dtl_buf fast = DTL_BUF_INIT, slow = DTL_BUF_INIT;

        seed = seed * 1103515245u + 12345u;
        n = (seed >> 16) % sizeof(in);
        for (k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            in[k] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        if (i % 3 == 1)
            dtl_buf_adds(&fast, "x");
        else if (i % 3 == 2)
            dtl_buf_adds(&fast, "x ");
        dtl_buf_adds(&slow, dtl_buf_cstr(&fast));
        same = dtl_dom_add_collapsed(&fast, (const char *)in, n) ==
                   collapse_slowly(&slow, in, n) &&
               fast.len == slow.len &&
               memcmp(dtl_buf_cstr(&fast), dtl_buf_cstr(&slow), fast.len) == 0;
        dtl_buf_release(&fast);
        dtl_buf_release(&slow);
    }
    tap_ok(same, "collapse: as the byte-by-byte rule on random text (%zu)",
           i);
}

/* dtl_dom_stats() counts a text's non-space bytes and commas eight bytes
 * at a time: compare with counting them one by one. */
static void
test_stats_counts(void)
{
    static const char *const texts[] = {
        "", "a", "a, b", "  \t\n\v\f  ", "one, two,three , four,  five",
        "\xc2\xa0no-break\xc2\xa0spaces, and \xe2\x80\x9cquotes\xe2\x80\x9d",
        "0123456,\n89abcde, ghijklm\rnopq,,,,,,,,,,,,,,,,rst", NULL};
    size_t i;

    for (i = 0; texts[i]; i++) {
        struct dtl_buf page = DTL_BUF_INIT;
        struct dtl_dom_stats st = {NULL, 0, 0};
        const struct dtl_nstat *ns;
        const unsigned char *c;
        uint32_t text = 0, commas = 0;
        xmlDoc *doc;
        xmlNode *p;

        dtl_buf_addf(&page, "<p>%s</p>", texts[i]);
        doc = htmlReadMemory(page.p, (int)page.len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING);
        p = dtl_dom_find(xmlDocGetRootElement(doc), DTL_T_P);
        for (c = p && p->children ? p->children->content : NULL; c && *c;
             c++) {
            text += !(*c == ' ' || (*c >= '\t' && *c <= '\r'));
            commas += *c == ',';
        }
        tap_is_int(dtl_dom_stats(&st, xmlDocGetRootElement(doc)), DTL_OK,
                   "stats: status");
        ns = dtl_dom_stat(&st, p);
        tap_ok(ns && ns->text == text && ns->commas == commas,
               "stats: %u non-space bytes and %u commas in \"%s\"", text,
               commas, texts[i]);
        dtl_dom_stats_release(&st);
        xmlFreeDoc(doc);
        dtl_buf_release(&page);
    }
}

/* ---- metadata ---------------------------------------------------------- */

struct meta_row {
    const char *html;
    const char *url;             /* opts url or NULL */
    enum dtl_page_field f;       /* field to check, or DTL_PAGE_N_FIELDS */
    const char *want;            /* its value */
    const char *published;       /* ISO time or NULL (not checked) */
};

static const struct meta_row meta_rows[] = {
    { "<title>Ferry sails again | The Ledger</title>"
      "<meta property=og:site_name content=\"The Ledger\">"
      "<h1>Ferry sails <em>again</em></h1>",
      NULL, DTL_PAGE_TITLE, "Ferry sails again", NULL },
    /* og:title beats <h1>; its site suffix goes. */
    { "<meta property=\"og:title\" content=\"Harbour reopens - The Ledger\">"
      "<meta property=og:site_name content=\"The Ledger\">"
      "<h1>Harbour reopens after storm</h1>",
      NULL, DTL_PAGE_TITLE, "Harbour reopens", NULL },
    { "<title>Only a document title \xe2\x80\x93 Site</title>", NULL,
      DTL_PAGE_TITLE, "Only a document title", NULL },
    /* A long tail is part of the title, not a site name. */
    { "<title>Vote: what the council decided tonight and why</title>", NULL,
      DTL_PAGE_TITLE, "Vote: what the council decided tonight and why",
      NULL },
    { "<html lang=de-AT><p>Text</p>", NULL, DTL_PAGE_LANGUAGE, "de-AT",
      NULL },
    { "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
      "\"inLanguage\":\"pl\"}</script>", NULL, DTL_PAGE_LANGUAGE, "pl",
      NULL },
    { "<meta property=og:locale content=en_GB>", NULL, DTL_PAGE_LANGUAGE,
      "en-GB", NULL },
    { "<link rel=canonical href=\"https://a.example/x\">", NULL,
      DTL_PAGE_CANONICAL, "https://a.example/x", NULL },
    { "<link rel=canonical href=\"https://a.example/x\">",
      "https://b.example/y", DTL_PAGE_URL, "https://b.example/y", NULL },
    { "<meta name=author content=\"Ann Reporter\">", NULL, DTL_PAGE_AUTHOR,
      "Ann Reporter", NULL },
    { "<script type=\"application/ld+json\">{\"@type\":\"Article\","
      "\"author\":[{\"name\":\"A\"},\"B\"],\"publisher\":{\"name\":"
      "\"Pub\"}}</script>", NULL, DTL_PAGE_AUTHOR, "A, B", NULL },
    { "<script type=\"application/ld+json\">{\"@type\":\"Article\","
      "\"publisher\":{\"name\":\"Pub\"}}</script>", NULL, DTL_PAGE_SITE,
      "Pub", NULL },
    /* Times: JSON-LD, then meta, then <time>, then the URL. */
    { "<meta property=article:published_time content="
      "\"2025-12-02T09:46:00+01:00\"><script type=application/ld+json>"
      "{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-12-01T10:00Z\"}"
      "</script>", NULL, DTL_PAGE_N_FIELDS, NULL, "2025-12-01T10:00:00Z" },
    { "<meta property=article:published_time content="
      "\"2025-12-02T09:46:00.250+01:00\">", NULL, DTL_PAGE_N_FIELDS, NULL,
      "2025-12-02T08:46:00Z" },
    { "<p>x <time datetime=\"2024-02-29\">Thursday</time></p>", NULL,
      DTL_PAGE_N_FIELDS, NULL, "2024-02-29T00:00:00Z" },
    { "<p>no date here</p>", "https://a.example/news/2023/10/30/vote",
      DTL_PAGE_N_FIELDS, NULL, "2023-10-30T00:00:00Z" },
    { "<p>no date at all</p>", "https://a.example/news/vote",
      DTL_PAGE_N_FIELDS, NULL, "-" },
    { NULL, NULL, DTL_PAGE_N_FIELDS, NULL, NULL },
};

static void
test_meta(void)
{
    const struct meta_row *r;
    char buf[40];

    for (r = meta_rows; r->html; r++) {
        struct dtl_html_opts o = {r->url, NULL, DTL_TS_NONE};
        dtl_page *pg = NULL;
        const char *v;
        size_t len;

        tap_is_int(dtl_html_read(r->html, strlen(r->html), &o, &pg, NULL),
                   DTL_OK, "meta: html_read");
        if (!pg)
            continue;
        if (r->want) {
            v = dtl_page_field(pg, r->f, &len);
            tap_is_mem(v, len, r->want, "meta: field");
        }
        if (r->published)
            tap_is_str(dtl_time_format_iso(dtl_page_published(pg), buf,
                                           sizeof(buf)),
                       r->published, "meta: published");
        dtl_page_free(pg);
    }
}

/* ---- JSON-LD ----------------------------------------------------------- */

struct ld_row {
    const char *json;
    dtl_status rc;
    size_t n_upd;
    const char *first_headline;  /* or NULL */
    const char *first_body;      /* or NULL */
    const char *first_time;      /* or NULL */
};

static const struct ld_row ld_rows[] = {
    /* One update as an object, not an array. */
    { "{\"@type\":\"LiveBlogPosting\",\"liveBlogUpdate\":{\"headline\":"
      "\"Only\",\"datePublished\":\"2025-12-02T04:46:00-05:00\"}}",
      DTL_OK, 1, "Only", NULL, "2025-12-02T09:46:00Z" },
    /* Trailing commas, @type as an array, inside @graph. */
    { "{\"@graph\":[{\"@type\":[\"NewsArticle\",\"LiveBlogPosting\"],"
      "\"liveBlogUpdate\":[{\"headline\":\"A\",},{\"headline\":\"B\"},],},]}",
      DTL_OK, 2, "A", NULL, NULL },
    /* Raw line breaks and tabs inside strings, a \' escape. */
    { "{\"@type\":\"LiveBlogPosting\",\"liveBlogUpdate\":[{\"headline\":"
      "\"Line\nbreak\",\"articleBody\":\"It\\'s\there\"}]}",
      DTL_OK, 1, "Line\nbreak", "It's here", NULL },
    /* Missing closing brackets at the end. */
    { "{\"@type\":\"LiveBlogPosting\",\"liveBlogUpdate\":[{\"headline\":"
      "\"Cut\"", DTL_OK, 1, "Cut", NULL, NULL },
    /* HTML inside articleBody: tags go, entities are decoded. */
    { "{\"@type\":\"LiveBlogPosting\",\"liveBlogUpdate\":[{\"articleBody\":"
      "\"<p>One &amp; <a href=\\\"/x\\\">two</a></p><p>three</p>\"}]}",
      DTL_OK, 1, "", "One & two\nthree", NULL },
    /* Wrapped in an HTML comment, type in lower case, top-level array. */
    { "<!-- [{\"@type\":\"WebSite\"},{\"@type\":\"liveblogposting\","
      "\"liveBlogUpdate\":[{\"headline\":\"X\"}]}] -->",
      DTL_OK, 1, "X", NULL, NULL },
    /* liveBlogUpdate absent until the event starts. */
    { "{\"@type\":\"LiveBlogPosting\",\"headline\":\"Soon\"}", DTL_OK, 0,
      NULL, NULL, NULL },
    /* Not a live blog at all. */
    { "{\"@type\":\"NewsArticle\",\"headline\":\"Plain\"}", DTL_OK, 0,
      NULL, NULL, NULL },
    { "this is not json", DTL_ESYNTAX, 0, NULL, NULL, NULL },
    { "", DTL_ESYNTAX, 0, NULL, NULL, NULL },
    { NULL, DTL_OK, 0, NULL, NULL, NULL },
};

static void
test_jsonld(void)
{
    const struct ld_row *r;
    char buf[40];

    for (r = ld_rows; r->json; r++) {
        struct dtl_jsonld j;

        dtl_jsonld_init(&j);
        tap_is_int(dtl_jsonld_add(&j, r->json, strlen(r->json)), r->rc,
                   "jsonld: status");
        tap_is_int((long long)j.n_upd, (long long)r->n_upd,
                   "jsonld: updates");
        if (j.n_upd > 0 && r->first_headline)
            tap_is_str(j.upd[0].headline, r->first_headline,
                       "jsonld: headline");
        if (j.n_upd > 0 && r->first_body)
            tap_is_str(j.upd[0].body, r->first_body, "jsonld: body");
        if (j.n_upd > 0 && r->first_time)
            tap_is_str(dtl_time_format_iso(j.upd[0].ts, buf, sizeof(buf)),
                       r->first_time, "jsonld: time");
        dtl_jsonld_release(&j);
    }
}

/* ---- extraction -------------------------------------------------------- */

struct extract_row {
    const char *html;
    const char *must[4];       /* in the text */
    const char *must_not[4];   /* not in the text */
};

static const struct extract_row extract_rows[] = {
    /* Hashed CSS-module names are matched on their stem. */
    { "<div class=\"Nav_menu__a1B2c\"><a href=/>Home</a> <a href=/x>World"
      "</a></div><div class=\"PostContent_articleBody__FR8Mb\"><p>The first"
      " paragraph of the story, long enough to count as the article body "
      "and then some more words.</p><p>The second paragraph follows with "
      "further detail about the harbour and the storm that hit it.</p>"
      "</div><div class=\"Share_bar__x9Y8z\"><p>Share this story with "
      "friends on every network you use today</p></div>",
      { "The first paragraph", "The second paragraph", NULL },
      { "Home", "Share this", NULL } },
    /* A boilerplate heading drops its section. */
    { "<article><p>Body text of the article that is long enough to be "
      "chosen as the content of this page, with commas, and detail.</p>"
      "<p>More body text, because articles have more than one paragraph "
      "and this one does too.</p><h2>Recommended For You</h2><p>A teaser "
      "for another story</p><h2>Background</h2><p>Background paragraph "
      "that belongs to the article.</p></article>",
      { "Body text", "Background paragraph", NULL },
      { "Recommended", "A teaser", NULL } },
    /* Cookie banners, comments and footers go; lists and quotes stay. */
    { "<div class=cookie-consent><p>We use cookies on this site to give "
      "you the best experience possible.</p></div><main><p>The council "
      "met on Monday, and agreed, after a long debate, to rebuild the "
      "harbour wall.</p><blockquote>We waited long enough.</blockquote>"
      "<ul><li>Footpath closed until June</li></ul><p>Work starts in "
      "March, said the council, and will take a year.</p></main>"
      "<div id=comments><p>First comment here, rather long to look like "
      "real content, with commas, and more.</p></div><footer>Contact us"
      "</footer>",
      { "We waited long enough.", "Footpath closed until June",
        "Work starts in March", NULL },
      { "cookies", "First comment", "Contact us", NULL } },
    /* Hidden elements and screen-reader text go. */
    { "<article><p>Visible paragraph of the article with enough words in "
      "it to be the article, really.</p><p style=\"display: none\">Hidden"
      " words</p><span class=sr-only>Screen reader words</span><p>Another "
      "visible paragraph with more words about the story.</p></article>",
      { "Visible paragraph", NULL }, { "Hidden words", "Screen reader", NULL } },
    { NULL, { NULL }, { NULL } },
};

static void
test_extract(void)
{
    const struct extract_row *r;
    size_t i;

    for (r = extract_rows; r->html; r++) {
        char *text = NULL;

        tap_is_int(dtl_html_text(r->html, strlen(r->html), NULL, &text,
                                 NULL, NULL),
                   DTL_OK, "extract: html_text");
        for (i = 0; r->must[i]; i++)
            tap_ok(text && strstr(text, r->must[i]) != NULL,
                   "extract: has \"%s\"", r->must[i]);
        for (i = 0; r->must_not[i]; i++)
            tap_ok(text && strstr(text, r->must_not[i]) == NULL,
                   "extract: lacks \"%s\"", r->must_not[i]);
        dtl_html_text_free(text);
    }
}

/* ---- live blogs (fixtures) ---------------------------------------------- */

struct blog_row {
    const char *file;          /* in tests/data/html/ */
    size_t entries;
    const char *first_time;    /* entry 0 */
    const char *first_headline;
    const char *first_url;     /* or NULL */
    const char *last_time;     /* last entry */
};

static const struct blog_row blog_rows[] = {
    /* JSON-LD with the latest two updates, merged with three in the DOM. */
    { "liveblog-jsonld.html", 3, "2025-10-21T10:02:00Z",
      "Harbour closed to all traffic",
      "https://ledger.example/live/2025/10/21/storm-hesketh#block-3",
      "2025-10-21T07:10:00Z" },
    { "liveblog-microdata.html", 3, "2013-09-18T14:27:12Z",
      "Chancellor sits down", NULL, "2013-09-18T13:31:00Z" },
    /* Visible "12:09 a.m. ET, October 30, 2023" stamps only. */
    { "liveblog-dom-stamps.html", 3, "2023-10-30T04:09:00Z",
      "Vote passes after midnight",
      "https://metro.example/live-news/council-vote-10-30-23#post-clo0c",
      "2023-10-30T01:05:00Z" },
    /* data-post-time in epoch milliseconds. */
    { "liveblog-epoch-ms.html", 3, "2020-10-06T20:22:53Z",
      "Pubs to close indoor service", NULL, "2020-10-06T17:00:00Z" },
    /* "02.10 BST" time-only stamps crossing midnight, newest first. */
    { "liveblog-time-only.html", 3, "2024-07-05T01:10:00Z",
      "First seat declared", NULL, "2024-07-04T21:00:00Z" },
    /* An article stays one entry. */
    { "article-boilerplate.html", 1, "2025-11-28T07:15:00Z",
      "Harbour wall repairs to start in spring",
      "https://ledger.example/news/2025/11/28/harbour-wall-repairs",
      "2025-11-28T07:15:00Z" },
    { NULL, 0, NULL, NULL, NULL, NULL },
};

static char *
slurp(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    char *buf = NULL;
    long size;
    FILE *f;

    snprintf(path, sizeof(path), "%s/tests/data/html/%s", top ? top : ".",
             name);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) &&
        fread(buf, 1, (size_t)size, f) == (size_t)size) {
        *len = (size_t)size;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static void
test_blogs(void)
{
    const struct blog_row *r;
    char buf[40];

    for (r = blog_rows; r->file; r++) {
        const struct dtl_entry *e;
        dtl_page *pg = NULL;
        size_t len = 0, n;
        char *html = slurp(r->file, &len);

        if (!tap_ok(html != NULL, "blog: read %s", r->file))
            continue;
        tap_is_int(dtl_html_read(html, len, NULL, &pg, NULL), DTL_OK,
                   "blog: html_read");
        n = pg ? dtl_page_entry_count(pg) : 0;
        tap_is_int((long long)n, (long long)r->entries, r->file);
        if (n > 0) {
            e = dtl_page_entry(pg, 0);
            tap_is_str(dtl_time_format_iso(e->ts, buf, sizeof(buf)),
                       r->first_time, "blog: first time");
            tap_is_mem(e->headline, e->headline_len, r->first_headline,
                       "blog: first headline");
            if (r->first_url)
                tap_is_mem(e->url, e->url_len, r->first_url,
                           "blog: first url");
            tap_ok(e->body_len > 0 && memchr(e->body, '\n', e->body_len) !=
                                          e->body,
                   "blog: first body");
            e = dtl_page_entry(pg, n - 1);
            tap_is_str(dtl_time_format_iso(e->ts, buf, sizeof(buf)),
                       r->last_time, "blog: last time");
        }
        dtl_page_free(pg);
        free(html);
    }
}

/* ---- limits, nesting, hostile input, out of memory ---------------------- */

static void
test_limits(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_page *pg = (dtl_page *)&err;
    char *text = (char *)&err;
    char small[1] = "<";

    /* A 200 MB page is refused before a byte of it is read. */
    tap_is_int(dtl_html_read(small, (size_t)200 << 20, NULL, &pg, &err),
               DTL_ELIMIT, "limits: 200 MB refused");
    tap_ok(pg == NULL, "limits: out NULL on error");
    tap_ok(strstr(err.msg, "32 MiB") != NULL, "limits: message (%s)",
           err.msg);
    tap_is_int(dtl_html_text(small, DTL_HTML_MAX_BYTES + 1, NULL, &text,
                             NULL, NULL),
               DTL_ELIMIT, "limits: text refused too");
    tap_ok(text == NULL, "limits: text NULL on error");
    tap_is_int(dtl_html_read(NULL, 5, NULL, &pg, NULL), DTL_EINVAL,
               "limits: NULL bytes");
    tap_is_int(dtl_html_read("x", 1, NULL, NULL, NULL), DTL_EINVAL,
               "limits: NULL out");
    tap_is_int(dtl_html_read("", 0, NULL, &pg, NULL), DTL_OK,
               "limits: empty page");
    tap_is_int((long long)dtl_page_entry_count(pg), 0,
               "limits: empty page has no entries");
    dtl_page_free(pg);
}

static void
test_nesting(void)
{
    struct dtl_buf b = DTL_BUF_INIT;
    dtl_page *pg = NULL;
    char *text = NULL;
    size_t i;

    /* 100,000 nested elements: no walk may recurse. */
    for (i = 0; i < 100000; i++)
        dtl_buf_adds(&b, i % 2 ? "<div>" : "<span>");
    dtl_buf_adds(&b, "deep inside the nest of elements");
    tap_is_int(dtl_buf_status(&b), DTL_OK, "nesting: built");
    tap_is_int(dtl_html_read(b.p, b.len, NULL, &pg, NULL), DTL_OK,
               "nesting: html_read");
    dtl_page_free(pg);
    tap_is_int(dtl_html_text(b.p, b.len, NULL, &text, NULL, NULL), DTL_OK,
               "nesting: html_text");
    dtl_html_text_free(text);
    dtl_buf_truncate(&b, 0);
    /* Unclosed everything, stray bytes, comments and CDATA. */
    dtl_buf_adds(&b, "<html><body><p>a<table><td><li><b><i></p></b>x"
                     "<!-- <p>never --><![CDATA[ y ]]><script>var a='</p>"
                     "'</script>\xff\xfe<p <p <<>>&#0;&#xD800;&bogus;z");
    tap_is_int(dtl_html_read(b.p, b.len, NULL, &pg, NULL), DTL_OK,
               "hostile: html_read");
    dtl_page_free(pg);
    dtl_buf_release(&b);
}

static void
test_oom(void)
{
    size_t len = 0;
    char *html = slurp("liveblog-jsonld.html", &len);
    dtl_page *pg;
    dtl_status rc = DTL_ENOMEM;
    long n;

    if (!tap_ok(html != NULL, "oom: fixture"))
        return;
    for (n = 0; n < 5000 && rc == DTL_ENOMEM; n++) {
        pg = NULL;
        dtl_alloc_fail_after(n);
        rc = dtl_html_read(html, len, NULL, &pg, NULL);
        dtl_alloc_fail_after(-1);
        if (rc != DTL_OK && (rc != DTL_ENOMEM || pg != NULL)) {
            tap_ok(0, "oom: allocation %ld gave %d", n, (int)rc);
            break;
        }
        dtl_page_free(pg);
    }
    tap_is_int(rc, DTL_OK, "oom: succeeds once allocations do");
    tap_ok(n > 1, "oom: %ld failing allocations tried", n - 1);
    free(html);
}

int
main(void)
{
    test_charset();
    test_charset_view();
    test_collapse();
    test_stats_counts();
    test_meta();
    test_jsonld();
    test_extract();
    test_blogs();
    test_limits();
    test_nesting();
    test_oom();
    return tap_done();
}
