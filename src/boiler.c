/* Dateline: find the boilerplate tail of a plain-text page.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Called by src/textpage.c (dtl_boiler_cut) and by the unit tests
 * (dtl_boiler_classify).  Pure functions over caller-owned bytes; no
 * allocation, no state, thread-safe.
 *
 * The rules, in the order they are applied to one line:
 *
 * 1. Phrases.  The line is cut into segments, each matching one row of
 *    `rules` below (case-insensitively), with separators (white space,
 *    | - , : ; / > and the bullets and dashes converters leave) between
 *    them.  Segments may be glued without a space, as converters leave
 *    them ("Request Reprint & LicensingSubmit Correction"): a segment ends
 *    where a word ends or where a lower-case letter is followed by a
 *    capital.  A line made only of segments is DTL_BOILER_PHRASE; it
 *    "ends with a heading" when its last segment is a list heading
 *    ("...when you search.Recommended For You").
 * 2. Read times.  A line ending in "N min read" (also "mins read", "minute
 *    read", "min listen"...), possibly followed by more segments ("...2 min
 *    readRelated Podcasts"), is a linked headline: DTL_BOILER_LIST_ITEM.
 * 3. Shape.  A line of at most SHORT_MAX_BYTES bytes and SHORT_MAX_WORDS
 *    words that does not end in sentence punctuation is headline-like:
 *    DTL_BOILER_SHORT.  Anything else is DTL_BOILER_CONTENT.
 * 4. Glue.  For SHORT and CONTENT lines, the first place after a sentence
 *    end, a separator or a lower-to-upper case join from which the rest of
 *    the line is made of segments is reported as `glue`, so that "...peace
 *    closer.\"Request Reprint" can lose its tail and keep its sentence.
 *
 * dtl_boiler_cut() then walks the page backwards from its end:
 *  - PHRASE and LIST_ITEM lines are cut;
 *  - SHORT lines are held back, as a possible list; a list heading above
 *    them (a PHRASE line, list item or glued tail ending in a heading)
 *    cuts them when there are at least MIN_LIST_RUN of them, or when the
 *    tail is already established (something below was cut); a PHRASE line
 *    above them inside an established tail cuts them too;
 *  - a glued tail is cut when nothing is held back below it (or when it
 *    ends in a heading that may open the list below); the walk then goes
 *    on only if what is left of the line is headline-like or blank;
 *  - the walk stops at a CONTENT line, at a run of more than MAX_LIST_RUN
 *    short lines, at the caller's floor, or at short lines with nothing
 *    that vouches for them.
 * So a line ending in a full sentence is never cut unless it is made of
 * boilerplate phrases (only a glued tail after its last sentence may go),
 * and nothing above such a line is cut.
 *
 * Rule patterns (lower case; matched case-insensitively on ASCII):
 *   ' '  one or more spaces, tabs or no-break spaces
 *   '\'' an apostrophe, straight or curly (U+2019)
 *   '&'  "&" or "and"
 *   '#'  one or more ASCII digits
 *   '*'  one to STAR_MAX_WORDS words (at most STAR_MAX_BYTES bytes) without
 *        sentence punctuation: a site or list name ("Add * as a preferred
 *        source", "More From *")
 *   '$'  (last) the rest of the sentence: up to a sentence end followed by
 *        white space, or to any earlier sentence end or case join from
 *        which the line goes on with more segments, or to the line's end.
 */
#include <config.h>
#include "boiler.h"

#include <stdint.h>
#include <string.h>

#include "banned.h"

/* Only the last WINDOW bytes of a line are matched against the rules:
 * boilerplate is short, and this keeps a 10 MB line linear. */
#define WINDOW 1024
#define STAR_MAX_BYTES 60
#define STAR_MAX_WORDS 6
#define SHORT_MAX_BYTES 160
#define SHORT_MAX_WORDS 15
#define MIN_LIST_RUN 3
#define MAX_LIST_RUN 64

enum rule_kind {
    RULE_PHRASE,  /* reprint, licensing, sharing, newsletter, footer... */
    RULE_HEADING, /* a heading that opens a list of other headlines */
    RULE_READTIME /* "N min read": the suffix of a linked headline */
};

struct rule {
    const char *pat; /* pattern, see the file comment */
    enum rule_kind kind;
};

/* Sorted by strcmp() (unsigned bytes): the lookup bisects on the first
 * byte.  dtl_boiler_table_ok() checks the order. */
static const struct rule rules[] = {
    { "# min listen", RULE_READTIME },
    { "# min read", RULE_READTIME },
    { "# min watch", RULE_READTIME },
    { "# mins read", RULE_READTIME },
    { "# minute read", RULE_READTIME },
    { "# minutes read", RULE_READTIME },
    { "#min read", RULE_READTIME },
    { "(c) #$", RULE_PHRASE },
    { "about us", RULE_PHRASE },
    { "ad feedback", RULE_PHRASE },
    { "add * as a preferred source$", RULE_PHRASE },
    { "add * as your preferred source$", RULE_PHRASE },
    { "advertisement", RULE_PHRASE },
    { "all rights reserved$", RULE_PHRASE },
    { "around the web", RULE_HEADING },
    { "back to top", RULE_PHRASE },
    { "click here$", RULE_PHRASE },
    { "comment", RULE_PHRASE },
    { "comments", RULE_PHRASE },
    { "contact us", RULE_PHRASE },
    { "content licensing", RULE_PHRASE },
    { "continue reading", RULE_PHRASE },
    { "cookie policy", RULE_PHRASE },
    { "cookie settings", RULE_PHRASE },
    { "copy link", RULE_PHRASE },
    { "copyright #$", RULE_PHRASE },
    { "copyright \xC2\xA9$", RULE_PHRASE },
    { "corrections & clarifications", RULE_PHRASE },
    { "corrections policy", RULE_PHRASE },
    { "don't miss", RULE_HEADING },
    { "editor's choice", RULE_HEADING },
    { "editor's picks", RULE_HEADING },
    { "editorial guidelines", RULE_PHRASE },
    { "editorial policy", RULE_PHRASE },
    { "editorial standards", RULE_PHRASE },
    { "editors picks", RULE_HEADING },
    { "editors' picks", RULE_HEADING },
    { "email", RULE_PHRASE },
    { "explore more", RULE_HEADING },
    { "explore more on these topics", RULE_HEADING },
    { "follow * on google$", RULE_PHRASE },
    { "follow us$", RULE_PHRASE },
    { "from our partners", RULE_HEADING },
    { "further reading", RULE_HEADING },
    { "in case you missed it", RULE_HEADING },
    { "in other news", RULE_HEADING },
    { "join the conversation$", RULE_PHRASE },
    { "latest", RULE_HEADING },
    { "latest news", RULE_HEADING },
    { "latest stories", RULE_HEADING },
    { "leave a comment", RULE_PHRASE },
    { "licensing & reprints", RULE_PHRASE },
    { "link copied", RULE_PHRASE },
    { "listen to this article$", RULE_PHRASE },
    { "load more", RULE_PHRASE },
    { "log in", RULE_PHRASE },
    { "make * a preferred source$", RULE_PHRASE },
    { "make * your preferred source$", RULE_PHRASE },
    { "manage cookies", RULE_PHRASE },
    { "more from *", RULE_HEADING },
    { "more news", RULE_HEADING },
    { "more on this story", RULE_HEADING },
    { "more on this topic", RULE_HEADING },
    { "more stories", RULE_HEADING },
    { "more to explore", RULE_HEADING },
    { "more top stories", RULE_HEADING },
    { "more videos", RULE_HEADING },
    { "most popular", RULE_HEADING },
    { "most read", RULE_HEADING },
    { "most shared", RULE_HEADING },
    { "most viewed", RULE_HEADING },
    { "newsletter sign up", RULE_PHRASE },
    { "newsletter sign-up", RULE_PHRASE },
    { "newsletter signup", RULE_PHRASE },
    { "our editorial standards", RULE_PHRASE },
    { "our standards:$", RULE_PHRASE },
    { "partner content", RULE_HEADING },
    { "podcasts", RULE_HEADING },
    { "popular", RULE_HEADING },
    { "popular articles", RULE_HEADING },
    { "popular in *", RULE_HEADING },
    { "popular now", RULE_HEADING },
    { "popular stories", RULE_HEADING },
    { "print", RULE_PHRASE },
    { "privacy policy", RULE_PHRASE },
    { "read more", RULE_PHRASE },
    { "read more:$", RULE_PHRASE },
    { "read next", RULE_HEADING },
    { "read this next", RULE_HEADING },
    { "recommended", RULE_HEADING },
    { "recommended for you", RULE_HEADING },
    { "recommended reading", RULE_HEADING },
    { "recommended stories", RULE_HEADING },
    { "registered in england & wales$", RULE_PHRASE },
    { "registered office$", RULE_PHRASE },
    { "related", RULE_HEADING },
    { "related articles", RULE_HEADING },
    { "related content", RULE_HEADING },
    { "related coverage", RULE_HEADING },
    { "related links", RULE_HEADING },
    { "related news", RULE_HEADING },
    { "related podcasts", RULE_HEADING },
    { "related reading", RULE_HEADING },
    { "related stories", RULE_HEADING },
    { "related topics", RULE_HEADING },
    { "related videos", RULE_HEADING },
    { "report a correction", RULE_PHRASE },
    { "report a typo", RULE_PHRASE },
    { "report an error", RULE_PHRASE },
    { "reprint & licensing", RULE_PHRASE },
    { "reprint permissions", RULE_PHRASE },
    { "reprints & licensing", RULE_PHRASE },
    { "reprints & permissions", RULE_PHRASE },
    { "republish this article", RULE_PHRASE },
    { "request a reprint", RULE_PHRASE },
    { "request reprint", RULE_PHRASE },
    { "request reprint & licensing", RULE_PHRASE },
    { "see all", RULE_PHRASE },
    { "see more", RULE_PHRASE },
    { "share", RULE_PHRASE },
    { "share on facebook", RULE_PHRASE },
    { "share on linkedin", RULE_PHRASE },
    { "share on twitter", RULE_PHRASE },
    { "share on x", RULE_PHRASE },
    { "share this article", RULE_PHRASE },
    { "share this story", RULE_PHRASE },
    { "share via email", RULE_PHRASE },
    { "show comments", RULE_PHRASE },
    { "show more", RULE_PHRASE },
    { "sign in", RULE_PHRASE },
    { "sign up", RULE_PHRASE },
    { "sign up for $", RULE_PHRASE },
    { "sign up for * newsletter$", RULE_PHRASE },
    { "sign up for * newsletters$", RULE_PHRASE },
    { "sign up to $", RULE_PHRASE },
    { "skip advertisement", RULE_PHRASE },
    { "sponsored content", RULE_PHRASE },
    { "story continues below advertisement", RULE_PHRASE },
    { "submit a correction", RULE_PHRASE },
    { "submit correction", RULE_PHRASE },
    { "subscribe", RULE_PHRASE },
    { "subscribe now", RULE_PHRASE },
    { "subscribe to * newsletter$", RULE_PHRASE },
    { "suggest a correction", RULE_PHRASE },
    { "terms & conditions", RULE_PHRASE },
    { "terms of service", RULE_PHRASE },
    { "terms of use", RULE_PHRASE },
    { "this material may not be published$", RULE_PHRASE },
    { "top news", RULE_HEADING },
    { "top stories", RULE_HEADING },
    { "top videos", RULE_HEADING },
    { "trending", RULE_HEADING },
    { "trending news", RULE_HEADING },
    { "trending now", RULE_HEADING },
    { "trending stories", RULE_HEADING },
    { "up next", RULE_HEADING },
    { "view all", RULE_PHRASE },
    { "view comments", RULE_PHRASE },
    { "view editorial & ai guidelines", RULE_PHRASE },
    { "view editorial guidelines", RULE_PHRASE },
    { "watch next", RULE_HEADING },
    { "what to read next", RULE_HEADING },
    { "you may also like", RULE_HEADING },
    { "you may be interested in", RULE_HEADING },
    { "you might also like", RULE_HEADING },
    { "you might be interested in", RULE_HEADING },
    { "\xC2\xA9 #$", RULE_PHRASE },
    { "\xC2\xA9#$", RULE_PHRASE },
};

#define N_RULES (sizeof(rules) / sizeof(rules[0]))

/* One line being matched: positions are relative to s, the window. */
struct dp {
    const unsigned char *s;
    size_t len;
    unsigned char cons[WINDOW + 1];  /* rest from here is segments */
    unsigned char hd[WINDOW + 1];    /* ... and can end with a heading */
    unsigned char chain[WINDOW + 1]; /* a read-time chain starts at or
                                        after here and runs to the end */
};

/* One attempt of one rule at one position. */
struct walk {
    const struct dp *dp;
    int heading; /* the rule is a heading */
    int found;   /* some end of the rule leads to the line's end */
    int hd;      /* ... through a decomposition ending in a heading */
    int chained; /* some end leads to another read-time list item */
};

static int
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_alpha(unsigned char c)
{
    return is_lower(c) || is_upper(c);
}

static int
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static unsigned char
lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

static int
is_sentence_end(unsigned char c)
{
    return c == '.' || c == '!' || c == '?';
}

/* Bytes of the white space at s[i] (space, tab, U+00A0), or 0. */
static size_t
space_len(const unsigned char *s, size_t i, size_t len)
{
    if (i >= len)
        return 0;
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of the separator at s[i] (white space, ASCII separators, bullets
 * and dashes: U+2022, U+00B7, U+00BB, U+2013, U+2014), or 0. */
static size_t
sep_len(const unsigned char *s, size_t i, size_t len)
{
    size_t k = space_len(s, i, len);

    if (k)
        return k;
    if (i >= len)
        return 0;
    switch (s[i]) {
    case '|':
    case '-':
    case ',':
    case ':':
    case ';':
    case '/':
    case '>':
        return 1;
    default:
        break;
    }
    if (s[i] == 0xC2 && i + 1 < len && (s[i + 1] == 0xB7 || s[i + 1] == 0xBB))
        return 2;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
        (s[i + 2] == 0xA2 || s[i + 2] == 0x93 || s[i + 2] == 0x94))
        return 3;
    return 0;
}

static size_t
skip_sep(const unsigned char *s, size_t i, size_t len)
{
    size_t k;

    while ((k = sep_len(s, i, len)) != 0)
        i += k;
    return i;
}

/* Bytes of the closing quote or bracket at s[i] (" ' ) U+201D U+2019). */
static size_t
closer_len(const unsigned char *s, size_t i, size_t len)
{
    if (i >= len)
        return 0;
    if (s[i] == '"' || s[i] == '\'' || s[i] == ')')
        return 1;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x9D || s[i + 2] == 0x99))
        return 3;
    return 0;
}

/* Length of the closing quote or bracket ending at s[j - 1], or 0. */
static size_t
closer_before(const unsigned char *s, size_t j)
{
    if (j >= 1 && (s[j - 1] == '"' || s[j - 1] == '\'' || s[j - 1] == ')'))
        return 1;
    if (j >= 3 && s[j - 3] == 0xE2 && s[j - 2] == 0x80 &&
        (s[j - 1] == 0x9D || s[j - 1] == 0x99))
        return 3;
    return 0;
}

/* A rule matched s[start..e): does the line go on to its end from e? */
static void
finish(struct walk *w, size_t e)
{
    const struct dp *d = w->dp;
    const unsigned char *s = d->s;
    size_t e2;

    /* A segment ends at a word's end or at a lower-to-capital join. */
    if (e < d->len && e > 0 && is_alpha(s[e - 1]) && is_lower(s[e]))
        return;
    if (e < d->len && e > 0 && is_digit(s[e - 1]) && is_digit(s[e]))
        return;
    e2 = skip_sep(s, e, d->len);
    if (e2 == d->len) {
        w->found = 1;
        w->hd |= w->heading;
    } else if (d->cons[e2]) {
        w->found = 1;
        w->hd |= d->hd[e2];
    } else if (d->chain[e2]) {
        w->chained = 1;
    }
}

static void match(const unsigned char *pat, size_t i, struct walk *w);

/* '*': one to STAR_MAX_WORDS words, then the rest of the pattern. */
static void
match_star(const unsigned char *pat, size_t i, struct walk *w)
{
    const unsigned char *s = w->dp->s;
    size_t len = w->dp->len, j = i, words = 1;

    if (i >= len || space_len(s, i, len))
        return;
    while (j < len && j - i < STAR_MAX_BYTES) {
        unsigned char c = s[j];

        if (is_sentence_end(c))
            return;
        if (c == ' ' && ++words > STAR_MAX_WORDS)
            return;
        j++;
        if (c != ' ')
            match(pat, j, w);
    }
}

/* '$': the rest of the sentence (see the file comment). */
static void
match_rest(size_t i, struct walk *w)
{
    const unsigned char *s = w->dp->s;
    size_t len = w->dp->len, j, e, k;

    finish(w, i);
    for (j = i; j < len; j++) {
        if (j > i && is_lower(s[j - 1]) && is_upper(s[j]))
            finish(w, j);
        if (!is_sentence_end(s[j]))
            continue;
        e = j + 1;
        while ((k = closer_len(s, e, len)) != 0)
            e += k;
        finish(w, e);
        if (space_len(s, e, len))
            return;
    }
    finish(w, len);
}

/* Match pat at s[i]; every way it can end is handed to finish(). */
static void
match(const unsigned char *pat, size_t i, struct walk *w)
{
    const unsigned char *s = w->dp->s;
    size_t len = w->dp->len, k;

    for (; *pat; pat++) {
        switch (*pat) {
        case ' ':
            if (!(k = space_len(s, i, len)))
                return;
            while (k) {
                i += k;
                k = space_len(s, i, len);
            }
            break;
        case '\'':
            if (i < len && s[i] == '\'')
                i++;
            else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                     s[i + 2] == 0x99)
                i += 3;
            else
                return;
            break;
        case '&':
            if (i < len && s[i] == '&')
                i++;
            else if (i + 2 < len && lower(s[i]) == 'a' &&
                     lower(s[i + 1]) == 'n' && lower(s[i + 2]) == 'd')
                i += 3;
            else
                return;
            break;
        case '#':
            if (i >= len || !is_digit(s[i]))
                return;
            while (i < len && is_digit(s[i]))
                i++;
            break;
        case '*':
            match_star(pat + 1, i, w);
            return;
        case '$':
            match_rest(i, w);
            return;
        default:
            if (i >= len || lower(s[i]) != *pat)
                return;
            i++;
            break;
        }
    }
    finish(w, i);
}

/* Longest first word of a rule; a longer word in the text matches none. */
#define WORD_MAX 24

/* Compare pattern pat with the word w[0..wl) as strcmp() would compare
 * pat with the word's string, except that pat starting with the whole
 * word compares equal. */
static int
cmp_word(const char *pat, const unsigned char *w, size_t wl)
{
    size_t k;

    for (k = 0; k < wl; k++) {
        unsigned char pc = (unsigned char)pat[k];

        if (pc != w[k])
            return pc < w[k] ? -1 : 1;
    }
    return 0;
}

/* Index of the first rule whose pattern is not below w[0..wl). */
static size_t
first_rule(const unsigned char *w, size_t wl)
{
    size_t lo = 0, hi = N_RULES;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_word(rules[mid].pat, w, wl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * Try at pos the rules that can match there; *readtime is set if a
 * read-time rule matched and leads to the end or to another list item.  A
 * pattern that starts with a letter must start with the text's first word
 * (its letters, lower-cased, up to a non-letter or a lower-to-capital
 * join) followed by a non-letter; the table's order keeps those rules
 * together.  Other patterns are looked up by their first byte (digits by
 * '#').
 */
static void
try_rules(struct dp *d, size_t pos, struct walk *w, int *readtime)
{
    const unsigned char *s = d->s;
    unsigned char word[WORD_MAX];
    size_t r, wl = 0;

    if (is_alpha(s[pos])) {
        while (pos + wl < d->len && is_alpha(s[pos + wl])) {
            if (wl == WORD_MAX)
                return;
            if (wl > 0 && is_lower(s[pos + wl - 1]) && is_upper(s[pos + wl]))
                break;
            word[wl] = lower(s[pos + wl]);
            wl++;
        }
    } else {
        word[0] = is_digit(s[pos]) ? '#' : s[pos];
        wl = 1;
    }
    for (r = first_rule(word, wl);
         r < N_RULES && cmp_word(rules[r].pat, word, wl) == 0; r++) {
        struct walk one = *w;

        if (is_alpha(word[0]) && is_lower((unsigned char)rules[r].pat[wl]))
            break; /* the rest of this word's rules are longer words */
        one.heading = rules[r].kind == RULE_HEADING;
        one.found = one.hd = one.chained = 0;
        match((const unsigned char *)rules[r].pat, pos, &one);
        if (one.found) {
            w->found = 1;
            w->hd |= one.hd;
        }
        if (rules[r].kind == RULE_READTIME && (one.found || one.chained))
            *readtime = 1;
    }
}

/* Fill the tables right to left: each position only looks further on.
 * Segments start neither inside a word nor on a separator. */
static void
dp_fill(struct dp *d)
{
    const unsigned char *s = d->s;
    size_t pos = d->len;

    d->cons[pos] = d->hd[pos] = d->chain[pos] = 0;
    while (pos-- > 0) {
        struct walk w = { d, 0, 0, 0, 0 };
        int digits = is_digit(s[pos]) && !(pos > 0 && is_digit(s[pos - 1]));
        int readtime = 0;

        d->cons[pos] = d->hd[pos] = 0;
        d->chain[pos] = d->chain[pos + 1];
        if (pos > 0 && is_alpha(s[pos - 1]) && is_lower(s[pos]))
            continue;
        if ((is_digit(s[pos]) && !digits) || sep_len(s, pos, d->len))
            continue;
        try_rules(d, pos, &w, &readtime);
        d->cons[pos] = (unsigned char)w.found;
        d->hd[pos] = (unsigned char)w.hd;
        if (readtime && digits)
            d->chain[pos] = 1;
    }
}

/* 1 if glued boilerplate may start at line[j] (0 < j < n): after a
 * sentence end (and closing quotes), after a separator other than a comma,
 * or where a lower-case letter or digit runs into a capital. */
static int
glue_point(const unsigned char *line, size_t j, size_t n)
{
    size_t k = j, q;

    if (sep_len(line, j, n))
        return 0;
    if ((is_lower(line[j - 1]) || is_digit(line[j - 1])) && is_upper(line[j]))
        return 1;
    while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t'))
        k--;
    if (k == 0)
        return 0;
    if (line[k - 1] != ',' && sep_len(line, k - 1, n) == 1)
        return 1;
    if ((k >= 2 && line[k - 2] == 0xC2 &&
         (line[k - 1] == 0xB7 || line[k - 1] == 0xBB)) ||
        (k >= 3 && sep_len(line, k - 3, n) == 3))
        return 1;
    while ((q = closer_before(line, k)) != 0 && k > q)
        k -= q;
    return is_sentence_end(line[k - 1]);
}

/* 1 if the line holds nothing but punctuation and white space. */
static int
is_blank(const unsigned char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] < 0x80) {
            if (is_alpha(s[i]) || is_digit(s[i]))
                return 0;
            continue;
        }
        /* U+0080..U+00BF (C2 xx) and U+2000..U+206F (E2 80 xx / E2 81 xx)
         * are punctuation and spaces; anything else may be a letter. */
        if (s[i] == 0xC2 && i + 1 < n) {
            i++;
            continue;
        }
        if (s[i] == 0xE2 && i + 2 < n &&
            (s[i + 1] == 0x80 || s[i + 1] == 0x81)) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Headline-like: short, few words, no final sentence punctuation. */
static int
is_short(const unsigned char *s, size_t n)
{
    size_t i, words = 1, k = n, q;

    if (n > SHORT_MAX_BYTES)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] == ' ' && i > 0 && s[i - 1] != ' ' &&
            ++words > SHORT_MAX_WORDS)
            return 0;
    while ((q = closer_before(s, k)) != 0 && k > q)
        k -= q;
    if (k == 0)
        return 0;
    if (is_sentence_end(s[k - 1]) || strchr(",:;", s[k - 1]))
        return 0;
    /* "..." and U+2026 end a truncated sentence too. */
    return !(k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 &&
             s[k - 1] == 0xA6);
}

void
dtl_boiler_classify(const char *p, size_t n, struct dtl_boiler_line *out)
{
    const unsigned char *line = (const unsigned char *)p;
    size_t lead = 0, off, j;
    struct dp d;

    out->kind = DTL_BOILER_BLANK;
    out->heading = 0;
    out->glue = SIZE_MAX;
    out->glue_heading = 0;
    while (lead < n && space_len(line, lead, n))
        lead += space_len(line, lead, n);
    while (n > lead &&
           (line[n - 1] == ' ' || line[n - 1] == '\t' ||
            (n - lead >= 2 && line[n - 2] == 0xC2 && line[n - 1] == 0xA0)))
        n -= line[n - 1] == 0xA0 ? 2 : 1;
    line += lead;
    n -= lead;
    if (is_blank(line, n))
        return;

    /* Match the last WINDOW bytes, starting on a character boundary. */
    off = n > WINDOW ? n - WINDOW : 0;
    while (off < n && (line[off] & 0xC0) == 0x80)
        off++;
    d.s = line + off;
    d.len = n - off;
    dp_fill(&d);

    if (off == 0 && d.cons[skip_sep(d.s, 0, d.len)]) {
        out->kind = DTL_BOILER_PHRASE;
        out->heading = d.hd[skip_sep(d.s, 0, d.len)];
        return;
    }
    if (d.chain[0]) {
        out->kind = DTL_BOILER_LIST_ITEM;
        for (j = off ? off : 1; j < n; j++)
            if (d.cons[j - off] && d.hd[j - off] && glue_point(line, j, n))
                out->heading = 1;
        return;
    }
    out->kind = is_short(line, n) ? DTL_BOILER_SHORT : DTL_BOILER_CONTENT;
    for (j = off ? off : 1; j < n; j++) {
        if (d.cons[j - off] && glue_point(line, j, n)) {
            out->glue = lead + j;
            out->glue_heading = d.hd[j - off];
            break;
        }
    }
}

size_t
dtl_boiler_cut(const char *p, size_t n, size_t floor)
{
    size_t cut = n, end = n, ls, pending = 0;
    int in_tail = 0;
    struct dtl_boiler_line c;

    while (end > floor) {
        ls = end;
        while (ls > 0 && p[ls - 1] != '\n')
            ls--;
        if (ls < floor)
            break;
        dtl_boiler_classify(p + ls, end - ls, &c);
        switch (c.kind) {
        case DTL_BOILER_BLANK:
            break;
        case DTL_BOILER_PHRASE:
        case DTL_BOILER_LIST_ITEM:
            /* Short lines below need a heading (or an established tail). */
            if (pending && !in_tail && !(c.heading && pending >= MIN_LIST_RUN))
                return cut;
            cut = ls;
            pending = 0;
            in_tail = 1;
            break;
        case DTL_BOILER_SHORT:
        case DTL_BOILER_CONTENT:
            if (c.glue != SIZE_MAX &&
                (!pending ||
                 (c.glue_heading && (pending >= MIN_LIST_RUN || in_tail)))) {
                /* Cut the glued tail; what is left before it decides
                 * whether the walk goes on ("Some HeadlineTop Stories"
                 * may be an item of a list further up). */
                cut = ls + c.glue;
                in_tail = 1;
                pending = 0;
                dtl_boiler_classify(p + ls, c.glue, &c);
                if (c.kind == DTL_BOILER_SHORT)
                    pending = 1;
                else if (c.kind != DTL_BOILER_BLANK)
                    return cut;
            } else if (c.kind == DTL_BOILER_CONTENT ||
                       ++pending > MAX_LIST_RUN) {
                return cut;
            }
            break;
        }
        if (ls == 0)
            break;
        end = ls - 1;
    }
    return cut;
}

int
dtl_boiler_table_ok(void)
{
    size_t i;

    for (i = 1; i < N_RULES; i++)
        if (strcmp(rules[i - 1].pat, rules[i].pat) >= 0)
            return 0;
    return 1;
}
