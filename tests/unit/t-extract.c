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
