// The Lucene reference of the ranking-quality section (`npm run bench:lucene`, driven by run.ts): indexes one
// collection with Lucene's own PersianAnalyzer or ArabicAnalyzer and BM25, then prints the top ids of each query.
// It computes no metric: the driver scores the rankings with the same TypeScript code as every other engine.
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

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println(Version.LATEST);
      return;
    }
    if (args.length != 5)
      throw new IllegalArgumentException("usage: LuceneRanker persian|arabic docs.tsv queries.tsv out.tsv k");
    Analyzer analyzer = analyzer(args[0]);
    int k = Integer.parseInt(args[4]);
    BM25Similarity bm25 = new BM25Similarity(1.2f, 0.75f);
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setSimilarity(bm25)
        .setMergePolicy(new LogByteSizeMergePolicy())
        .setRAMBufferSizeMB(256);
    long t0 = System.nanoTime();
    int docs = 0;
    try (IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        int tab = line.indexOf('\t');
        if (tab < 0) throw new IllegalArgumentException("docs line without a tab: " + line);
        Document doc = new Document();
        doc.add(new StringField(ID, line.substring(0, tab), Field.Store.YES));
        doc.add(new TextField(BODY, line.substring(tab + 1), Field.Store.NO));
        writer.addDocument(doc);
        docs++;
      }
    }
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
