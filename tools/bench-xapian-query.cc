/* Dateline: time queries against a Xapian database the way a plain Xapian
 * user would run them, for tools/bench.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed; the query side of the Xapian peer
 * (the database is built by bench-termgen or scriptindex).  Each query
 * goes through Xapian::QueryParser with the English stemmer and
 * STEM_SOME, default operator AND (--mode all) or OR (--mode any), is run
 * with Xapian's default weighting (BM25) for the top 10, and each hit's
 * document data is read, as a results page would show it.  As
 * bench-query.c does: one untimed warm-up pass, one timed pass on one
 * thread (microseconds per query to --lat), then every query on each of
 * --threads threads (each with its own Database) for queries/s.  Prints
 * "queries=N threads=T qps=Q results=R" on stdout.
 *
 * Usage: bench-xapian-query --db PATH --queries FILE [--mode all|any]
 *                           [--threads N] [--lat FILE]
 */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

namespace {

using clock_type = std::chrono::steady_clock;

struct worker {
    std::string db;
    const std::vector<std::string> *queries = nullptr;
    bool any = false;
    std::vector<double> *lat = nullptr;
    size_t results = 0;
    std::string error;

    void run()
    {
        try {
            Xapian::Database d(db);
            Xapian::QueryParser qp;
            qp.set_database(d);
            qp.set_stemmer(Xapian::Stem("english"));
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.set_default_op(any ? Xapian::Query::OP_OR
                                  : Xapian::Query::OP_AND);
            Xapian::Enquire enq(d);
            for (size_t i = 0; i < queries->size(); i++) {
                auto t0 = clock_type::now();
                enq.set_query(qp.parse_query((*queries)[i]));
                Xapian::MSet m = enq.get_mset(0, 10);
                for (auto it = m.begin(); it != m.end(); ++it)
                    results += it.get_document().get_data().empty() ? 0 : 1;
                if (lat)
                    (*lat)[i] = std::chrono::duration<double, std::micro>(
                                    clock_type::now() - t0)
                                    .count();
            }
        } catch (const Xapian::Error &e) {
            error = e.get_description();
        }
    }
};

[[noreturn]] void
usage()
{
    std::cerr << "usage: bench-xapian-query --db PATH --queries FILE "
                 "[--mode all|any] [--threads N] [--lat FILE]\n";
    std::exit(2);
}

} // namespace

int
main(int argc, char **argv)
{
    std::string db, qfile, latfile;
    bool any = false;
    unsigned threads = 1;

    for (int i = 1; i < argc; i += 2) {
        std::string a = argv[i];
        if (i + 1 >= argc)
            usage();
        std::string v = argv[i + 1];
        if (a == "--db")
            db = v;
        else if (a == "--queries")
            qfile = v;
        else if (a == "--lat")
            latfile = v;
        else if (a == "--mode" && (v == "all" || v == "any"))
            any = v == "any";
        else if (a == "--threads" && std::atoi(v.c_str()) > 0)
            threads = unsigned(std::atoi(v.c_str()));
        else
            usage();
    }
    if (db.empty() || qfile.empty())
        usage();
    std::vector<std::string> queries;
    {
        std::ifstream in(qfile);
        if (!in) {
            std::cerr << "bench-xapian-query: cannot read " << qfile << "\n";
            return 1;
        }
        std::string line;
        while (std::getline(in, line))
            if (!line.empty())
                queries.push_back(line);
    }
    if (queries.empty()) {
        std::cerr << "bench-xapian-query: " << qfile << ": no queries\n";
        return 1;
    }

    std::vector<double> lat(queries.size());
    worker one;
    one.db = db;
    one.queries = &queries;
    one.any = any;
    one.run();                  // warm-up
    one.results = 0;
    one.lat = &lat;
    one.run();
    if (!one.error.empty()) {
        std::cerr << "bench-xapian-query: " << one.error << "\n";
        return 1;
    }
    if (!latfile.empty()) {
        FILE *f = std::fopen(latfile.c_str(), "w");
        if (!f) {
            std::cerr << "bench-xapian-query: cannot write " << latfile
                      << "\n";
            return 1;
        }
        for (double v : lat)
            std::fprintf(f, "%.1f\n", v);
        if (std::fclose(f) != 0)
            return 1;
    }

    std::vector<worker> ws(threads);
    std::vector<std::thread> ts;
    auto t0 = clock_type::now();
    for (auto &w : ws) {
        w.db = db;
        w.queries = &queries;
        w.any = any;
        ts.emplace_back(&worker::run, &w);
    }
    for (auto &t : ts)
        t.join();
    double wall =
        std::chrono::duration<double>(clock_type::now() - t0).count();
    for (auto &w : ws)
        if (!w.error.empty()) {
            std::cerr << "bench-xapian-query: " << w.error << "\n";
            return 1;
        }
    std::printf("queries=%zu threads=%u qps=%.1f results=%zu\n",
                queries.size(), threads,
                double(queries.size()) * threads / wall, one.results);
    return 0;
}
