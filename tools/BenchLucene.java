/* Dateline: the Lucene 8 peer of tools/bench, indexing and querying.
 *
 * Copyright (C) 2026 the Dateline developers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A developer tool, never installed; compiled by tools/bench with javac
 * against Debian's liblucene8-java.  Set up as a Lucene user would:
 * EnglishAnalyzer (Porter stemming, English stop words), the default
 * codec and BM25Similarity, positions kept (TextField).  Each entry is one
 * document: its headline and text in one indexed field "text", the id as
 * a StringField, the time as a LongPoint, headline, text and time stored
 * for display.
 *
 * index: reads bench-entries' entries.tsv (id, ts, headline, text).
 * --threads 1 adds documents from the reading thread; --threads N hands
 * batches of lines to N indexing threads sharing the IndexWriter.  A new
 * index is created unless --append, which opens the index and updates
 * documents by id (updateDocument), as re-indexing a page would.
 *
 * query: QueryParser on "text" with the same analyzer, default operator
 * AND (--mode all) or OR (--mode any), top 10, each hit's stored headline
 * read.  As bench-query.c does: one untimed warm-up pass, one timed pass
 * on one thread (microseconds per query to --lat), then every query on
 * each of --threads threads sharing one IndexSearcher, for queries/s.
 *
 * Usage: BenchLucene index [--append] [--threads N] --db DIR ENTRIES.tsv...
 *        BenchLucene query --db DIR --queries FILE [--mode all|any]
 *                    [--threads N] [--lat FILE]
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public final class BenchLucene {
    private static final List<String> END = new ArrayList<>();

    private BenchLucene() {
    }

    private static void usage() {
        System.err.println("usage: BenchLucene index [--append] [--threads N]"
                + " --db DIR ENTRIES.tsv...\n"
                + "       BenchLucene query --db DIR --queries FILE"
                + " [--mode all|any] [--threads N] [--lat FILE]");
        System.exit(2);
    }

    private static Document document(String line, String where) {
        String[] f = line.split("\t", 4);
        if (f.length != 4) {
            throw new IllegalArgumentException(where
                    + ": expected id, ts, headline, text");
        }
        long ts = Long.parseLong(f[1]);
        Document d = new Document();
        d.add(new StringField("id", f[0], Field.Store.YES));
        d.add(new LongPoint("ts", ts));
        d.add(new StoredField("ts", ts));
        d.add(new TextField("text", f[2] + "\n" + f[3], Field.Store.NO));
        d.add(new StoredField("headline", f[2]));
        d.add(new StoredField("body", f[3]));
        return d;
    }

    private static void add(IndexWriter w, boolean append, String line,
            String where) throws IOException {
        Document d = document(line, where);
        if (append) {
            w.updateDocument(new Term("id", d.get("id")), d);
        } else {
            w.addDocument(d);
        }
    }

    private static int index(String db, boolean append, int threads,
            List<String> files) throws Exception {
        Analyzer an = new EnglishAnalyzer();
        IndexWriterConfig cfg = new IndexWriterConfig(an);
        cfg.setOpenMode(append ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                : IndexWriterConfig.OpenMode.CREATE);
        long n = 0;
        try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(db)),
                cfg)) {
            BlockingQueue<List<String>> q = new ArrayBlockingQueue<>(64);
            AtomicReference<Exception> failed = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; threads > 1 && t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (List<String> b = q.take(); b != END;
                                b = q.take()) {
                            for (String line : b) {
                                add(w, append, line, db);
                            }
                        }
                    } catch (Exception e) {
                        failed.compareAndSet(null, e);
                    }
                });
                th.start();
                ts.add(th);
            }
            List<String> batch = new ArrayList<>();
            for (String file : files) {
                try (BufferedReader in = Files.newBufferedReader(
                        Paths.get(file), StandardCharsets.UTF_8)) {
                    long no = 0;
                    for (String line; (line = in.readLine()) != null;) {
                        no++;
                        n++;
                        if (threads <= 1) {
                            add(w, append, line, file + ":" + no);
                            continue;
                        }
                        batch.add(line);
                        if (batch.size() == 256) {
                            q.put(batch);
                            batch = new ArrayList<>();
                        }
                    }
                }
            }
            if (threads > 1) {
                q.put(batch);
                for (int t = 0; t < threads; t++) {
                    q.put(END);
                }
                for (Thread th : ts) {
                    th.join();
                }
                if (failed.get() != null) {
                    throw failed.get();
                }
            }
            w.commit();
        }
        System.err.println("BenchLucene: indexed " + n + " entries");
        return 0;
    }

    /** Run every query; time each into lat when it is not null. */
    private static long run(IndexSearcher s, Analyzer an, boolean any,
            List<String> queries, double[] lat) throws Exception {
        QueryParser qp = new QueryParser("text", an);
        qp.setDefaultOperator(any ? QueryParser.Operator.OR
                : QueryParser.Operator.AND);
        long results = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            Query q = qp.parse(queries.get(i));
            TopDocs top = s.search(q, 10);
            for (ScoreDoc sd : top.scoreDocs) {
                if (s.doc(sd.doc).get("headline") != null) {
                    results++;
                }
            }
            if (lat != null) {
                lat[i] = (System.nanoTime() - t0) / 1e3;
            }
        }
        return results;
    }

    private static int query(String db, String qfile, boolean any,
            int threads, String latfile) throws Exception {
        List<String> queries = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(qfile),
                StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                queries.add(line);
            }
        }
        if (queries.isEmpty()) {
            System.err.println("BenchLucene: " + qfile + ": no queries");
            return 1;
        }
        Analyzer an = new EnglishAnalyzer();
        try (DirectoryReader r = DirectoryReader.open(
                FSDirectory.open(Paths.get(db)))) {
            IndexSearcher s = new IndexSearcher(r);
            run(s, an, any, queries, null);
            double[] lat = new double[queries.size()];
            long results = run(s, an, any, queries, lat);
            if (latfile != null) {
                try (PrintWriter pw = new PrintWriter(latfile, "UTF-8")) {
                    for (double v : lat) {
                        pw.printf("%.1f%n", v);
                    }
                }
            }
            AtomicReference<Exception> failed = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        run(s, an, any, queries, null);
                    } catch (Exception e) {
                        failed.compareAndSet(null, e);
                    }
                });
                th.start();
                ts.add(th);
            }
            for (Thread th : ts) {
                th.join();
            }
            if (failed.get() != null) {
                throw failed.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("queries=%d threads=%d qps=%.1f results=%d%n",
                    queries.size(), threads,
                    queries.size() * (double) threads / wall, results);
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        String db = null, qfile = null, latfile = null;
        boolean append = false, any = false;
        int threads = 1;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--append")) {
                append = true;
            } else if (!a.startsWith("--")) {
                files.add(a);
            } else if (i + 1 >= args.length) {
                usage();
            } else if (a.equals("--db")) {
                db = args[++i];
            } else if (a.equals("--queries")) {
                qfile = args[++i];
            } else if (a.equals("--lat")) {
                latfile = args[++i];
            } else if (a.equals("--mode")) {
                any = args[++i].equals("any");
            } else if (a.equals("--threads")) {
                threads = Integer.parseInt(args[++i]);
            } else {
                usage();
            }
        }
        if (db == null || threads < 1) {
            usage();
        }
        int rc;
        if (args[0].equals("index") && !files.isEmpty()) {
            rc = index(db, append, threads, files);
        } else if (args[0].equals("query") && qfile != null) {
            rc = query(db, qfile, any, threads, latfile);
        } else {
            usage();
            rc = 2;
        }
        System.exit(rc);
    }
}
