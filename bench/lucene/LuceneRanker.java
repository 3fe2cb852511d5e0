// The Lucene reference of the ranking-quality section (`npm run bench:lucene`, driven by run.ts): indexes one
// collection with Lucene's own PersianAnalyzer or ArabicAnalyzer and BM25, then prints the top ids of each query.
// It computes no metric: the driver scores the rankings with the same TypeScript code as every other engine.
// With --serve-builds it times builds on request instead, for the paired builds of `npm run bench`
// (see serveBuilds).
//
//   java -cp <lucene-core>:<lucene-analyzers-common>:<lucene-queryparser>:<classes> LuceneRanker \
//        persian|arabic docs.tsv queries.tsv out.tsv k
//   docs.tsv:    "<doc id>\t<title and text>" per line (the driver replaces tabs and line breaks by spaces,
//                which the analyzers treat alike)
//   queries.tsv: "<query key>\t<query text>" per line
//   out.tsv:     "<query key>\t<id>\t<id>…" per query, best first, at most k ids (just the key when nothing matches)
//
// Index: one analyzed field "body" (title + text), doc id in a stored string field, BM25(k1 = 1.2, b = 0.75).
// Docs keep their file order (LogByteSizeMergePolicy merges adjacent segments only), so equal scores are
// broken by file order on every run. Query: the classic QueryParser over "body" with the default OR operator,
// after QueryParser.escape, i.e. an OR of the analyzed terms of the text as typed.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Version;

public class LuceneRanker {
  static final String BODY = "body";
  static final String ID = "id";

  static Analyzer analyzer(String name) {
    switch (name) {
      case "persian": return new PersianAnalyzer();
      case "arabic": return new ArabicAnalyzer();
      default: throw new IllegalArgumentException("unknown analyzer " + name + " (persian|arabic)");
    }
  }

  /** The lines of docs.tsv, each split at its tab: {id, body}. */
  static java.util.List<String[]> readDocs(String docsFile) throws IOException {
    java.util.List<String[]> docs = new java.util.ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(Paths.get(docsFile), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        int tab = line.indexOf('\t');
        if (tab < 0) throw new IllegalArgumentException("docs line without a tab: " + line);
        docs.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
      }
    }
    return docs;
  }

  /** Indexes `docs` into a fresh in-memory directory, as the ranking run does, and closes the writer. */
  static ByteBuffersDirectory build(Analyzer analyzer, BM25Similarity bm25, Iterable<String[]> docs)
      throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setSimilarity(bm25)
        .setMergePolicy(new LogByteSizeMergePolicy())
        .setRAMBufferSizeMB(256);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (String[] d : docs) {
        Document doc = new Document();
        doc.add(new StringField(ID, d[0], Field.Store.YES));
        doc.add(new TextField(BODY, d[1], Field.Store.NO));
        writer.addDocument(doc);
      }
    }
    return dir;
  }

  /**
   * Build timing for the bench's paired builds (`--serve-builds`): reads docs.tsv into memory, builds its index
   * once untimed (JIT warm-up), prints "ready", then for every line "build" on stdin builds it again after a
   * System.gc() and prints "build <seconds>"; ends at the end of stdin. Analysis, inversion and the flush of
   * the segment into the in-memory directory at close are timed; reading the file is not (kavosh and the JS
   * peers get their documents in memory too). The JVM waits between builds, so the caller can build with
   * another engine in turn on the same stretch of a shared machine.
   */
  static void serveBuilds(String analyzerName, String docsFile) throws Exception {
    java.util.List<String[]> docs = readDocs(docsFile);
    BM25Similarity bm25 = new BM25Similarity(1.2f, 0.75f);
    build(analyzer(analyzerName), bm25, docs).close();
    System.out.println("ready");
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null) {
      if (!line.equals("build")) throw new IllegalArgumentException("unknown command " + line);
      System.gc();
      long t0 = System.nanoTime();
      ByteBuffersDirectory dir = build(analyzer(analyzerName), bm25, docs);
      long t1 = System.nanoTime();
      if (dir.listAll().length == 0) throw new IllegalStateException("empty index");
      dir.close();
      System.out.printf(java.util.Locale.ROOT, "build %.6f%n", (t1 - t0) / 1e9);
      System.out.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println(Version.LATEST);
      return;
    }
    if (args.length == 3 && args[0].equals("--serve-builds")) {
      serveBuilds(args[1], args[2]);
      return;
    }
    if (args.length != 5)
      throw new IllegalArgumentException(
          "usage: LuceneRanker persian|arabic docs.tsv queries.tsv out.tsv k\n"
              + "       LuceneRanker --serve-builds persian|arabic docs.tsv");
    Analyzer analyzer = analyzer(args[0]);
    int k = Integer.parseInt(args[4]);
    BM25Similarity bm25 = new BM25Similarity(1.2f, 0.75f);
    java.util.List<String[]> docList = readDocs(args[1]);
    long t0 = System.nanoTime();
    ByteBuffersDirectory dir = build(analyzer, bm25, docList);
    int docs = docList.size();
    long t1 = System.nanoTime();
    int queries = 0;
    try (DirectoryReader reader = DirectoryReader.open(dir);
        BufferedReader in = Files.newBufferedReader(Paths.get(args[2]), StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[3]), StandardCharsets.UTF_8))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(bm25);
      QueryParser parser = new QueryParser(BODY, analyzer); // default operator: OR
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        int tab = line.indexOf('\t');
        if (tab < 0) throw new IllegalArgumentException("queries line without a tab: " + line);
        StringBuilder b = new StringBuilder(line.substring(0, tab));
        String text = line.substring(tab + 1);
        Query query = null;
        try {
          if (!text.isBlank()) query = parser.parse(QueryParser.escape(text));
        } catch (ParseException e) {
          System.err.println("LuceneRanker: query " + b + " does not parse (no results): " + e.getMessage());
        }
        if (query != null) {
          for (ScoreDoc hit : searcher.search(query, k).scoreDocs)
            b.append('\t').append(searcher.doc(hit.doc).get(ID));
        }
        out.println(b);
        queries++;
      }
    }
    long t2 = System.nanoTime();
    System.err.printf(
        "LuceneRanker: %s, %d docs indexed in %.1f s, %d queries in %.1f s%n",
        args[0], docs, (t1 - t0) / 1e9, queries, (t2 - t1) / 1e9);
  }
}
