/* Dateline: language detection by stop words, and language tags.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_lang_detect() and dtl_lang_from_tag() of
 * include/dateline/analyser.h and the accumulator of langdetect.h.  Called
 * by the indexer for every page that declares no language it can use, so
 * it has to be cheap: it looks at the first DTL_LANGDETECT_SCAN bytes
 * only, and per word does one hash and at most a few comparisons.  Relies
 * on src/stem.c for the names libstemmer knows.
 *
 * Method.  Each Snowball language has a short list of its most frequent
 * function words below (written for Dateline; a word may be in several
 * lists).  Text is cut into words (runs of letters; ASCII, Latin-1,
 * Greek and Cyrillic capitals are lower-cased, digits, apostrophes and
 * punctuation separate), and each word that is in a list counts one hit
 * for each language whose list holds it.  The language with the most hits
 * wins when the evidence is enough:
 *   - at least DETECT_MIN_HITS hits;
 *   - hits for at least 1/DETECT_MIN_SHARE of the words (a list of names
 *     or numbers with a stray "de" proves nothing);
 *   - ahead of the runner-up by at least DETECT_MIN_LEAD hits and by
 *     1/DETECT_LEAD_SHARE of its own hits, which separates close
 *     languages (Danish and Norwegian share most of their lists) through
 *     the words they do not share, and leaves a text split evenly between
 *     two languages undecided.
 * Otherwise the result is "unknown", and the caller uses its default.
 *
 * A declaration is trusted unless the text is clearly in another
 * language: many sites keep a template's lang="en" over German or
 * Indonesian articles.  dtl_langdetect_override() names that language
 * when the evidence is strong (DETECT_STRONG_HITS hits, for at least
 * 1/DETECT_STRONG_SHARE of the words) and the declared language scores
 * under half as much, which leaves close languages (a Danish page that
 * scores a little higher as Norwegian) with their declaration.
 */
#include <config.h>
#include "langdetect.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "dateline/analyser.h"
#include "stem.h"
#include "banned.h"

#define DETECT_MIN_HITS 4
#define DETECT_MIN_SHARE 8
#define DETECT_MIN_LEAD 2
#define DETECT_LEAD_SHARE 16
#define DETECT_STRONG_HITS 16
#define DETECT_STRONG_SHARE 5

/* Longest stop word, in bytes (longer words are not looked up). */
#define WORD_MAX 24

/* Hash table of the stop words: a power of two, under half full. */
#define TABLE_SLOTS 4096

/* Each language's list: space-separated, lower case, UTF-8. */
static const struct stoplist {
    const char *lang;
    const char *words;
} lists[] = {
    {"english", "the of and to in a is that for it on was with as by he "
     "at from his be this are have but not an they which or were has "
     "been their we had will would its who said after also more than "
     "about when there can out if she all into her them so what only "
     "over some could no"},
    {"french", "le la les de des du un une et est en que qui dans pour "
     "pas sur au aux par plus ne se ce il elle ils sont avec mais ou son "
     "sa ses leur été être cette comme nous vous on était fait aussi lui "
     "ont après très"},
    {"german", "der die das und ist nicht ein eine einen dem den des zu "
     "mit von sich auf für im es auch als an nach wie bei aus noch sie "
     "wird werden wurde hat haben sind oder aber nur war dass über vor "
     "zum zur ich er"},
    {"spanish", "el la los las de del y en que un una es por con para no "
     "se al lo como más pero sus su le ya o este esta fue ha muy también "
     "entre sin sobre son está han desde todo hasta"},
    {"italian", "il lo la gli le di del della dei delle e è un una che "
     "per non con in sono si da al alla anche come più ma nel nella ha "
     "questo questa essere ci ancora loro suo sua dopo stato"},
    {"portuguese", "o a os as de do da dos das e em no na nos um uma que "
     "é para com não por se mais ao foi como mas ou seu sua também ele "
     "ela pelo pela são está tem já"},
    {"dutch", "de het een en van in is dat op te zijn met voor niet er "
     "aan die maar ook als bij om door wordt werd naar dan nog wel hij "
     "zij ze was worden uit tot heeft over"},
    {"danish", "og i at det er en til på som de med af for ikke der var "
     "den har et fra han jeg men også kan eller efter blev sig vil nu "
     "hvor skal være meget hvad"},
    {"norwegian", "og i det er som en til på av at for med ikke den har "
     "de var et om seg fra men også etter ble kan vil eller skal hun han "
     "jeg nå hva være noen"},
    {"swedish", "och i att det som en på är av för med till den inte har "
     "de var ett om sig från men också efter blev kan vid eller ska hon "
     "han jag så när under"},
    {"finnish", "ja on ei se että oli hän myös kuin mutta tai ovat sen "
     "joka jos nyt niin vain kun he mitä tämä ole olla kanssa sekä jo "
     "vielä jälkeen mukaan"},
    {"hungarian", "a az és hogy nem is egy meg de van volt már csak ki el "
     "mint még ez azt fel után most sem lesz kell pedig vagy között "
     "amely akkor majd ha"},
    {"romanian", "și şi în de la cu pe care este nu un o se din că "
     "pentru mai au fost sunt dar sau acest această ca ale lui lor după "
     "prin iar"},
    {"turkish", "ve bir bu da de için ile olarak çok daha ne gibi en ama "
     "sonra kadar olan var yok ise her şey değil ki mi ancak göre "
     "tarafından"},
    {"indonesian", "yang dan di ini itu dengan untuk tidak dari dalam "
     "akan pada juga ke karena ada oleh bisa sudah saat telah atau "
     "seperti mereka kami kita namun lebih"},
    {"catalan", "el la els les de del i a que en un una per amb no és al "
     "als com però més també ha seu seva aquest aquesta són va hi li ja"},
    {"basque", "eta da ez du bat ere zen dira baina izan egin dute hori "
     "hau beste bere behar ditu zuen gero orain oso edo baino"},
    {"irish", "an na agus ar is ag a le go i ní bhí sé sí tá ach don leis "
     "mar seo sin níos nach ó faoi chun"},
    {"lithuanian", "ir yra kad į su ne bet iš tai taip už buvo apie jo "
     "jos jie kaip o dar po tik tačiau per nuo savo nes jau"},
    {"russian", "и в не на что с по он как это к из а то но за у от же о "
     "так для его она бы был все уже было только мы они их при"},
    {"serbian", "и у је да на се за са не од из као што су о по али то "
     "до био ће или i u je da na se za sa ne od iz kao što su o po ali "
     "to do bio će ili"},
    {"greek", "και το η ο να του την της τα στο με για από που σε οι των "
     "είναι θα στην ότι δεν τον μια ένα στη"},
    {"arabic", "في من على أن إلى التي الذي عن مع هذا هذه ما لا كان قد بين "
     "أو ثم كما بعد عند ذلك وقال"},
    {"hindi", "के है में की और से को का एक पर यह ने भी हैं कि था नहीं "
     "लिए किया गया हो रहा कर"},
    {"nepali", "र छ को मा का ले छन् पनि गर्न भएको यो गरेको हो त्यो थियो "
     "तथा लागि गरी भने रहेको"},
    {"tamil", "ஒரு மற்றும் இந்த என்று அந்த இது அது என்ற ஆனால் போது "
     "உள்ள அவர் மேலும் இல்லை"},
    {"armenian", "և է որ ի այս են մի հետ էր նա նաև համար բայց իր այն "
     "պետք"},
    {"yiddish", "דער די דאָס דאס און איז אין אַ א פֿון פון מיט צו ניט נישט "
     "ער זי אויף האָט האט זיך וואָס וואס"},
};

#define N_LISTS (sizeof(lists) / sizeof(lists[0]))

/* One stop word: where its bytes are, and the languages holding it. */
struct slot {
    const char *p;        /* into lists[].words; NULL = empty */
    unsigned char n;
    uint64_t langs;       /* bit i: lists[i] holds it */
};

static struct slot table[TABLE_SLOTS];
static const char *canon[N_LISTS];   /* NULL: libstemmer lacks it */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* FNV-1a, 32 bits: words are a few bytes long. */
static uint32_t
hash_word(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static struct slot *
find(const unsigned char *w, size_t n)
{
    size_t i = hash_word(w, n) & (TABLE_SLOTS - 1);

    while (table[i].p) {
        if (table[i].n == n && memcmp(table[i].p, w, n) == 0)
            return &table[i];
        i = (i + 1) & (TABLE_SLOTS - 1);
    }
    return &table[i];
}

static void
table_init(void)
{
    size_t l;

    for (l = 0; l < N_LISTS && l < DTL_LANGDETECT_MAX; l++) {
        const char *s = lists[l].words;

        canon[l] = dtl_stem_canonical(lists[l].lang);
        if (!canon[l])
            continue;
        while (*s) {
            size_t n = strcspn(s, " ");
            struct slot *e;

            if (n > 0 && n <= WORD_MAX) {
                e = find((const unsigned char *)s, n);
                e->p = s;
                e->n = (unsigned char)n;
                e->langs |= (uint64_t)1 << l;
            }
            s += n;
            while (*s == ' ')
                s++;
        }
    }
}

void
dtl_langdetect_init(struct dtl_langdetect *d)
{
    memset(d, 0, sizeof(*d));
}

/* Length of the letter (or other word character) at s[i], lower-cased
 * into out (up to 2 bytes); 0 if s[i] starts a separator, whose length
 * goes to *skip. */
static size_t
letter(const unsigned char *s, size_t n, size_t i, unsigned char out[4],
       size_t *skip)
{
    unsigned char c = s[i], c1;
    size_t len, k;

    *skip = 1;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
            out[0] = c | 0x20;
            return 1;
        }
        if (c >= 'a' && c <= 'z') {
            out[0] = c;
            return 1;
        }
        return 0;
    }
    len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len == 0 || len > n - i || len > 4)
        return 0;
    for (k = 1; k < len; k++)
        if ((s[i + k] & 0xc0) != 0x80)
            return 0;
    *skip = len;
    c1 = s[i + 1];
    /* U+0080-U+00BF (Latin-1 punctuation), U+2000-U+2BFF (general
     * punctuation, symbols) and U+3000-U+303F (CJK punctuation). */
    if (c == 0xc2 || (c == 0xe2 && c1 < 0xb0) || (c == 0xe3 && c1 < 0x81))
        return 0;
    memcpy(out, s + i, len);
    if (len != 2)
        return len;
    if (c == 0xc3 && c1 >= 0x80 && c1 <= 0x9e && c1 != 0x97)
        out[1] = c1 + 0x20;                       /* Latin-1 capitals */
    else if (c == 0xd0 && c1 >= 0x90 && c1 <= 0x9f)
        out[1] = c1 + 0x20;                       /* А-П */
    else if (c == 0xd0 && c1 >= 0xa0 && c1 <= 0xaf) {
        out[0] = 0xd1;                            /* Р-Я */
        out[1] = c1 - 0x20;
    } else if (c == 0xd0 && c1 >= 0x80 && c1 <= 0x8f) {
        out[0] = 0xd1;                            /* Ѐ-Џ */
        out[1] = c1 + 0x10;
    } else if (c == 0xce && c1 >= 0x91 && c1 <= 0x9f)
        out[1] = c1 + 0x20;                       /* Α-Ο */
    else if (c == 0xce && c1 >= 0xa0 && c1 <= 0xa9 && c1 != 0xa2) {
        out[0] = 0xcf;                            /* Π-Ω */
        out[1] = c1 - 0x20;
    }
    return 2;
}

static void
score_word(struct dtl_langdetect *d, const unsigned char *w, size_t n)
{
    const struct slot *e;
    uint64_t m;
    unsigned l;

    d->words++;
    if (n > WORD_MAX)
        return;
    e = find(w, n);
    if (!e->p)
        return;
    for (m = e->langs, l = 0; m; m >>= 1, l++)
        if (m & 1)
            d->hits[l]++;
}

void
dtl_langdetect_add(struct dtl_langdetect *d, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned char w[WORD_MAX + 4], ch[4];
    size_t i = 0, wn = 0, len, skip;
    int in_word = 0;

    pthread_once(&table_once, table_init);
    if (!p || d->bytes >= DTL_LANGDETECT_SCAN)
        return;
    if (n > DTL_LANGDETECT_SCAN - d->bytes)
        n = DTL_LANGDETECT_SCAN - d->bytes;
    d->bytes += n;
    while (i < n) {
        len = letter(s, n, i, ch, &skip);
        if (len) {
            if (wn + len <= sizeof(w) - 4)
                memcpy(w + wn, ch, len);
            wn += len;
            in_word = 1;
        } else if (in_word) {
            score_word(d, w, wn);
            wn = 0;
            in_word = 0;
        }
        i += skip;
    }
    if (in_word)
        score_word(d, w, wn);
}

const char *
dtl_langdetect_result(const struct dtl_langdetect *d, unsigned *hits)
{
    unsigned best = 0, second = 0;
    size_t l, win = 0;

    if (hits)
        *hits = 0;
    pthread_once(&table_once, table_init);
    for (l = 0; l < N_LISTS && l < DTL_LANGDETECT_MAX; l++) {
        if (d->hits[l] > best) {
            second = best;
            best = d->hits[l];
            win = l;
        } else if (d->hits[l] > second) {
            second = d->hits[l];
        }
    }
    if (hits)
        *hits = best;
    if (best < DETECT_MIN_HITS ||
        (size_t)best * DETECT_MIN_SHARE < d->words ||
        best - second < DETECT_MIN_LEAD ||
        (best - second) * DETECT_LEAD_SHARE < best)
        return NULL;
    return canon[win];
}

const char *
dtl_langdetect_override(const struct dtl_langdetect *d,
                        const char *declared)
{
    unsigned best = 0, own = 0;
    const char *win = dtl_langdetect_result(d, &best);
    size_t l;

    if (!win || win == declared || best < DETECT_STRONG_HITS ||
        (size_t)best * DETECT_STRONG_SHARE < d->words)
        return NULL;
    for (l = 0; l < N_LISTS && l < DTL_LANGDETECT_MAX; l++)
        if (canon[l] && canon[l] == declared)
            own = d->hits[l];
    return own * 2 < best ? win : NULL;
}

const char *
dtl_lang_detect(const char *p, size_t n)
{
    struct dtl_langdetect d;

    dtl_langdetect_init(&d);
    dtl_langdetect_add(&d, p, n);
    return dtl_langdetect_result(&d, NULL);
}

/* Primary subtags libstemmer's alias table does not name. */
static const struct {
    const char *code, *lang;
} extra_tags[] = {
    {"nb", "norwegian"}, {"nn", "norwegian"}, {"nob", "norwegian"},
    {"nno", "norwegian"}, {"hr", "serbian"}, {"bs", "serbian"},
    {"sh", "serbian"}, {"in", "indonesian"}, {"ms", "indonesian"},
};

const char *
dtl_lang_from_tag(const char *tag, size_t n)
{
    char low[16];
    size_t i, k = 0;

    if (!tag)
        return NULL;
    while (k < n && (tag[k] == ' ' || tag[k] == '\t'))
        k++;
    for (i = 0; k < n && i < sizeof(low) - 1; k++, i++) {
        unsigned char c = (unsigned char)tag[k];

        if (c == '-' || c == '_' || c == ' ' || c == ',' || c == ';')
            break;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return NULL;
        low[i] = (char)(c | 0x20);
    }
    if (i == 0 || i == sizeof(low) - 1)
        return NULL;
    low[i] = '\0';
    /* "porter" and "none" are analyser settings, not languages. */
    if (strcmp(low, "porter") == 0 || strcmp(low, "none") == 0)
        return NULL;
    for (k = 0; k < sizeof(extra_tags) / sizeof(extra_tags[0]); k++)
        if (strcmp(low, extra_tags[k].code) == 0)
            return dtl_stem_canonical(extra_tags[k].lang);
    return dtl_stem_canonical(low);
}

const char *
dtl_lang_code(const char *tag, size_t n)
{
    const char *lang = dtl_lang_from_tag(tag, n);

    return lang ? dtl_stem_code(lang) : NULL;
}
