/* Dateline: opening many databases (local, stub files, remote) as one.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Implements dtl_index_open_many() and the shard accessors of
 * include/dateline/index.h, and the shard bookkeeping that shim-search.cc
 * calls around each search.  Called by the programs (`dateline search
 * --db X` repeated, dateline.cgi).  Relies on Xapian 1.4's remote backend
 * (Xapian::Remote::open, served by the stock xapian-tcpsrv) and on
 * dtl_shim_fail() for messages.
 *
 * Why not let Xapian open a stub file by itself: it would open every line
 * or fail as a whole, with its own fixed 10 s remote timeouts, and a
 * failure would not say which shard.  So stub files are read here (the
 * format of Xapian's stub databases: `auto|glass|chert PATH`, `remote
 * HOST:PORT`, `remote :PROGRAM ARGS`, `inmemory`, blank lines, `#`
 * comments; relative paths against the stub's folder; stubs may name
 * stubs), parsed by the one stub parser (src/stub.c, dtl_stub_load(),
 * fuzzed), and every shard is opened on its own, remote ones with the
 * caller's timeout for the connection and for every exchange.
 *
 * A shard that does not open, or that stops answering during a search
 * (dtl_shim_shards_drop_dead() finds it with a keep-alive to each remote
 * shard), is kept in the list with the reason; the combined Database is
 * rebuilt from the others.  Whether a search may go on without it is the
 * search's choice (struct dtl_search_opts.partial).
 */
#include <config.h>
#include "shim.h"

#include <new>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sys/stat.h>

#include <xapian.h>

extern "C" {
#include "dateline/admin.h"
#include "layout.h"
#include "status.h"
}
#include "stub.h"

#include "banned.h"

namespace {

/* Stubs naming stubs: deeper is a loop or a mistake. */
const int stub_depth_max = 8;
/* Bytes read to tell a stub (text) from a single-file database. */
const size_t sniff_bytes = 512;

/* One shard to open. */
struct spec {
    enum { LOCAL, TCP, PROG } kind;
    std::string name;        /* for messages: path or tcp://HOST:PORT */
    std::string path;        /* LOCAL */
    std::string host;        /* TCP */
    unsigned port = 0;
    std::string prog, args;  /* PROG */
};

/* A malformed stub or database name, thrown while collecting specs. */
struct bad_name {
    dtl_status st;
    std::string msg;
};

std::string
dir_of(const std::string &file)
{
    size_t slash = file.rfind('/');

    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return file.substr(0, slash);
}

std::string
resolve(const std::string &dir, const std::string &p)
{
    if (!p.empty() && p[0] == '/')
        return p;
    return dir + "/" + p;
}

/* A remote argument ("HOST:PORT" or ":PROGRAM ARGS", split by the stub
 * parser's dtl_stub_remote_split()) into s; false if malformed or, with
 * tcp_only, a program. */
bool
remote_spec(const std::string &arg, bool tcp_only, spec &s)
{
    struct dtl_stub_remote r;

    if (!dtl_stub_remote_split(arg.data(), arg.size(), &r) ||
        (tcp_only && r.program))
        return false;
    if (r.program) {
        s.kind = spec::PROG;
        s.prog = arg.substr(r.name, r.name_len);
        s.args = arg.substr(r.args);
        s.name = "remote " + arg;
    } else {
        s.kind = spec::TCP;
        s.host = arg.substr(r.name, r.name_len);
        s.port = r.port;
        s.name = "tcp://" + arg;
    }
    return true;
}

void collect(const std::string &name, int depth, std::vector<spec> &out);

/* Frees a dtl_stub when the scope ends, thrown through or not. */
struct stub_holder {
    dtl_stub *s = nullptr;
    ~stub_holder() { dtl_stub_free(s); }
};

/* Read the stub file at file (its lines' paths are relative to dir)
 * with the one stub parser, src/stub.c, whose messages name the file and
 * line. */
void
collect_stub(const std::string &file, const std::string &dir, int depth,
             std::vector<spec> &out)
{
    struct dtl_error e = DTL_ERROR_INIT;
    stub_holder h;
    dtl_status st = dtl_stub_load(file.c_str(), &h.s, &e);

    if (st == DTL_ENOMEM)
        throw std::bad_alloc();
    if (st != DTL_OK)
        /* A malformed stub is a malformed index name (index.h). */
        throw bad_name{st == DTL_ESYNTAX ? DTL_EINDEX : st, e.msg};
    for (size_t i = 0; i < dtl_stub_count(h.s); i++) {
        const struct dtl_stub_shard *sh = dtl_stub_get(h.s, i);
        std::string type = sh->type, arg = sh->arg;

        if (type == "remote") {
            spec s;
            if (!remote_spec(arg, false, s))
                throw bad_name{DTL_EINTERNAL,
                               file + ": the stub parser let through '" +
                                   arg.substr(0, 80) + "'"};
            out.push_back(s);
        } else if (type == "inmemory") {
            throw bad_name{DTL_EINDEX,
                           file + ": stub line " + std::to_string(sh->line) +
                               ": an inmemory database holds no index"};
        } else {
            collect(resolve(dir, arg), depth + 1, out);
        }
        if (out.size() > DTL_SHARDS_MAX)
            throw bad_name{DTL_ELIMIT,
                           file + ": more than " +
                               std::to_string(DTL_SHARDS_MAX) + " shards"};
    }
}

/* Is the regular file at path a stub (text) rather than a single-file
 * database?  Databases start with binary magic. */
bool
looks_like_stub(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    unsigned char buf[sniff_bytes];
    size_t n;

    if (!f)
        return true; /* let collect_stub report why */
    n = std::fread(buf, 1, sizeof(buf), f);
    std::fclose(f);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == 0 || (buf[i] < 0x20 && buf[i] != '\n' &&
                            buf[i] != '\r' && buf[i] != '\t'))
            return false;
    return true;
}

/* Add the shards name stands for: tcp://, a stub, or a local index. */
void
collect(const std::string &name, int depth, std::vector<spec> &out)
{
    struct stat st;

    if (depth > stub_depth_max)
        throw bad_name{DTL_ELIMIT, name + ": stub files nested more than " +
                                       std::to_string(stub_depth_max) +
                                       " deep (a loop?)"};
    if (name.compare(0, 6, "tcp://") == 0) {
        spec s;
        std::string hp = name.substr(6);
        if (!hp.empty() && hp.back() == '/')
            hp.pop_back();
        if (!remote_spec(hp, true, s))
            throw bad_name{DTL_EINVAL, name + ": expected tcp://HOST:PORT"};
        out.push_back(s);
        return;
    }
    if (stat(name.c_str(), &st) == 0) {
        std::string inner = name + "/XAPIANDB";
        struct stat st2;

        if (S_ISDIR(st.st_mode) && stat(inner.c_str(), &st2) == 0 &&
            S_ISREG(st2.st_mode)) {
            collect_stub(inner, name, depth, out);
            return;
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0 &&
            looks_like_stub(name)) {
            collect_stub(name, dir_of(name), depth, out);
            return;
        }
    }
    /* A database directory, a single-file database, or nothing there
     * (opening says which). */
    spec s;
    s.kind = spec::LOCAL;
    s.path = name;
    s.name = name;
    out.push_back(s);
}

/* Check a shard's layout version; "" when it is fine, else why not. */
std::string
layout_problem(const Xapian::Database &db, const std::string &name)
{
    std::string v = db.get_metadata(DTL_META_LAYOUT);

    if (v == DTL_LAYOUT_VERSION || (v.empty() && db.get_doccount() == 0))
        return std::string();
    if (v.empty())
        return name + " is not a Dateline index (no layout version)";
    return name + " has index layout " + v.substr(0, 32) +
           "; this Dateline reads layout " DTL_LAYOUT_VERSION
           ": rebuild the index from the archive";
}

/* Why a Xapian call failed, without the shard's name. */
std::string
describe(const Xapian::Error &e)
{
    std::string why = e.get_type() + std::string(": ") + e.get_msg();

    if (e.get_error_string())
        why.append(" (").append(e.get_error_string()).append(")");
    return why;
}

/* Open one shard into sh; on failure fill sh.why and return the status. */
dtl_status
open_shard(const spec &s, unsigned timeout_ms, dtl_shard &sh)
{
    struct dtl_error e = DTL_ERROR_INIT;

    sh.name = s.name;
    sh.remote = s.kind != spec::LOCAL;
    try {
        switch (s.kind) {
        case spec::LOCAL:
            sh.db = Xapian::Database(s.path);
            break;
        case spec::TCP:
            sh.db = Xapian::Remote::open(s.host, s.port, timeout_ms,
                                         timeout_ms);
            break;
        case spec::PROG:
            sh.db = Xapian::Remote::open(s.prog, s.args, timeout_ms);
            break;
        }
        if (sh.db.size() == 0) {
            sh.db = Xapian::Database();
            sh.why = "not an index (an empty file)";
            return DTL_EINDEX;
        }
        /* Read here, so that a shard that dies after connecting is a
         * shard that did not answer, not a failed open. */
        sh.layout_bad = layout_problem(sh.db, sh.name);
        sh.analyser = sh.db.get_metadata(DTL_META_ANALYSER);
        return DTL_OK;
    } catch (const Xapian::DatabaseNotFoundError &) {
        sh.why = "no index there";
        return DTL_ENOTFOUND;
    } catch (const Xapian::NetworkError &x) {
        sh.db = Xapian::Database();
        sh.why = describe(x);
        return DTL_EIO;
    } catch (...) {
        dtl_status st = dtl_shim_fail(&e, nullptr, true);
        sh.why = e.msg;
        return st;
    }
}

/* Rebuild ix->db from the shards that answer. */
void
combine(dtl_index *ix)
{
    Xapian::Database all;

    for (const dtl_shard &sh : ix->shards)
        if (sh.why.empty())
            all.add_database(sh.db);
    ix->db = all;
    dtl_shim_drop_caches(ix);
}

dtl_status
open_many(dtl_index *ix, const char *const *dbs, size_t n,
          const struct dtl_open_opts &o, struct dtl_error *err)
{
    std::vector<spec> specs;
    dtl_status first_st = DTL_OK;
    std::string analyser;
    bool have_analyser = false;

    for (size_t i = 0; i < n; i++) {
        if (!dbs[i] || !*dbs[i])
            return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                                 "dtl_index_open_many: database %zu has "
                                 "no name", i);
        collect(dbs[i], 0, specs);
        if (specs.size() > DTL_SHARDS_MAX)
            return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                                 "more than %d shards", DTL_SHARDS_MAX);
    }
    if (specs.empty())
        return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                             "%s names no database", dbs[0]);
    ix->timeout_ms = o.timeout_ms ? o.timeout_ms : DTL_DEFAULT_TIMEOUT_MS;
    ix->shards.resize(specs.size());
    for (size_t i = 0; i < specs.size(); i++) {
        dtl_shard &sh = ix->shards[i];
        dtl_status st = open_shard(specs[i], ix->timeout_ms, sh);

        if (st == DTL_OK) {
            /* Shards of another layout or analyser are a set-up
             * mistake, not an outage: refuse the whole set. */
            const std::string &bad = sh.layout_bad;
            if (!bad.empty())
                return dtl_error_set(err, DTL_EINDEX, SIZE_MAX, "%s",
                                     bad.c_str());
            const std::string &a = sh.analyser;
            if (!a.empty() && have_analyser && a != analyser)
                return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                                     "%s was built with analyser '%.60s', "
                                     "the other shards with '%.60s'",
                                     sh.name.c_str(), a.c_str(),
                                     analyser.c_str());
            if (!a.empty()) {
                analyser = a;
                have_analyser = true;
            }
            sh.remote = specs[i].kind != spec::LOCAL;
            ix->remote = ix->remote || sh.remote;
        } else if (first_st == DTL_OK) {
            first_st = st;
        }
    }
    combine(ix);
    if (ix->db.size() == 0) {
        /* Not one shard answered: report the first. */
        const dtl_shard &sh = ix->shards[0];
        if (first_st == DTL_ENOTFOUND && ix->shards.size() == 1)
            return dtl_error_set(err, first_st, SIZE_MAX, "no index at %s",
                                 sh.name.c_str());
        if (ix->shards.size() == 1)
            return dtl_error_set(err, first_st, SIZE_MAX, "%s: %s",
                                 sh.name.c_str(), sh.why.c_str());
        return dtl_error_set(err, first_st, SIZE_MAX,
                             "no shard answered (%zu named); %s: %s",
                             ix->shards.size(), sh.name.c_str(),
                             sh.why.c_str());
    }
    if (o.side && *o.side) {
        try {
            ix->side = Xapian::Database(o.side);
        } catch (...) {
            return dtl_shim_fail(err, o.side, true);
        }
        if (ix->side.get_metadata(DTL_SHIM_META_SIDE).empty())
            return dtl_error_set(err, DTL_EINDEX, SIZE_MAX,
                                 "%s is not a side database (build one "
                                 "with dateline side)", o.side);
    }
    return DTL_OK;
}

} /* namespace */

/* ---- shared with shim-search.cc ------------------------------------- */

dtl_status
dtl_shim_shards_check(dtl_index *ix, bool partial, dtl_hits &hits,
                      struct dtl_error *err)
{
    hits.missing.clear();
    for (const dtl_shard &sh : ix->shards) {
        if (sh.why.empty())
            continue;
        if (!partial)
            return dtl_error_set(err, DTL_EIO, SIZE_MAX,
                                 "shard %s did not answer: %s",
                                 sh.name.c_str(), sh.why.c_str());
        hits.missing.push_back(sh.name + ": " + sh.why);
    }
    return DTL_OK;
}

bool
dtl_shim_shards_meta(dtl_index *ix, const std::string &key, std::string *out)
{
    bool dropped = false;

    if (ix->shards.empty())
        return false;
    out->clear();
    /* The analyser was read at open: no exchange needed. */
    if (key == DTL_META_ANALYSER) {
        for (const dtl_shard &sh : ix->shards)
            if (sh.why.empty() && !sh.analyser.empty()) {
                *out = sh.analyser;
                return true;
            }
        return true;
    }
    /* As Xapian reads a combined database's metadata (from its first
     * shard), but a shard that stopped answering is left out. */
    for (dtl_shard &sh : ix->shards) {
        if (!sh.why.empty())
            continue;
        try {
            *out = sh.db.get_metadata(key);
        } catch (const Xapian::NetworkError &e) {
            sh.why = describe(e);
            sh.db = Xapian::Database();
            dropped = true;
            continue;
        }
        break;
    }
    if (dropped)
        combine(ix);
    return true;
}

bool
dtl_shim_shards_drop_dead(dtl_index *ix) noexcept
{
    bool dropped = false;

    try {
        for (dtl_shard &sh : ix->shards) {
            if (!sh.remote || !sh.why.empty())
                continue;
            try {
                sh.db.keep_alive();
            } catch (const Xapian::Error &e) {
                sh.why = describe(e);
                sh.db = Xapian::Database();
                dropped = true;
            }
        }
        if (dropped)
            combine(ix);
    } catch (...) {
        /* Out of memory while rebuilding: the search reports its error. */
        return false;
    }
    return dropped;
}

/* ---- public ----------------------------------------------------------- */

void
dtl_open_opts_init(struct dtl_open_opts *o)
{
    if (!o)
        return;
    o->timeout_ms = DTL_DEFAULT_TIMEOUT_MS;
    o->side = nullptr;
}

dtl_status
dtl_index_open_many(const char *const *dbs, size_t n,
                    const struct dtl_open_opts *o, dtl_index **out,
                    struct dtl_error *err)
{
    struct dtl_open_opts defaults;
    dtl_index *ix = nullptr;
    dtl_status st;

    if (out)
        *out = nullptr;
    if (!dbs || n == 0 || !out)
        return dtl_error_set(err, DTL_EINVAL, SIZE_MAX,
                             "dtl_index_open_many: no databases or no "
                             "handle");
    if (n > DTL_SHARDS_MAX)
        return dtl_error_set(err, DTL_ELIMIT, SIZE_MAX,
                             "more than %d databases", DTL_SHARDS_MAX);
    if (!o) {
        dtl_open_opts_init(&defaults);
        o = &defaults;
    }
    try {
        ix = dtl_shim_new<dtl_index>();
        if (!ix)
            return dtl_error_set(err, DTL_ENOMEM, SIZE_MAX,
                                 "out of memory");
        ix->path = dbs[0];
        for (size_t i = 1; i < n; i++)
            ix->path.append(" + ").append(dbs[i] ? dbs[i] : "");
        st = open_many(ix, dbs, n, *o, err);
        if (st != DTL_OK) {
            dtl_shim_delete(ix);
            return st;
        }
        *out = ix;
        return DTL_OK;
    } catch (const bad_name &b) {
        dtl_shim_delete(ix);
        return dtl_error_set(err, b.st, SIZE_MAX, "%s", b.msg.c_str());
    } catch (...) {
        st = dtl_shim_fail(err, dbs[0], true);
        dtl_shim_delete(ix);
        return st;
    }
}

size_t
dtl_index_shard_count(const dtl_index *ix)
{
    if (!ix)
        return 0;
    return ix->shards.empty() ? 1 : ix->shards.size();
}

dtl_status
dtl_index_shard(const dtl_index *ix, size_t i, const char **name,
                const char **why)
{
    if (name)
        *name = nullptr;
    if (why)
        *why = nullptr;
    if (!ix || i >= dtl_index_shard_count(ix))
        return DTL_EINVAL;
    if (ix->shards.empty()) {
        if (name)
            *name = ix->path.c_str();
        if (why)
            *why = "";
        return DTL_OK;
    }
    if (name)
        *name = ix->shards[i].name.c_str();
    if (why)
        *why = ix->shards[i].why.c_str();
    return DTL_OK;
}

size_t
dtl_hits_missing_count(const dtl_hits *h)
{
    return h ? h->missing.size() : 0;
}

const char *
dtl_hits_missing(const dtl_hits *h, size_t i)
{
    return h && i < h->missing.size() ? h->missing[i].c_str() : nullptr;
}
