/* Dateline: the benchmark peer, indexing live-blog pages with Xapian's own
 * TermGenerator.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool for tools/bench, never installed and not part of
 * libdateline.  It is the one file outside index/ that includes
 * <xapian.h>, because it *is* the peer: it indexes the same pages the way
 * a plain Xapian user would, so that `dateline index` can be compared
 * with it on the same text in the same run.
 *
 * What it does, per page (a .txt file; directories are walked recursively
 * with names sorted, as `dateline index` does):
 *   - header lines "Name: value" up to the first blank line (Title, URL);
 *   - a stamp line is a short line (after an optional "...") that matches
 *     one of the regexes below; the next line is the entry's headline and
 *     the lines up to the next stamp its body;
 *   - the text before the first stamp is the lead, one more document
 *     (dated like its newest entry), as Dateline indexes it;
 *   - the boilerplate tail starts at a line "Request Reprint".
 * Each entry is one document: index_text(headline), a position gap,
 * index_text(body) with the English stemmer and STEM_SOME (positions on),
 * the text as data, the UTC time as a sortable value in slot 0, a
 * boolean unique-id term Q<url>#<n>, written with replace_document(Q...).
 * One commit at the end (Xapian's own autoflush applies in between).
 *
 * --full also adds what Dateline's layout has on top (index/xapian-shim.cc):
 * headline words again with prefix S, the page title with XT, the page
 * key as a P boolean term and value slot 1, so that the two can be
 * compared term for term as well as by the plain-user baseline.
 *
 * --entries reads bench-entries' entries.tsv files instead of pages (id,
 * UTC seconds, headline, text a line), so that the peer is fed exactly
 * the entries the other peers get; the unique term is then Q<id>.
 *
 * --scriptindex OUT writes the same entries (id, headline, body) as
 * records for Xapian's scriptindex instead (tools/bench-scriptindex.idx
 * is the matching index script), so that it is fed the same text.
 *
 * Usage: bench-termgen [--full] [--quiet] [--append] [--entries]
 *                      --db PATH FILE|DIR...
 *        bench-termgen [--quiet] [--entries] --scriptindex OUT FILE|DIR...
 * The database at PATH is created afresh (overwritten), or with --append
 * opened as it is and added to (a page indexed again replaces its
 * entries, by their unique terms).  Prints
 * "bench-termgen: indexed N pages (M entries), B bytes" on stderr.
 */
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>

#include <xapian.h>

namespace {

struct entry {
    std::string headline, body;
    int64_t ts = 0;
    bool dated = false;
};

const char *const month_names[12] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
};

/* The stamp shapes of tools/gen-archive and the shared corpus. */
const std::regex re_newsweek(
    "([A-Z][a-z]{2}) ([0-9]{1,2}), ([0-9]{4}) at ([0-9]{1,2}):([0-9]{2}) "
    "(AM|PM) ([A-Z]{2,4})");
const std::regex re_cnn(
    "([A-Z][a-z]+) ([0-9]{1,2}), ([0-9]{4}), ([0-9]{1,2}):([0-9]{2}) "
    "(a\\.m\\.|p\\.m\\.) ([A-Z]{2,4})");
const std::regex re_dmy(
    "([0-9]{1,2}) ([A-Z][a-z]+) ([0-9]{4}) ([0-9]{1,2}):([0-9]{2}) "
    "([A-Z]{2,4})");
const std::regex re_iso(
    "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    "(Z|[+-][0-9]{2}:[0-9]{2})");

int
month_of(const std::string &s)
{
    if (s.size() < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s.c_str(), month_names[i], 3) == 0)
            return i + 1;
    return 0;
}

int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int64_t
utc(int y, int mo, int d, int h, int mi, int s)
{
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Day of month of the n-th Sunday of a month. */
int
nth_sunday(int y, int m, int n)
{
    int64_t first = days_from_civil(y, m, 1);
    int wd = static_cast<int>((first % 7 + 11) % 7); /* 0 = Sunday */
    return 1 + (7 - wd) % 7 + 7 * (n - 1);
}

/* Seconds east of UTC for a zone name at a local civil time. */
bool
zone_offset(const std::string &z, int y, int mo, int d, int h, int *off)
{
    if (z == "GMT" || z == "UTC" || z == "Z") {
        *off = 0;
    } else if (z == "EST") {
        *off = -5 * 3600;
    } else if (z == "EDT") {
        *off = -4 * 3600;
    } else if (z == "ET") {
        int64_t t = days_from_civil(y, mo, d) * 24 + h;
        int64_t a = days_from_civil(y, 3, nth_sunday(y, 3, 2)) * 24 + 2;
        int64_t b = days_from_civil(y, 11, nth_sunday(y, 11, 1)) * 24 + 2;
        *off = (t >= a && t < b ? -4 : -5) * 3600;
    } else if (z == "BST") {
        *off = 3600;
    } else {
        return false;
    }
    return true;
}

/* Is this line a stamp?  If so, its UTC time in *ts. */
bool
parse_stamp(const char *p, size_t n, int64_t *ts)
{
    if (n >= 3 && memcmp(p, "...", 3) == 0) {
        p += 3;
        n -= 3;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
        n--;
    /* Cheap filter: stamps are short and start with a digit or a month. */
    if (n < 10 || n > 48)
        return false;
    if (!(p[0] >= '0' && p[0] <= '9') &&
        month_of(std::string(p, 3)) == 0)
        return false;
    std::cmatch m;
    int y, mo, d, h, mi, s = 0, off;
    if (std::regex_match(p, p + n, m, re_iso)) {
        y = std::stoi(m[1]);
        mo = std::stoi(m[2]);
        d = std::stoi(m[3]);
        h = std::stoi(m[4]);
        mi = std::stoi(m[5]);
        s = std::stoi(m[6]);
        std::string z = m[7];
        off = 0;
        if (z != "Z") {
            off = (std::stoi(z.substr(1, 2)) * 60 + std::stoi(z.substr(4)))
                  * 60;
            if (z[0] == '-')
                off = -off;
        }
    } else {
        bool twelve = true;
        std::string zone, ampm;
        if (std::regex_match(p, p + n, m, re_newsweek) ||
            std::regex_match(p, p + n, m, re_cnn)) {
            mo = month_of(m[1]);
            d = std::stoi(m[2]);
        } else if (std::regex_match(p, p + n, m, re_dmy)) {
            d = std::stoi(m[1]);
            mo = month_of(m[2]);
            twelve = false;
        } else {
            return false;
        }
        y = std::stoi(m[3]);
        h = std::stoi(m[4]);
        mi = std::stoi(m[5]);
        if (twelve) {
            ampm = m[6];
            zone = m[7];
            h %= 12;
            if (ampm[0] == 'P' || ampm[0] == 'p')
                h += 12;
        } else {
            zone = m[6];
        }
        if (mo == 0 || !zone_offset(zone, y, mo, d, h, &off))
            return false;
    }
    *ts = utc(y, mo, d, h, mi, s) - off;
    return true;
}

struct run {
    Xapian::WritableDatabase db;
    Xapian::TermGenerator tg;
    std::ofstream dump;     /* --scriptindex: records instead of a db */
    bool full = false;
    unsigned long pages = 0, entries = 0;
    uint64_t bytes = 0;
};

/* One scriptindex field: a value's later lines start with "=". */
void
dump_field(std::ofstream &o, const char *name, const std::string &v)
{
    o << name << '=';
    for (char c : v) {
        o << c;
        if (c == '\n')
            o << '=';
    }
    o << '\n';
}

void
add_doc(run &r, const std::string &url, const std::string &title,
        size_t idx, const entry &e)
{
    if (r.dump.is_open()) {
        dump_field(r.dump, "id", url + "#" + std::to_string(idx));
        dump_field(r.dump, "headline", e.headline);
        dump_field(r.dump, "body", e.body);
        r.dump << '\n';
        r.entries++;
        return;
    }
    Xapian::Document doc;
    r.tg.set_document(doc);
    r.tg.index_text(e.headline);
    r.tg.increase_termpos(100);
    r.tg.index_text(e.body);
    if (r.full) {
        r.tg.increase_termpos(100);
        r.tg.index_text(e.headline, 1, "S");
        r.tg.increase_termpos(100);
        r.tg.index_text(title, 1, "XT");
        doc.add_boolean_term("P" + url);
        doc.add_value(1, url);
    }
    doc.set_data(e.headline + "\n" + e.body);
    if (e.dated)
        doc.add_value(0, Xapian::sortable_serialise(
                             static_cast<double>(e.ts)));
    std::string id = "Q" + url + "#" + std::to_string(idx);
    doc.add_boolean_term(id);
    r.db.replace_document(id, doc);
    r.entries++;
}

void
index_page(run &r, const std::string &path, const std::string &text)
{
    std::string title, url;
    std::vector<entry> entries;
    entry lead;
    entry *cur = &lead;
    bool in_header = true, want_headline = false;
    size_t pos = 0;

    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos)
            nl = text.size();
        const char *line = text.data() + pos;
        size_t len = nl - pos;
        pos = nl + 1;
        if (in_header) {
            if (len == 0) {
                in_header = false;
                continue;
            }
            const char *colon =
                static_cast<const char *>(memchr(line, ':', len));
            if (colon && colon - line < 16 && colon + 1 < line + len &&
                colon[1] == ' ') {
                std::string key(line, colon - line);
                std::string val(colon + 2, line + len);
                if (key == "Title")
                    title = val;
                else if (key == "URL")
                    url = val;
                continue;
            }
            in_header = false; /* no header: this is the lead */
        }
        if (len >= 15 && memcmp(line, "Request Reprint", 15) == 0)
            break;
        int64_t ts;
        if (parse_stamp(line, len, &ts)) {
            entries.emplace_back();
            cur = &entries.back();
            cur->ts = ts;
            cur->dated = true;
            want_headline = true;
            continue;
        }
        if (want_headline) {
            cur->headline.assign(line, len);
            want_headline = false;
            continue;
        }
        if (!cur->body.empty())
            cur->body += '\n';
        cur->body.append(line, len);
    }
    if (url.empty())
        url = path;
    if (!entries.empty()) {
        lead.ts = entries.front().ts;
        lead.dated = true;
    }
    if (!lead.body.empty() || entries.empty())
        add_doc(r, url, title, 0, lead);
    for (size_t i = 0; i < entries.size(); i++)
        add_doc(r, url, title, i + 1, entries[i]);
    r.pages++;
}

/* An entries.tsv of bench-entries: id TAB ts TAB headline TAB text. */
bool
index_entries(run &r, const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::string line;
    size_t no = 0;

    if (!in) {
        std::cerr << "bench-termgen: " << path << ": cannot read\n";
        return false;
    }
    while (std::getline(in, line)) {
        size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1),
               t3 = line.find('\t', t2 + 1), hash = line.rfind('#', t1);
        no++;
        if (t1 == std::string::npos || t2 == std::string::npos ||
            t3 == std::string::npos || hash == std::string::npos) {
            std::cerr << "bench-termgen: " << path << ":" << no
                      << ": expected id#n, ts, headline, text\n";
            return false;
        }
        entry e;
        e.ts = std::strtoll(line.c_str() + t1 + 1, nullptr, 10);
        e.dated = true;
        e.headline = line.substr(t2 + 1, t3 - t2 - 1);
        e.body = line.substr(t3 + 1);
        r.bytes += line.size() + 1;
        add_doc(r, line.substr(0, hash), std::string(),
                std::strtoul(line.c_str() + hash + 1, nullptr, 10), e);
    }
    return true;
}

bool
has_suffix(const std::string &s, const char *suf)
{
    size_t n = strlen(suf);
    return s.size() >= n && s.compare(s.size() - n, n, suf) == 0;
}

bool
index_path(run &r, const std::string &path, bool named)
{
    struct stat sb;
    if (stat(path.c_str(), &sb) != 0) {
        std::cerr << "bench-termgen: " << path << ": " << strerror(errno)
                  << "\n";
        return false;
    }
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path.c_str());
        if (!d) {
            std::cerr << "bench-termgen: " << path << ": " << strerror(errno)
                      << "\n";
            return false;
        }
        std::vector<std::string> names;
        while (struct dirent *de = readdir(d))
            if (de->d_name[0] != '.')
                names.push_back(path + "/" + de->d_name);
        closedir(d);
        std::sort(names.begin(), names.end());
        bool ok = true;
        for (const auto &n : names)
            ok = index_path(r, n, false) && ok;
        return ok;
    }
    if (!S_ISREG(sb.st_mode) || (!named && !has_suffix(path, ".txt")))
        return true;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) {
        std::cerr << "bench-termgen: " << path << ": cannot read\n";
        return false;
    }
    std::string text = ss.str();
    r.bytes += text.size();
    index_page(r, path, text);
    return true;
}

void
usage()
{
    std::cerr << "usage: bench-termgen [--full] [--quiet] [--append] "
                 "[--entries] --db PATH FILE|DIR...\n"
                 "       bench-termgen [--quiet] [--entries] --scriptindex "
                 "OUT FILE|DIR...\n";
}

} // namespace

int
main(int argc, char **argv)
{
    std::string dbpath, dump;
    bool full = false, quiet = false, append = false, tsv = false;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        std::string a = argv[i];
        if (a == "--db" && i + 1 < argc) {
            dbpath = argv[++i];
        } else if (a == "--scriptindex" && i + 1 < argc) {
            dump = argv[++i];
        } else if (a == "--full") {
            full = true;
        } else if (a == "--quiet") {
            quiet = true;
        } else if (a == "--append") {
            append = true;
        } else if (a == "--entries") {
            tsv = true;
        } else {
            usage();
            return 2;
        }
    }
    if ((dbpath.empty() == dump.empty()) || i >= argc) {
        usage();
        return 2;
    }
    try {
        run r;
        if (!dump.empty()) {
            r.dump.open(dump, std::ios::binary | std::ios::trunc);
            if (!r.dump) {
                std::cerr << "bench-termgen: cannot write " << dump << "\n";
                return 5;
            }
            r.db = Xapian::WritableDatabase(std::string(),
                                            Xapian::DB_BACKEND_INMEMORY);
        } else {
            r.db = Xapian::WritableDatabase(
                dbpath, append ? Xapian::DB_CREATE_OR_OPEN
                               : Xapian::DB_CREATE_OR_OVERWRITE);
        }
        r.full = full;
        r.tg.set_stemmer(Xapian::Stem("english"));
        r.tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        bool ok = true;
        for (; i < argc; i++)
            ok = (tsv ? index_entries(r, argv[i])
                      : index_path(r, argv[i], true)) &&
                 ok;
        r.db.commit();
        r.db.close();
        if (!quiet)
            std::cerr << "bench-termgen: indexed " << r.pages << " pages ("
                      << r.entries << " entries), " << r.bytes
                      << " bytes\n";
        return ok ? 0 : 1;
    } catch (const Xapian::Error &e) {
        std::cerr << "bench-termgen: " << e.get_description() << "\n";
        return 5;
    }
}
