// Builds the analyzers of an Elasticsearch/OpenSearch `settings.analysis` object with Lucene's own
// CustomAnalyzer — the factories ES and OpenSearch run under those type names — and prints the terms of
// each document.
//
//   java -cp <lucene-core.jar>:<lucene-analyzers-common.jar>:<classes> LuceneHarness settings.json work-dir
//   stdin:  one JSON object per line: {"id": "...", "analyzer": "kavosh_fa", "text": "..."}
//   stdout: one JSON object per line: {"id": "...", "terms": ["...", ...]}
//
// ES type → Lucene factory: mapping → "mapping" (rules written to a file in Lucene's quoted syntax),
// pattern_replace (char filter) → "patternReplace", pattern (tokenizer) → "pattern", pattern_replace
// (token filter) → "patternReplace" (all → replace=all|first), stop → "stop" (words file), keyword_marker →
// "keywordMarker", lowercase → "lowercase", decimal_digit → "decimalDigit", length → "length",
// whitespace/standard tokenizers. Anything else is an error: the test must not pass by skipping a filter.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

@SuppressWarnings("unchecked")
public class LuceneHarness {
  // ---- a minimal JSON reader (objects, arrays, strings, numbers, booleans, null) ----
  static final class Json {
    final String s;
    int i;

    Json(String s) { this.s = s; }

    Object value() {
      ws();
      char c = s.charAt(i);
      if (c == '{') return object();
      if (c == '[') return array();
      if (c == '"') return string();
      if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
      if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
      if (s.startsWith("null", i)) { i += 4; return null; }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      return Double.parseDouble(s.substring(start, i));
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (s.charAt(i) == '}') { i++; return m; }
      while (true) {
        ws();
        String k = string();
        ws();
        i++; // :
        m.put(k, value());
        ws();
        if (s.charAt(i++) == '}') return m;
      }
    }

    List<Object> array() {
      List<Object> a = new ArrayList<>();
      i++;
      ws();
      if (s.charAt(i) == ']') { i++; return a; }
      while (true) {
        a.add(value());
        ws();
        if (s.charAt(i++) == ']') return a;
      }
    }

    String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c != '\\') { b.append(c); continue; }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case 'r': b.append('\r'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: b.append(e);
        }
      }
    }

    void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) { return o == null ? Map.of() : (Map<String, Object>) o; }

  static String str(Map<String, Object> m, String k) {
    Object v = m.get(k);
    if (v == null) return null;
    if (v instanceof Double) return String.valueOf(((Double) v).intValue());
    return String.valueOf(v);
  }

  static int files = 0;

  static String writeLines(Path dir, List<String> lines) throws IOException {
    String name = "res-" + (files++) + ".txt";
    Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    return name;
  }

  static final Pattern ES_MAPPING_RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

  static void charFilter(CustomAnalyzer.Builder b, Map<String, Object> def, Path dir) throws IOException {
    String type = str(def, "type");
    Map<String, String> p = new HashMap<>();
    switch (type) {
      case "mapping": {
        List<String> rules = new ArrayList<>();
        for (Object r : (List<Object>) def.get("mappings")) {
          Matcher m = ES_MAPPING_RULE.matcher((String) r);
          if (!m.matches()) throw new IllegalArgumentException("invalid mapping rule " + r);
          rules.add("\"" + m.group(1).trim() + "\" => \"" + m.group(2).trim() + "\"");
        }
        p.put("mapping", writeLines(dir, rules));
        b.addCharFilter("mapping", p);
        break;
      }
      case "pattern_replace":
        p.put("pattern", str(def, "pattern"));
        p.put("replacement", str(def, "replacement") == null ? "" : str(def, "replacement"));
        if (def.containsKey("flags")) throw new IllegalArgumentException("flags are not mapped");
        b.addCharFilter("patternReplace", p);
        break;
      default:
        throw new IllegalArgumentException("unsupported char filter type " + type);
    }
  }

  static void tokenizer(CustomAnalyzer.Builder b, Map<String, Object> def) throws IOException {
    String type = str(def, "type");
    Map<String, String> p = new HashMap<>();
    switch (type) {
      case "pattern":
        p.put("pattern", str(def, "pattern"));
        if (def.containsKey("group")) p.put("group", str(def, "group"));
        b.withTokenizer("pattern", p);
        break;
      case "standard":
      case "whitespace":
        b.withTokenizer(type, p);
        break;
      default:
        throw new IllegalArgumentException("unsupported tokenizer type " + type);
    }
  }

  @SuppressWarnings("unchecked")
  static void tokenFilter(CustomAnalyzer.Builder b, Map<String, Object> def, Path dir) throws IOException {
    String type = str(def, "type");
    Map<String, String> p = new HashMap<>();
    switch (type) {
      case "pattern_replace":
        p.put("pattern", str(def, "pattern"));
        p.put("replacement", str(def, "replacement") == null ? "" : str(def, "replacement"));
        p.put("replace", Boolean.FALSE.equals(def.get("all")) ? "first" : "all"); // ES default: all=true
        b.addTokenFilter("patternReplace", p);
        break;
      case "stop":
      case "keyword_marker": {
        String key = type.equals("stop") ? "stopwords" : "keywords";
        List<String> words = new ArrayList<>();
        for (Object w : (List<Object>) def.get(key)) words.add((String) w);
        p.put(type.equals("stop") ? "words" : "protected", writeLines(dir, words));
        p.put("ignoreCase", String.valueOf(Boolean.TRUE.equals(def.get("ignore_case"))));
        b.addTokenFilter(type.equals("stop") ? "stop" : "keywordMarker", p);
        break;
      }
      case "lowercase":
        b.addTokenFilter("lowercase", p);
        break;
      case "decimal_digit":
        b.addTokenFilter("decimalDigit", p);
        break;
      case "length":
        p.put("min", def.containsKey("min") ? str(def, "min") : "0");
        p.put("max", def.containsKey("max") ? str(def, "max") : String.valueOf(Integer.MAX_VALUE));
        b.addTokenFilter("length", p);
        break;
      default:
        throw new IllegalArgumentException("unsupported token filter type " + type);
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    Map<String, Object> settings =
        obj(new Json(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8)).value());
    if (settings.containsKey("settings")) settings = obj(settings.get("settings"));
    Map<String, Object> analysis = obj(settings.get("analysis"));
    Path dir = Paths.get(args[1]);
    Files.createDirectories(dir);
    Map<String, Object> charFilters = obj(analysis.get("char_filter"));
    Map<String, Object> tokenizers = obj(analysis.get("tokenizer"));
    Map<String, Object> filters = obj(analysis.get("filter"));
    Map<String, CustomAnalyzer> analyzers = new HashMap<>();
    for (Map.Entry<String, Object> e : obj(analysis.get("analyzer")).entrySet()) {
      Map<String, Object> def = obj(e.getValue());
      CustomAnalyzer.Builder b = CustomAnalyzer.builder(dir);
      for (Object name : (List<Object>) def.getOrDefault("char_filter", List.of())) {
        charFilter(b, obj(charFilters.get(name)), dir);
      }
      String tok = str(def, "tokenizer");
      tokenizer(b, tokenizers.containsKey(tok) ? obj(tokenizers.get(tok)) : Map.of("type", tok));
      for (Object name : (List<Object>) def.getOrDefault("filter", List.of())) {
        Object f = filters.get(name);
        tokenFilter(b, f != null ? obj(f) : Map.of("type", name), dir);
      }
      analyzers.put(e.getKey(), b.build());
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, "UTF-8");
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      Map<String, Object> doc = obj(new Json(line).value());
      CustomAnalyzer a = analyzers.get(str(doc, "analyzer"));
      if (a == null) throw new IllegalArgumentException("unknown analyzer " + str(doc, "analyzer"));
      StringBuilder b = new StringBuilder("{\"id\":").append(quote(str(doc, "id"))).append(",\"terms\":[");
      try (TokenStream ts = a.tokenStream("text", str(doc, "text"))) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        boolean first = true;
        while (ts.incrementToken()) {
          if (!first) b.append(',');
          first = false;
          b.append(quote(term.toString()));
        }
        ts.end();
      }
      out.println(b.append("]}"));
    }
    out.flush();
  }
}
