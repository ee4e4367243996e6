/* Dateline: the line rules of main-content extraction.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What boilerplate looks like as a line of text, whatever element held
 * it: section headings that open a list of other stories ("Related
 * articles", "Das könnte Sie auch interessieren"), short lines that are
 * furniture ("Advertisement", "Read more", "© 2025 ..."), the tail of
 * bylines, dates and credits after the last paragraph, and the calls to
 * action that end articles.  src/extract.c applies them to the blocks it
 * emits and to the text it returns.  Pure functions over caller-owned
 * bytes; no allocation.
 */
#include <config.h>
#include "extline.h"

#include <string.h>

#include "banned.h"

/* Headings that open a boilerplate section (lower case; a trailing ':'
 * and white space are ignored).  A '*' at the end matches a prefix. */
static const char *const kill_headings[] = {
    "related*", "recommended*", "trending*", "top stories", "most popular*",
    "most read*", "most viewed*", "most shared*", "popular", "read more*",
    "popular posts*", "popular stories*", "popular articles*",
    "read next*", "more from*", "more stories*", "more on this*",
    "more news*", "you may also like*", "you might also like*",
    "you may like*", "also read*", "see also*", "newsletter*", "sign up*",
    "subscribe*", "comments*", "leave a comment*", "leave a reply*",
    "share this*", "share", "follow us*", "tags", "topics", "advertisement",
    "latest news*", "latest stories*", "editor's picks*", "editors' picks*",
    "don't miss*", "other stories*", "in other news*", "explore more*",
    "what to read next*", "around the web*", "from the web*", "sponsored*",
    "promoted*", "more in*", "more like this*", "keep reading*",
    "mehr zum thema*", "weitere artikel*", "das könnte sie auch*",
    "kommentare*", "auch interessant*", "lesen sie auch*", "empfehlungen*",
    "meistgelesen*", "themen", "zobacz też*", "czytaj też*", "komentarze*",
    "polecane*", "najnowsze*", "zobacz także*", "czytaj także*",
    "podobne*", "ähnliche artikel*", "verwandte artikel*",
    "artículos relacionados*", "articles similaires*", "à lire aussi*",
    "lire aussi*", "leggi anche*", "schon gelesen*", "weiterführende*",
    "neueste*", "das thema könnte*", "noch mehr*", "mehr zu*",
    "das könnte*", "ähnliche*", "verwandte*", "schlagworte*",
    "contenido relacionado*", "noticias relacionadas*",
    "te puede interesar*", "lee también*", "sur le même sujet*",
    "dans la même rubrique*", "czytaj więcej*", "przeczytaj też*",
    "nie przegap*", "also on*", "about the author*", "über den autor*",
    "über die autorin*", "post a comment*", "you might*", "you may*",
    "temas relacionados*", "etiquetas*", "zusatzinformationen*",
    "más noticias*", "otras noticias*", "lo más leído*", "najczęściej*",
    "weitere artikel*", NULL};

/* Short lines that are boilerplate wherever they stand (lower case). */
static const char *const boiler_lines[] = {
    "advertisement", "advertising", "anzeige", "werbung", "reklama",
    "publicité", "pubblicità", "publicidad", "read more", "read next",
    "continue reading", "click here", "share", "share this",
    "share this article",
    "share on facebook", "share on twitter", "tweet", "email", "print",
    "sign up", "subscribe", "follow us", "story continues below",
    "story continues below advertisement", "scroll to continue",
    "loading", "loading...", "skip to content", "back to top",
    "related", "related articles", "related stories", "recommended",
    "you may also like", "comments", "leave a comment", "image", "photo",
    "video", "listen", "close", "menu", "weiterlesen", "mehr lesen",
    "zum artikel", "teilen", "gefällt mir", "wird geladen",
    "wird geladen...", "gefällt mir wird geladen...", "rezept drucken",
    "permalink", "permalien", "drucken", "kommentare", "mehr",
    "mehr erfahren", "learn more", "see more", "show more", "view more",
    "load more", "more", "next", "previous", "zurück", "weiter", "top",
    "nach oben", "to top", "home", "startseite", NULL};

/* Beginnings that make a short line boilerplate: bylines of photos,
 * dates of the page, calls to follow or share, advertising labels. */
static const char *const boiler_starts[] = {
    "follow us", "follow the ", "aktualisiert am", "veröffentlicht am",
    "zuletzt aktualisiert", "last updated", "updated:", "published:",
    "anzeige", "*anzeige", "werbung", "*werbung", "bildquelle", "foto:",
    "photo:", "image:", "bild:", "credit:", "fuente:", "crédito",
    "valora esta", "temas relacionados", "etiquetas:", "tags:",
    "schlagwörter", "mehr zum thema", "lesen sie auch", "read also:",
    "see also:", "síguenos", "sigue leyendo", "czytaj też", "czytaj także",
    "zobacz też", "zobacz także", "więcej informacji", "titelbild:",
    "beitragsbild:", "bildnachweis", "fotos:", "crédits photo",
    "crédit photo", NULL};

/* Phrases that make a short line boilerplate wherever they appear. */
static const char *const boiler_phrases[] = {
    "all rights reserved", "\xc2\xa9", "copyright ", "cookie",
    "sign up for", "subscribe to", "newsletter", "follow us on",
    "share this", "alle rechte vorbehalten", "wszelkie prawa", NULL};

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Lower-case copy of p[0..n) into buf (truncated), trimmed of spaces,
 * ':' and '|' at the end: ASCII and the Latin-1 capitals U+00C0..U+00DE
 * ("Ähnliche Beiträge", "À lire aussi").  Returns the length. */
static size_t
lower_copy(const char *p, size_t n, char *buf, size_t size)
{
    size_t i, o = 0;
    unsigned char c;

    while (n > 0 && (*p == ' ' || *p == '\n'))
        p++, n--;
    for (i = 0; i < n && o + 1 < size; i++) {
        c = (unsigned char)p[i];
        if (i > 0 && (unsigned char)p[i - 1] == 0xC3 && c >= 0x80 &&
            c <= 0x9E && c != 0x97)
            c += 0x20;  /* U+00C0..U+00DE but U+00D7 (times) */
        buf[o++] = (char)lower(c);
    }
    while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == ':' ||
                     buf[o - 1] == '\n' || buf[o - 1] == '|'))
        o--;
    buf[o] = '\0';
    return o;
}

static int
in_list(const char *s, const char *const *list)
{
    size_t i, k;

    for (i = 0; list[i]; i++) {
        k = strlen(list[i]);
        if (k > 0 && list[i][k - 1] == '*') {
            if (strncmp(s, list[i], k - 1) == 0)
                return 1;
        } else if (strcmp(s, list[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

int
dtl_extline_is_boiler(const char *p, size_t n)
{
    char buf[128];
    size_t i;

    if (n > 120)
        return 0;
    lower_copy(p, n, buf, sizeof(buf));
    if (in_list(buf, boiler_lines))
        return 1;
    for (i = 0; boiler_phrases[i]; i++)
        if (strstr(buf, boiler_phrases[i]))
            return 1;
    for (i = 0; boiler_starts[i] && n < 100; i++)
        if (strncmp(buf, boiler_starts[i], strlen(boiler_starts[i])) == 0)
            return 1;
    return 0;
}

int
dtl_extline_is_heading(const char *p, size_t n)
{
    char low[96];

    lower_copy(p, n, low, sizeof(low));
    return in_list(low, kill_headings);
}

/* A tail of at most TAIL_LINES lines, each under TAIL_BYTES bytes and
 * not ending a sentence, after the text's last longer line: a byline, a
 * date, a photo credit, a "Contact:" label.  Longer runs of short lines
 * are lists (ingredients, lyrics) and stay. */
#define TAIL_LINES 3
#define TAIL_BYTES 30

/* Cut that tail from b, which holds lines each ending in '\n'.  A text
 * of short lines only is left alone. */
void
dtl_extline_trim_tail(struct dtl_buf *b)
{
    size_t end = b->len, start, keep = b->len, lines = 0;
    char c;

    while (end > 0) {
        while (end > 0 && b->p[end - 1] == '\n')
            end--;
        start = end;
        while (start > 0 && b->p[start - 1] != '\n')
            start--;
        c = end > start ? b->p[end - 1] : '.';
        if (end - start >= TAIL_BYTES || c == '.' || c == '!' || c == '?' ||
            c == '"')
            break;  /* the last line of the text proper */
        if (start == 0 || ++lines > TAIL_LINES)
            return; /* only short lines, or a list */
        keep = start;
        end = start;
    }
    dtl_buf_truncate(b, keep);
}

/* Phrases of the calls to action that end articles: subscribe, follow,
 * download the app, log in to comment, support us, cite this (lower
 * case, Latin-1 capitals folded). */
static const char *const cta_phrases[] = {
    "subscribe", "sign up", "download our", "apps for ios",
    "follow us", "follow the", "if you enjoyed", "support our work",
    "supporting our work", "click here", "abonnieren sie", "folgen sie uns",
    "suscr*", "s\xc3\xadguenos", "\xc3\xbanete", "para comentar",
    "nuestro canal",
    "kommentieren zu k\xc3\xb6nnen", "eingeloggt", "keine kommentare",
    "suggested citation", "explore further", "abonnez-vous",
    "inscrivez-vous", NULL};

/* 1 if c may be part of a word: an ASCII letter or digit, or a byte of
 * a multi-byte UTF-8 character. */
static int
is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* 1 if the words of phrase occur in s, starting and ending at word
 * boundaries (a phrase ending in '*' may end inside a word). */
static int
has_words(const char *s, const char *phrase)
{
    char pat[64];
    size_t pl = strlen(phrase);
    int prefix = pl > 0 && phrase[pl - 1] == '*';
    const char *p = s;

    if (prefix)
        pl--;
    if (pl == 0 || pl >= sizeof(pat))
        return 0;
    memcpy(pat, phrase, pl);
    pat[pl] = '\0';
    while ((p = strstr(p, pat)) != NULL) {
        if ((p == s || !is_word_byte((unsigned char)p[-1])) &&
            (prefix || !is_word_byte((unsigned char)p[pl])))
            return 1;
        p++;
    }
    return 0;
}

/* How many of the last lines are looked at, and how long one may be. */
#define CTA_LINES 3
#define CTA_BYTES 300

/* Remove the calls to action among the last CTA_LINES lines of b: each
 * line under CTA_BYTES bytes with one of cta_phrases in it (on word
 * boundaries: "subscribe" is not "subscriber"). */
void
dtl_extline_trim_cta(struct dtl_buf *b)
{
    size_t end = b->len, start, i;
    char low[CTA_BYTES + 1];
    int k;

    for (k = 0; k < CTA_LINES && end > 0; k++) {
        while (end > 0 && b->p[end - 1] == '\n')
            end--;
        start = end;
        while (start > 0 && b->p[start - 1] != '\n')
            start--;
        if (start == 0)
            break;
        if (end - start < CTA_BYTES) {
            lower_copy(b->p + start, end - start, low, sizeof(low));
            for (i = 0; cta_phrases[i]; i++)
                if (has_words(low, cta_phrases[i]))
                    break;
            if (cta_phrases[i]) {
                /* Remove the line and its '\n'. */
                size_t nl = end < b->len ? end + 1 : end;
                memmove(b->p + start, b->p + nl, b->len - nl);
                dtl_buf_truncate(b, b->len - (nl - start));
            }
        }
        end = start;
    }
}
