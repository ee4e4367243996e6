/* Dateline: function words that any-word queries leave out.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An any-word query ranks entries by the sum of their words' BM25
 * weights.  Function words ("what", "are", "the") occur everywhere and
 * say nothing about the topic, yet a word rare in a small or specialised
 * archive still gets a high weight, and a question such as "what
 * problems of heat conduction have been solved" then ranks entries by
 * "what" and "been" as much as by "heat".  Dropping them from any-word
 * queries raised MAP on every collection of tools/releval (see
 * src/query.c).
 *
 * Each list is its language's closed classes, written for Dateline:
 * articles, pronouns and determiners, the forms of "be" and "have" used
 * as auxiliaries, the commonest prepositions and conjunctions, question
 * words.  Words that carry meaning in news are left out in every
 * language: negations ("not", "pas", "nicht", "no", "non", "niet",
 * "nao"), "without", "more", "over", "out", quantities.  The words are
 * written as the analyser gives them (folded: lower case, accents
 * stripped, so French "été" is "ete" and German "für" is "fur");
 * tests/unit/t-stopword.c checks that each list is sorted and that the
 * analyser gives each word back unchanged.
 * Pure code: a binary search over a sorted table.
 */
#include <config.h>
#include "stopword.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Each table sorted bytewise, for bsearch. */
static const char *const english[] = {
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing",
    "during", "each", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "may", "me", "might",
    "must", "my", "myself", "of", "on", "or", "our", "ours", "ourselves",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "upon", "very", "was",
    "we", "were", "what", "when", "where", "whether", "which", "while",
    "who", "whom", "whose", "why", "will", "with", "within", "would", "you",
    "your", "yours", "yourself", "yourselves",
};

static const char *const french[] = {
    "a", "ai", "aie", "as", "au", "aux", "avaient", "avais", "avait",
    "avec", "avez", "avons", "car", "ce", "ceci", "cela", "celle",
    "celles", "celui", "ces", "cet", "cette", "ceux", "comme", "dans", "de",
    "des", "donc", "dont", "du", "elle", "elles", "en", "es", "est", "et",
    "etaient", "etais", "etait", "ete", "etes", "etre", "eu", "il", "ils",
    "je", "la", "laquelle", "le", "lequel", "les", "lesquelles",
    "lesquels", "leur", "leurs", "lui", "ma", "mais", "me", "mes", "moi",
    "mon", "nos", "notre", "nous", "on", "ont", "ou", "par", "pour",
    "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "sa",
    "se", "sera", "seraient", "serait", "seront", "ses", "si", "soient",
    "soit", "sommes", "son", "sont", "suis", "sur", "ta", "te", "tes",
    "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
};

static const char *const german[] = {
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis",
    "bist", "da", "damit", "dann", "das", "dass", "dein", "deine", "deinem",
    "deinen", "deiner", "dem", "den", "denen", "denn", "der", "deren",
    "des", "dessen", "die", "dies", "diese", "diesem", "diesen", "dieser",
    "dieses", "doch", "dort", "du", "durch", "ein", "eine", "einem",
    "einen", "einer", "eines", "er", "es", "euch", "euer", "eure", "fur",
    "hab", "habe", "haben", "hat", "hatte", "hatten", "ich", "ihm", "ihn",
    "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "in",
    "ist", "jede", "jedem", "jeden", "jeder", "jedes", "jene", "jenem",
    "jenen", "jener", "jenes", "kann", "kannst", "konnen", "konnte",
    "konnten", "man", "mein", "meine", "meinem", "meinen", "meiner", "mich",
    "mir", "mit", "muss", "musste", "nach", "ob", "oder", "sein", "seine",
    "seinem", "seinen", "seiner", "seines", "sich", "sie", "sind", "so",
    "soll", "sollen", "sollte", "uber", "um", "und", "uns", "unser",
    "unsere", "unter", "vom", "von", "vor", "war", "waren", "warst", "was",
    "weil", "welche", "welchem", "welchen", "welcher", "welches", "wenn",
    "wer", "werde", "werden", "wie", "wir", "wird", "wirst", "wo", "wurde",
    "wurden", "zu", "zum", "zur",
};

static const char *const spanish[] = {
    "a", "al", "ante", "aquel", "aquella", "aquellas", "aquellos", "como",
    "con", "cual", "cuales", "cuando", "de", "del", "desde", "donde", "e",
    "el", "ella", "ellas", "ellos", "en", "entre", "era", "eran", "eres",
    "es", "esa", "esas", "ese", "eso", "esos", "esta", "estaba",
    "estaban", "estado", "estamos", "estan", "estar", "estas", "este",
    "esto", "estos", "estoy", "fue", "fueron", "fui", "ha", "habia",
    "habian", "han", "has", "hasta", "he", "la", "las", "le", "les", "lo",
    "los", "me", "mi", "mis", "nos", "nosotros", "o", "os", "para", "pero",
    "por", "porque", "que", "quien", "quienes", "se", "sea", "ser", "si",
    "sido", "sobre", "somos", "son", "soy", "su", "sus", "suya", "suyo",
    "tambien", "te", "ti", "tu", "tus", "u", "un", "una", "unas", "uno",
    "unos", "usted", "ustedes", "vosotros", "y", "yo",
};

static const char *const italian[] = {
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche",
    "avere", "aveva", "avevano", "che", "chi", "ci", "come", "con", "cui",
    "da", "dagli", "dai", "dal", "dalla", "dalle", "dallo", "degli", "dei",
    "del", "della", "delle", "dello", "di", "dove", "e", "ed", "era",
    "erano", "essere", "fra", "gli", "ha", "hanno", "ho", "i", "il", "in",
    "io", "la", "le", "lei", "li", "lo", "loro", "lui", "ma", "me", "mi",
    "mia", "mie", "miei", "mio", "ne", "nei", "nel", "nella", "nelle",
    "nello", "noi", "o", "per", "perche", "quale", "quali", "quando",
    "quella", "quelle", "quelli", "quello", "questa", "queste", "questi",
    "questo", "se", "sei", "si", "sia", "siamo", "siete", "sono", "su",
    "sua", "sue", "sui", "sul", "sulla", "sulle", "suo", "suoi", "ti",
    "tra", "tu", "tua", "tue", "tuo", "tuoi", "un", "una", "uno", "vi",
    "voi",
};

static const char *const portuguese[] = {
    "a", "ao", "aos", "aquela", "aquele", "aqueles", "as", "com", "como",
    "da", "das", "de", "dela", "dele", "deles", "do", "dos", "e", "ela",
    "elas", "ele", "eles", "em", "entre", "era", "eram", "essa", "essas",
    "esse", "esses", "esta", "estao", "estas", "este", "estes", "eu",
    "foi", "foram", "ha", "isso", "isto", "lhe", "lhes", "mas", "me",
    "meu", "meus", "minha", "minhas", "na", "nas", "no", "nos", "o", "os",
    "ou", "para", "pela", "pelas", "pelo", "pelos", "por", "porque",
    "qual", "quando", "que", "quem", "se", "ser", "seu", "seus", "sua",
    "suas", "tambem", "te", "tem", "ter", "um", "uma", "umas", "uns",
    "voce", "voces",
};

static const char *const dutch[] = {
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die",
    "dit", "door", "een", "en", "er", "haar", "had", "heb", "hebben",
    "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is",
    "je", "jij", "jullie", "kan", "kon", "maar", "me", "met", "mij",
    "mijn", "na", "naar", "of", "om", "omdat", "ons", "onze", "ook", "op",
    "te", "toen", "tot", "u", "uit", "van", "voor", "waren", "was", "wat",
    "we", "werd", "wie", "wij", "worden", "wordt", "zal", "ze", "zich",
    "zij", "zijn", "zo", "zou", "zullen",
};

#define LIST(l) {#l, l, sizeof(l) / sizeof(l[0])}

static const struct list {
    const char *lang;           /* analyser language name */
    const char *const *words;
    size_t n;
} lists[] = {
    LIST(english), LIST(french), LIST(german), LIST(spanish),
    LIST(italian), LIST(portuguese), LIST(dutch),
    /* The original Porter stemmer: English too. */
    {"porter", english, sizeof(english) / sizeof(english[0])},
};

#define N_LISTS (sizeof(lists) / sizeof(lists[0]))

struct key {
    const char *p;
    size_t n;
};

static int
cmp_key(const void *k, const void *e)
{
    const struct key *key = k;
    const char *w = *(const char *const *)e;
    size_t wn = strlen(w);
    int c = memcmp(key->p, w, key->n < wn ? key->n : wn);

    if (c)
        return c;
    return key->n < wn ? -1 : key->n > wn;
}

size_t
dtl_stopword_list(const char *lang, const char *const **words)
{
    size_t i;

    *words = NULL;
    for (i = 0; lang && i < N_LISTS; i++)
        if (strcmp(lang, lists[i].lang) == 0) {
            *words = lists[i].words;
            return lists[i].n;
        }
    return 0;
}

int
dtl_stopword_is(const char *lang, const char *term, size_t n)
{
    const char *const *words;
    size_t count = dtl_stopword_list(lang, &words);
    struct key k;

    if (!count || !term || n == 0 || n > 16)
        return 0;
    k.p = term;
    k.n = n;
    return bsearch(&k, words, count, sizeof(words[0]), cmp_key) != NULL;
}
