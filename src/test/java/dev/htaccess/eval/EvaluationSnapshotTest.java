package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.cli.RequestLines;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.report.Json;
import dev.htaccess.report.JsonLine;
import dev.htaccess.report.TraceRenderer;
import dev.htaccess.source.RawText;
import dev.htaccess.testing.ProjectFiles;
import dev.htaccess.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole evaluation, byte for byte: for every request of every case, every field of the outcome,
 * the full typed trace as JSON, the {@code test --format text} transcript, the compact trace of a
 * batch run, and what {@code serve} (scripts on, the revalidating memo) decides. The oracle
 * comparison ({@link EvalConformanceTest}) checks eight fields against Apache; this net catches any
 * other change, which is what a refactoring of the evaluator must not make. Regenerate with {@code
 * -Dgolden.update=true} and review the diff.
 *
 * <p>Our own cases are written out in full under {@code testdata/eval-snapshot/}. The corpus cases
 * and the corpus applications behind PHP come from {@code ../shared} and must not be copied into
 * the repository, so for them only a SHA-256 of each request's snapshot is kept.
 */
class EvaluationSnapshotTest {

  /** The handler serve gives .php files with php-fpm (any fixed address will do here). */
  private static final String PHP_HANDLER = "proxy:fcgi://127.0.0.1:9000/";

  @TempDir Path temp;

  /**
   * The snapshots are of the engine Apache uses: the fallback traces where it stops at its own
   * limit (EvalConformanceTest checks that it agrees with Apache all the same).
   */
  @BeforeEach
  void needsPcre2() {
    assumeTrue(PcrePattern.nativePcre(), "libpcre2-8 is not loaded: the snapshots are PCRE2's");
  }

  static Stream<String> ownCases() throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectFiles.testdata("eval"))) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownCases")
  void ownCase(String name) throws IOException {
    Path copy = temp.resolve("case");
    Trees.copy(ProjectFiles.testdata("eval", name), copy);
    OracleCases.substitutePlaceholders(copy);
    String snapshot = snapshot(copy, requests(copy.resolve("requests.txt")), false);
    compare(ProjectFiles.testdata("eval-snapshot", name + ".txt"), snapshot);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.htaccess.eval.EvalConformanceTest#corpusCases")
  void corpusCase(String name) throws IOException {
    Path entry = ProjectFiles.shared().map(s -> s.resolve("corpus").resolve(name)).orElse(null);
    assumeTrue(entry != null && Files.isDirectory(entry), "../shared/corpus is absent");
    Path copy = temp.resolve("case");
    OracleCases.buildCorpusCase(entry, copy);
    String snapshot = snapshot(copy, requests(copy.resolve("requests.txt")), false);
    compare(ProjectFiles.testdata("eval-snapshot", "corpus-" + name + ".sha256"), hashed(snapshot));
  }

  static Stream<String> phpApps() {
    return Stream.concat(Stream.of("own"), ProjectFiles.corpusEntriesWithHtaccess().stream());
  }

  /** The PHP test application behind each .htaccess, as serve with php-fpm evaluates it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("phpApps")
  void phpApp(String app) throws IOException {
    Path htaccess =
        app.equals("own")
            ? ProjectFiles.testdata("php", "own.htaccess")
            : ProjectFiles.shared()
                .map(s -> s.resolve("corpus").resolve(app).resolve(".htaccess"))
                .orElse(null);
    assumeTrue(htaccess != null && Files.exists(htaccess), "../shared/corpus is absent");
    Path copy = temp.resolve("case");
    Path docroot = copy.resolve("docroot");
    Trees.copy(ProjectFiles.testdata("php", "app"), docroot);
    Files.writeString(
        docroot.resolve(".htaccess"),
        Files.readString(htaccess).replace("{fpm}", "127.0.0.1:9000"));
    for (String name : List.of("page.html", "other.foo", "secret.txt", "page.phtm")) {
      Files.copy(docroot.resolve("index.php"), docroot.resolve(name));
    }
    List<RequestLines.Line> requests =
        requests(ProjectFiles.testdata("eval-snapshot", "php-requests.txt"));
    String snapshot = snapshot(copy, requests, true);
    if (app.equals("own")) {
      compare(ProjectFiles.testdata("eval-snapshot", "php-own.txt"), snapshot);
    } else {
      compare(ProjectFiles.testdata("eval-snapshot", "php-" + app + ".sha256"), hashed(snapshot));
    }
  }

  private static List<RequestLines.Line> requests(Path file) throws IOException {
    return RequestLines.parseFile(RawText.fromBytes(Files.readAllBytes(file)), false, "127.0.0.1");
  }

  /**
   * Every request through three evaluators: the dry run with its full trace (as {@code test} shows
   * one URL), a batch run (as {@code test --requests}: static tree, compact trace) and serve's
   * (scripts on, revalidating memo; each request twice, the second from the memo). With {@code
   * serveOnly} only the last.
   */
  private String snapshot(Path caseDir, List<RequestLines.Line> requests, boolean serveOnly)
      throws IOException {
    Path docroot = caseDir.resolve("docroot");
    Path server = caseDir.resolve("server.conf");
    Path config = Files.exists(server) ? server : null;
    EvaluatorOptions options = EvaluatorOptions.of(docroot).withServerConfig(config);
    Evaluator dryRun = Evaluator.create(options);
    Evaluator batch = Evaluator.create(options.withMemo(MemoPolicy.STATIC_TREE));
    Evaluator serve =
        Evaluator.create(options.withMemo(MemoPolicy.REVALIDATE).withScripts(PHP_HANDLER));
    StringBuilder out = new StringBuilder();
    for (RequestLines.Line line : requests) {
      out.append("### ").append(RawText.display(line.raw())).append('\n');
      if (!serveOnly) {
        Evaluation full = dryRun.evaluate(line.spec());
        out.append("outcome ").append(Json.write(outcomeFields(full.outcome()))).append('\n');
        out.append("reproducible ").append(full.reproducible()).append('\n');
        for (Object event : TraceRenderer.json(full.trace())) {
          out.append("  ").append(Json.write(event)).append('\n');
        }
        out.append(TraceRenderer.text(line.request(), full));
        Evaluation compact = batch.evaluate(line.spec(), TraceLevel.DECISIONS);
        out.append("batch ").append(Json.write(outcomeFields(compact.outcome()))).append('\n');
        out.append("  ").append(Json.write(TraceRenderer.compact(compact.trace()))).append('\n');
      }
      Evaluation served = serve.evaluate(line.spec(), TraceLevel.DECISIONS);
      Evaluation again = serve.evaluate(line.spec(), TraceLevel.DECISIONS);
      out.append("serve ").append(Json.write(outcomeFields(served.outcome()))).append('\n');
      out.append("  ").append(Json.write(TraceRenderer.compact(served.trace()))).append('\n');
      if (!outcomeFields(again.outcome()).equals(outcomeFields(served.outcome()))) {
        out.append("serve again ").append(Json.write(outcomeFields(again.outcome()))).append('\n');
      }
    }
    String docrootText = docroot.toString();
    String caseText = caseDir.toString();
    return out.toString().replace(docrootText, "/var/www/html").replace(caseText, "${ORACLE_CASE}");
  }

  /** Every field of an outcome, in a fixed order. */
  static Map<String, Object> outcomeFields(Outcome o) {
    Map<String, Object> m = JsonLine.oracleFields(o);
    m.put("vary", o.vary());
    String servedPath =
        o instanceof Outcome.ServeFile f
            ? f.path()
            : o instanceof Outcome.ListDirectory l ? l.path() : null;
    m.put("served_path", servedPath);
    Outcome.Common c = o.common();
    m.put("headers", headers(c.headers()));
    Map<String, Object> expiry = null;
    if (c.expiry() != null) {
      expiry = new LinkedHashMap<>();
      expiry.put("from_modification", c.expiry().fromModification());
      expiry.put("seconds", c.expiry().seconds());
    }
    m.put("expiry", expiry);
    m.put("request_headers", headers(c.requestHeaders()));
    ScriptCall s = o instanceof Outcome.RunScript r ? r.call() : null;
    if (s == null) {
      m.put("script", null);
    } else {
      Map<String, Object> script = new LinkedHashMap<>();
      script.put("handler", s.handler());
      script.put("script_filename", s.scriptFilename());
      script.put("path_info", s.pathInfo());
      script.put("path_translated", s.pathTranslated());
      script.put("env", new LinkedHashMap<String, Object>(s.env()));
      script.put("pass_auth", s.passAuth());
      script.put("method", s.method());
      script.put("redirect_url", s.redirectUrl());
      script.put("redirect_query", s.redirectQuery());
      script.put("server_name", s.serverName());
      script.put("server_port", s.serverPort());
      m.put("script", script);
    }
    return m;
  }

  private static List<Object> headers(List<ResponseHeader> headers) {
    List<Object> out = new ArrayList<>();
    for (ResponseHeader h : headers) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("always", h.always());
      m.put("action", h.action());
      m.put("name", h.name());
      m.put("value", h.value());
      m.put("replacement", h.replacement());
      m.put("when_content_type", h.whenContentType() != null);
      out.add(m);
    }
    return out;
  }

  /** One line per request: its first line and the SHA-256 of its whole snapshot. */
  private static String hashed(String snapshot) {
    StringBuilder out = new StringBuilder();
    for (String block : snapshot.split("(?m)^(?=### )")) {
      if (block.isEmpty()) {
        continue;
      }
      String first = block.substring(0, block.indexOf('\n'));
      out.append(sha256(block)).append(' ').append(first.substring(4)).append('\n');
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void compare(Path golden, String actual) {
    if (ProjectFiles.updateGolden()) {
      ProjectFiles.writeGolden(golden, actual);
      return;
    }
    String expected = ProjectFiles.readGolden(golden);
    assertThat(expected)
        .as("golden file %s (create it with -Dgolden.update=true)", golden)
        .isNotNull();
    assertThat(actual).as("snapshot %s", golden.getFileName()).isEqualTo(expected);
  }
}
