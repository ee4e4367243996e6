/* Dateline: tests for language detection and language tags
 * (src/langdetect.c) and for stemming in several languages with one
 * analyser (src/analyse.h).
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The paragraphs are written for these tests: short news-like text of the
 * kind the detector meets, in each language.
 */
#include <config.h>
#include "dateline/analyser.h"

#include <stdio.h>
#include <string.h>

#include "../../src/alloc.h"
#include "../../src/analyse.h"
#include "../../src/langdetect.h"
#include "../lib/tap.h"
#include "../../src/banned.h"

/* Text -> language (NULL: not enough evidence). */
static const struct {
    const char *name, *text, *want;
} paragraphs[] = {
    {"english", "The council said on Tuesday that the new bridge would be "
     "open to traffic by the end of the year, and that work on the road "
     "to the harbour was ahead of plan.", "english"},
    {"french", "Le conseil municipal a annoncé mardi que le nouveau pont "
     "serait ouvert à la circulation avant la fin de l'année, et que les "
     "travaux sur la route du port avaient pris de l'avance.", "french"},
    {"german", "Der Stadtrat teilte am Dienstag mit, dass die neue Brücke "
     "bis zum Ende des Jahres für den Verkehr geöffnet wird und die "
     "Arbeiten an der Straße zum Hafen dem Plan voraus sind.", "german"},
    {"spanish", "El ayuntamiento anunció el martes que el nuevo puente "
     "estará abierto al tráfico antes de que termine el año, y que las "
     "obras de la carretera del puerto van por delante del plan.",
     "spanish"},
    {"italian", "Il consiglio comunale ha annunciato martedì che il nuovo "
     "ponte sarà aperto al traffico entro la fine dell'anno, e che i "
     "lavori sulla strada del porto sono in anticipo sul piano.",
     "italian"},
    {"portuguese", "A câmara municipal anunciou na terça-feira que a nova "
     "ponte estará aberta ao trânsito até ao fim do ano, e que as obras "
     "na estrada do porto estão adiantadas em relação ao plano.",
     "portuguese"},
    {"dutch", "De gemeenteraad heeft dinsdag gezegd dat de nieuwe brug "
     "voor het einde van het jaar open is voor het verkeer, en dat het "
     "werk aan de weg naar de haven voor ligt op het schema.", "dutch"},
    {"swedish", "Kommunfullmäktige meddelade på tisdagen att den nya bron "
     "ska vara öppen för trafik före årets slut, och att arbetet med "
     "vägen till hamnen ligger före planen.", "swedish"},
    {"danish", "Byrådet oplyste tirsdag, at den nye bro vil være åben for "
     "trafik inden udgangen af året, og at arbejdet på vejen til havnen "
     "er foran planen, efter hvad der blev sagt.", "danish"},
    {"norwegian", "Bystyret sa tirsdag at den nye brua skal være åpen for "
     "trafikk før utgangen av året, og at arbeidet med veien til havna "
     "ligger foran planen, etter det som ble opplyst.", "norwegian"},
    {"finnish", "Kaupunginvaltuusto kertoi tiistaina, että uusi silta on "
     "avoinna liikenteelle ennen vuoden loppua, ja että työ sataman "
     "tiellä on myös edellä aikataulua, mutta ei vielä valmis.",
     "finnish"},
    {"russian", "Городской совет сообщил во вторник, что новый мост "
     "будет открыт для движения до конца года, и что работы на дороге "
     "к порту идут с опережением плана, как это и было обещано.",
     "russian"},
    {"greek", "Το δημοτικό συμβούλιο ανακοίνωσε την Τρίτη ότι η νέα "
     "γέφυρα θα είναι ανοιχτή για την κυκλοφορία έως το τέλος του "
     "χρόνου και ότι τα έργα στο δρόμο για το λιμάνι προχωρούν.",
     "greek"},
    {"turkish", "Belediye meclisi salı günü yaptığı açıklamada yeni "
     "köprünün yıl sonuna kadar trafiğe açılacağını ve liman yolundaki "
     "çalışmaların da plandan çok daha ileride olduğunu söyledi, ama "
     "bu bir ilk değil.", "turkish"},
    {"indonesian", "Dewan kota mengatakan pada hari Selasa bahwa jembatan "
     "yang baru akan dibuka untuk lalu lintas sebelum akhir tahun, dan "
     "bahwa pekerjaan di jalan ke pelabuhan sudah lebih cepat dari "
     "rencana.", "indonesian"},
    {"hungarian", "A városi közgyűlés kedden azt közölte, hogy az új híd "
     "az év végéig megnyílik a forgalom előtt, és hogy a kikötőbe vezető "
     "út munkái már a terv előtt járnak.", "hungarian"},
    /* Capitals at a sentence start count as the word. */
    {"capitals", "LE CONSEIL A DIT QUE LES TRAVAUX SUR LA ROUTE DU PORT "
     "SONT EN AVANCE ET QUE LE PONT SERA OUVERT.", "french"},
    /* Too little text: a headline, a name, nothing. */
    {"headline", "Storm hits the coast", NULL},
    {"one word", "élections", NULL},
    {"names", "Paris Berlin Madrid Rome Lisbon Vienna Prague Warsaw "
     "Dublin Athens Oslo Helsinki Stockholm Copenhagen de", NULL},
    {"numbers", "2025 12 02 19:30 GMT 3.5% 1,000,000", NULL},
    {"empty", "", NULL},
    /* Mixed: the language most of the text is in wins... */
    {"english with a french quote", "The minister told reporters on "
     "Monday that the talks had gone well, and that he was sure a deal "
     "would be signed by the end of the week. \"C'est un bon accord,\" "
     "he said, before he left for the airport with his team.", "english"},
    {"german with english names", "Die Regierung hat am Montag mit "
     "Vertretern von Google, Amazon und Meta über die neuen Regeln für "
     "den Handel mit Daten gesprochen, die ab dem Sommer gelten sollen.",
     "german"},
    /* ... and a text split evenly between two is left undecided. */
    {"even split", "the of and in le la les des", NULL},
    {NULL, NULL, NULL},
};

static void
test_detect(void)
{
    size_t i;

    for (i = 0; paragraphs[i].name; i++) {
        const char *got = dtl_lang_detect(paragraphs[i].text,
                                          strlen(paragraphs[i].text));

        tap_is_str(got, paragraphs[i].want, paragraphs[i].name);
    }
    tap_ok(dtl_lang_detect(NULL, 0) == NULL, "NULL text: unknown");
}

/* The accumulator sees the text in pieces as the page gives them, and
 * stops at the scan budget. */
static void
test_pieces(void)
{
    static const char fr[] = "Le conseil a dit que les travaux sur la "
                             "route du port sont en avance.";
    struct dtl_langdetect d;
    unsigned hits = 0;
    size_t i;

    dtl_langdetect_init(&d);
    dtl_langdetect_add(&d, "Le conseil", 10);
    dtl_langdetect_add(&d, fr + 10, strlen(fr) - 10);
    tap_is_str(dtl_langdetect_result(&d, &hits), "french", "in pieces");
    tap_ok(hits >= 4, "hits counted: %u", hits);

    /* Past the budget, more text changes nothing. */
    dtl_langdetect_init(&d);
    for (i = 0; i < DTL_LANGDETECT_SCAN / 8 + 1; i++)
        dtl_langdetect_add(&d, "xxxxxxx ", 8);
    dtl_langdetect_add(&d, fr, strlen(fr));
    tap_ok(dtl_langdetect_result(&d, NULL) == NULL,
           "text after the scan budget is not read");
    tap_ok(d.bytes == DTL_LANGDETECT_SCAN, "budget: %zu bytes", d.bytes);

    /* A word cut by the end of the input, and bytes that are not UTF-8. */
    dtl_langdetect_init(&d);
    dtl_langdetect_add(&d, "\xc3", 1);
    dtl_langdetect_add(&d, "\xff\xfe the \xe2\x80\x9cof\xe2\x80\x9d and",
                       19);
    tap_ok(d.words >= 3, "separators around words: %u words", d.words);
}

/* A declaration stands unless the text is clearly in another language. */
static void
test_override(void)
{
    static const char de[] = "Der Stadtrat teilte am Dienstag mit, dass "
        "die neue Brücke bis zum Ende des Jahres für den Verkehr geöffnet "
        "wird und die Arbeiten an der Straße zum Hafen dem Plan voraus "
        "sind.  Die Stadt hat auch gesagt, dass sie im Sommer mit dem Bau "
        "der neuen Schule beginnen will, und dass es bei den Kosten keine "
        "Überraschungen geben wird, wie der Bürgermeister am Abend noch "
        "einmal in der Sitzung des Rates sagte.";
    static const char da[] = "Byrådet oplyste tirsdag, at den nye bro vil "
        "være åben for trafik inden udgangen af året, og at arbejdet på "
        "vejen til havnen er foran planen, efter hvad der blev sagt.  Det "
        "er også sådan, at den nye skole skal bygges til sommer, og at der "
        "ikke vil komme nogen overraskelser med prisen, sagde borgmesteren "
        "om aftenen på mødet i rådet.";
    static const struct {
        const char *name, *text, *declared, *want;
    } rows[] = {
        {"German declared English", de, "english", "german"},
        {"German declared German", de, "german", NULL},
        {"German declared Dutch (close, far behind)", de, "dutch",
         "german"},
        {"Danish declared Norwegian: close, kept", da, "norwegian", NULL},
        {"Danish declared Danish", da, "danish", NULL},
        {"too little German to override", "Die Wahl in der Stadt ist am "
         "Sonntag, und die Stimmen werden gezählt.", "english", NULL},
        {NULL, NULL, NULL, NULL},
    };
    size_t i;

    for (i = 0; rows[i].name; i++) {
        struct dtl_langdetect d;

        dtl_langdetect_init(&d);
        dtl_langdetect_add(&d, rows[i].text, strlen(rows[i].text));
        tap_is_str(dtl_langdetect_override(
                       &d, dtl_lang_from_tag(rows[i].declared,
                                             strlen(rows[i].declared))),
                   rows[i].want, rows[i].name);
    }
}

static void
test_tags(void)
{
    static const struct {
        const char *tag, *lang, *code;
    } rows[] = {
        {"en", "english", "en"},
        {"en-GB", "english", "en"},
        {"EN_us", "english", "en"},
        {"pt-BR", "portuguese", "pt"},
        {"de", "german", "de"},
        {"de-AT", "german", "de"},
        {"nb", "norwegian", "no"},
        {"nn-NO", "norwegian", "no"},
        {"no", "norwegian", "no"},
        {"sr-Latn", "serbian", "sr"},
        {"fre", "french", "fr"},
        {"French", "french", "fr"},
        {" es-419", "spanish", "es"},
        {"fr, en", "french", "fr"},
        {"zh-CN", NULL, NULL},
        {"ja", NULL, NULL},
        {"porter", NULL, NULL},
        {"none", NULL, NULL},
        {"", NULL, NULL},
        {"-", NULL, NULL},
        {"e1", NULL, NULL},
        {"englishenglishenglish", NULL, NULL},
        {NULL, NULL, NULL},
    };
    size_t i;

    for (i = 0; rows[i].tag; i++) {
        size_t n = strlen(rows[i].tag);

        tap_is_str(dtl_lang_from_tag(rows[i].tag, n), rows[i].lang,
                   rows[i].tag);
        tap_is_str(dtl_lang_code(rows[i].tag, n), rows[i].code,
                   rows[i].tag);
    }
    tap_ok(dtl_lang_from_tag(NULL, 3) == NULL, "NULL tag");
    /* Only n bytes are read. */
    tap_is_str(dtl_lang_from_tag("frxx", 2), "french", "n bounds the tag");
}

/* One analyser, several languages: a word stems as each language's own
 * analyser stems it, and switching back restores the first. */
static void
test_switch(void)
{
    static const struct {
        const char *lang, *word;
    } rows[] = {
        {"french", "élections"}, {"german", "Wahlen"},
        {"english", "elections"}, {"spanish", "elecciones"},
        {"french", "nationales"}, {NULL, NULL},
    };
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_analyser *a = NULL, *b = NULL;
    const char *t, *s, *s2;
    char want[DTL_TERM_MAX + 1];
    size_t i, tl, sl;

    if (dtl_analyser_new("english", &a, &err) != DTL_OK) {
        tap_ok(0, "analyser: %s", err.msg);
        return;
    }
    for (i = 0; rows[i].lang; i++) {
        dtl_analyser_new(rows[i].lang, &b, &err);
        dtl_analyser_word(b, rows[i].word, strlen(rows[i].word), &t, &tl,
                          &s2, &sl);
        snprintf(want, sizeof(want), "%s", s2 ? s2 : "");
        dtl_analyser_free(b);
        b = NULL;
        tap_is_int(dtl_analyser_use(a, rows[i].lang), DTL_OK, "use");
        tap_is_str(dtl_analyser_current(a), rows[i].lang, "current");
        dtl_analyser_word(a, rows[i].word, strlen(rows[i].word), &t, &tl,
                          &s, &sl);
        tap_is_str(s, want, rows[i].word);
    }
    tap_is_str(dtl_analyser_lang(a), "english", "own language kept");
    tap_is_str(dtl_analyser_config(a), "dateline-analyser/1 lang=english",
               "config unchanged");
    tap_is_str(dtl_analyser_lang_at(a, 0), "english", "langs[0]");
    tap_is_str(dtl_analyser_lang_at(a, 1), "french", "langs[1]");
    tap_is_str(dtl_analyser_lang_at(a, 2), "german", "langs[2]");
    tap_is_str(dtl_analyser_lang_at(a, 3), "spanish", "langs[3]");
    tap_ok(dtl_analyser_lang_at(a, 4) == NULL, "four languages");
    tap_is_int(dtl_analyser_use(a, "klingon"), DTL_EINVAL, "unknown");
    tap_is_str(dtl_analyser_current(a), "french", "unknown keeps current");
    tap_is_int(dtl_analyser_use(a, NULL), DTL_OK, "back to own");
    tap_is_str(dtl_analyser_current(a), "english", "own again");
    dtl_analyser_word(a, "elections", 9, &t, &tl, &s, &sl);
    tap_is_str(s, "elect", "english stem again");
    dtl_analyser_free(a);
}

/* A stemmer that cannot be made leaves the analyser as it was. */
static void
test_oom(void)
{
    struct dtl_error err = DTL_ERROR_INIT;
    dtl_analyser *a = NULL;
    int all_ok = 1, done = 0;
    long n;
    dtl_status st;

    if (dtl_analyser_new("english", &a, &err) != DTL_OK) {
        tap_ok(0, "analyser: %s", err.msg);
        return;
    }
    for (n = 0; n < 100 && !done; n++) {
        dtl_alloc_fail_after(n);
        st = dtl_analyser_use(a, "french");
        dtl_alloc_fail_after(-1);
        if (st == DTL_OK) {
            done = 1;
        } else if (st != DTL_ENOMEM ||
                   strcmp(dtl_analyser_current(a), "english") != 0 ||
                   dtl_analyser_lang_at(a, 1) != NULL) {
            all_ok = 0;
        }
    }
    tap_ok(done && all_ok && n > 1,
           "dtl_analyser_use: ENOMEM for %ld faults, unchanged after each",
           n - 1);
    tap_is_str(dtl_analyser_current(a), "french", "then it switches");
    dtl_analyser_free(a);
}

int
main(void)
{
    test_detect();
    test_pieces();
    test_override();
    test_tags();
    test_switch();
    test_oom();
    return tap_done();
}
