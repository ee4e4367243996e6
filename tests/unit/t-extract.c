/* Dateline tests: the rules of main-content extraction that recover text
 * outside the first chosen container.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Table-driven: each row is a small page written for one rule of
 * src/extract.c, with phrases that must and must not be in the extracted
 * text.  Links src/html.c and the modules it relies on.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dateline/html.h"
#include "tap.h"

/* Filler prose: a paragraph long enough, with commas, to be scored. */
#define PROSE(w)                                                            \
    "<p>" w " paragraph tells the story of the harbour, the storm, the "    \
    "repairs and the people who waited, for months, to see the ferry "      \
    "sail again.</p>"

struct row {
    const char *rule;          /* what the row checks */
    const char *html;
    const char *must[6];       /* in the text */
    const char *must_not[4];   /* not in the text */
};

static const struct row rows[] = {
    /* A page built of modules, each wrapped in single-child divs: the
     * scored paragraph's wrappers are climbed, so the other modules
     * are its siblings and come too. */
    { "wrappers climbed",
      "<body><nav><a href=/>Home</a> <a href=/a>About</a></nav>"
      "<div class=wrap>"
      "<div id=m1 class=module><div class=row><div class=col>"
      PROSE("First") PROSE("Second") PROSE("Third") "</div></div></div>"
      "<div id=m2 class=module><div class=row><div class=col>"
      PROSE("Fourth") PROSE("Fifth") "</div></div></div>"
      "<div id=m3 class=module><div class=row><div class=col>"
      PROSE("Sixth") "</div></div></div>"
      "</div></body>",
      { "First paragraph", "Fourth paragraph", "Sixth paragraph", NULL },
      { "Home", NULL } },
    /* The rescue pass: a page whose scripts build the text keeps it in
     * <noscript>, read when the first pass finds no paragraph. */
    { "noscript read",
      "<body><div class=post><script>render()</script><noscript>"
      PROSE("Hidden") PROSE("Second") "</noscript></div>"
      "<footer>May 19, 2020</footer></body>",
      { "Hidden paragraph", "Second paragraph", NULL },
      { "render", "May 19", NULL } },
    /* A forum wrapped in one <form>, its posts in <div>s: rescued. */
    { "form-wrapped forum",
      "<body><form id=f><nav><a href=/>Forum</a></nav><main>"
      "<div class=MtnCommentText>My phone lost access to the app store "
      "over mobile data after the update, and I changed no setting at "
      "all, really.</div><div class=MtnCommentText>Same here: since the"
      " update the store only loads over wifi, which is odd, as other "
      "apps work.</div></main></form></body>",
      { "My phone lost access", "Same here", NULL }, { "Forum", NULL } },
    /* The page's only prose sits in an element named like an image
     * caption: rescued, while the account link stays out. */
    { "only prose in a caption",
      "<body><header><a href=/login>My account - create one</a></header>"
      "<article class=video><div class=item-caption><p>New York is the "
      "epicentre of the pandemic in the United States, and sport, too, "
      "has come to a standstill.</p></div></article></body>",
      { "New York is the epicentre", NULL }, { "My account", NULL } },
    /* A short article is not replaced by the rescue pass's comments. */
    { "short article kept",
      "<body><article><div class=entry-content><p>I would invest in "
      "smart charging posts for electric cars, and wonder why nobody "
      "sells them yet at a fair price.</p></div></article>"
      "<div class=comments><div class=comment-body>Thanks for the tip, "
      "I had never thought about charging posts that way before, "
      "honestly.</div></div></body>",
      { "I would invest", NULL }, { "Thanks for the tip", NULL } },
    /* A boilerplate section heading that is not an <hN> element is
     * still dropped as a line of its own. */
    { "heading text as a line",
      "<body><article>" PROSE("First") PROSE("Second")
      "<div class=box><strong>Das k\xc3\xb6nnte Sie auch interessieren"
      "</strong></div><p>You might also like</p></article></body>",
      { "First paragraph", "Second paragraph", NULL },
      { "interessieren", "also like", NULL } },
    /* The best-scored box (two paragraphs full of commas) is one
     * section of an article whose other sections hold more prose: the
     * top candidate climbs to the element that holds them all. */
    { "climb to more prose",
      "<body><div class=wrap><div class=sec><p>Alpha section text runs "
      "on without a single comma because its writer likes short plain "
      "sentences that still say a lot about the harbour works.</p></div>"
      "<div class=sec><p>Beta section text also has no comma at all and "
      "goes on about the ferry that sails again after two long years of "
      "waiting for it.</p></div><div class=sec><p>Gamma section closes "
      "the story with the mayor and the crowd on the quay who cheered "
      "the first crossing.</p></div><div class=box><div class=in>"
      "<p>Box one, with commas, lists, one by one, the costs, the delays,"
      " the firms, the weather, the repairs, the pumps, the cranes, the "
      "divers, and the rest.</p><p>Box two, also, with commas, names, "
      "dates, sums, places, times, ships, crews, and more, for readers, "
      "who like them, a lot.</p></div></div></div>"
      "<div class=links><a href=/1>One</a> <a href=/2>Two</a></div>"
      "</body>",
      { "Alpha section", "Gamma section", "Box one", NULL },
      { "Two", NULL } },
    /* Headings are matched with Latin-1 capitals lower-cased. */
    { "capital umlaut heading",
      "<body><article>" PROSE("First") PROSE("Second")
      "<h3>\xc3\x84hnliche Beitr\xc3\xa4ge</h3><p>Another story of the "
      "week, with commas, and more, and more, to look like prose.</p>"
      "<p>\xc3\x80 LIRE AUSSI</p></article></body>",
      { "First paragraph", NULL },
      { "Beitr\xc3\xa4ge", "Another story", "LIRE", NULL } },
    /* Up to three short lines after the last paragraph are furniture
     * (label, name, date) and go. */
    { "short tail cut",
      "<body><article>" PROSE("First") PROSE("Second")
      "<p>Kontakt:</p><p>Max Muster</p><p>12.03.2020</p></article>"
      "</body>",
      { "First paragraph", "Second paragraph", NULL },
      { "Kontakt", "Max Muster", "12.03.2020", NULL } },
    /* A longer run of short lines is a list and stays. */
    { "short list kept",
      "<body><article>" PROSE("First") PROSE("Second")
      "<ul><li>250 g flour</li><li>2 eggs</li><li>100 g sugar</li>"
      "<li>1 lemon</li></ul></article></body>",
      { "First paragraph", "2 eggs", "1 lemon", NULL }, { NULL } },
    /* The lead printed between the title and the named body, outside
     * it, is recovered before the body; a link-heavy teaser is not. */
    { "lead recovered",
      "<body><div class=news-single><div class=teasers><a href=/x>Other "
      "story of the day</a> <a href=/y>And another one, also linked</a>"
      "</div><h1>Tower of wishes</h1><div class=teaser-text><p>Thousands "
      "pass the station every day and will soon see a new tower.</p>"
      "</div><div itemprop=articleBody>" PROSE("First") PROSE("Second")
      "</div></div></body>",
      { "Thousands pass the station", "First paragraph", NULL },
      { "Other story", NULL } },
    /* Calls to action among the last lines go; a sentence that only
     * mentions a subscriber stays. */
    { "calls to action cut",
      "<body><article>" PROSE("First") PROSE("Second")
      "<p>Spotify makes sense if you are already a Premium subscriber, "
      "while the other service is cheaper.</p>"
      "<p>For the latest stories download our apps for iOS and Android "
      "today.</p><p>Follow us on Twitter and on Facebook for more news "
      "from the harbour.</p></article></body>",
      { "First paragraph", "Premium subscriber", NULL },
      { "download our", "Follow us", NULL } },
    /* German and French picture credits are boilerplate lines. */
    { "picture credits",
      "<body><article>" PROSE("First")
      "<p>Titelbild: Christophe Geyres/ABACA/picture-alliance</p>"
      PROSE("Second") "<p>Cr\xc3\xa9" "dits photos : Bestimage</p>"
      PROSE("Third") "</article></body>",
      { "First paragraph", "Third paragraph", NULL },
      { "Titelbild", "Bestimage", NULL } },
    { NULL, NULL, { NULL }, { NULL } },
};

/* 1 if the phrases of list are all in text (want = 1) or all absent
 * (want = 0); one TAP line each. */
static int
check_phrases(const struct row *r, const char *text,
              const char *const *list, int want)
{
    int ok = 1;

    for (; *list; list++) {
        int found = text && strstr(text, *list) != NULL;

        ok &= tap_ok(found == want, "%s: %s \"%s\"", r->rule,
                     want ? "has" : "lacks", *list);
    }
    return ok;
}

static void
test_rows(void)
{
    const struct row *r;

    for (r = rows; r->html; r++) {
        char *text = NULL;
        dtl_status rc = dtl_html_text(r->html, strlen(r->html), NULL, &text,
                                      NULL, NULL);
        int ok = tap_ok(rc == DTL_OK, "%s: html_text", r->rule);

        ok &= check_phrases(r, text, r->must, 1);
        ok &= check_phrases(r, text, r->must_not, 0);
        if (!ok)
            tap_diag("text: %s", text ? text : "(null)");
        dtl_html_text_free(text);
    }
}

int
main(void)
{
    test_rows();
    return tap_done();
}
