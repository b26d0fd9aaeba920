package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.cli.RequestLines;
import dev.htaccess.source.RawText;
import dev.htaccess.testing.CorpusSites;
import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs an oracle case (docroot/, server.conf, requests.txt) through the evaluator and compares
 * every field with answers recorded from real Apache, the way ../shared/oracle/conformance.py does:
 * the case is copied, {@code /var/www/html} and {@code ${ORACLE_*}} become the copy's paths, and
 * paths in our answers are turned back before comparing.
 */
final class OracleCases {

  static final List<String> FIELDS =
      List.of(
          "status", "location", "uri", "query", "proxy", "filename", "content_type", "set_cookie");

  private OracleCases() {}

  /** The errors our start-up finds in the case's server.conf. */
  static List<String> configErrors(Path caseDir, Path tempDir) throws IOException {
    Path copy = tempDir.resolve("case");
    Trees.copy(caseDir, copy);
    substitutePlaceholders(copy);
    Path server = copy.resolve("server.conf");
    Evaluator evaluator =
        Evaluator.create(
            EvaluatorOptions.of(copy.resolve("docroot"))
                .withServerConfig(Files.exists(server) ? server : null));
    return evaluator.configErrors().stream().map(Object::toString).toList();
  }

  /** Compares the case with the expected answers; returns the differences, one per line. */
  static List<String> differences(Path caseDir, Path expectedFile, Path tempDir)
      throws IOException {
    Path copy = tempDir.resolve("case");
    Trees.copy(caseDir, copy);
    substitutePlaceholders(copy);
    Path docroot = copy.resolve("docroot");
    String docrootText = docroot.toString();
    String caseText = copy.toString();
    Path server = copy.resolve("server.conf");
    Evaluator evaluator =
        Evaluator.create(
            EvaluatorOptions.of(docroot).withServerConfig(Files.exists(server) ? server : null));
    assertThat(evaluator.configErrors()).as("server.conf errors").isEmpty();
    List<RequestLines.Line> requests =
        RequestLines.parseFile(
            RawText.fromBytes(Files.readAllBytes(copy.resolve("requests.txt"))),
            false,
            "127.0.0.1");
    List<Map<String, Object>> expected = new ArrayList<>();
    for (String line : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) JsonLite.parse(line);
        expected.add(m);
      }
    }
    assertThat(requests).as("requests in %s", caseDir).hasSize(expected.size());
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      RequestLines.Line line = requests.get(i);
      Outcome o = evaluator.evaluate(line.spec()).outcome();
      Map<String, Object> got = fields(o, docrootText, caseText);
      Map<String, Object> want = expected.get(i);
      boolean proxied = want.get("proxy") != null;
      for (String field : FIELDS) {
        if (proxied && (field.equals("status") || field.equals("content_type"))) {
          continue; // the oracle's stub upstream answered these
        }
        Object w = normalise(field, want.get(field));
        Object g = normalise(field, got.get(field));
        if (!java.util.Objects.equals(w, g)) {
          diffs.add(
              caseDir.getFileName()
                  + ": "
                  + want.get("request")
                  + ": "
                  + field
                  + ": want "
                  + w
                  + " got "
                  + g);
        }
      }
    }
    return diffs;
  }

  /**
   * Turns a copied case into one for this machine, as conformance.py does: {@code /var/www/html}
   * and {@code ${ORACLE_*}} in .htaccess files, server.conf and map files become the copy's paths.
   */
  static void substitutePlaceholders(Path copy) throws IOException {
    String docrootText = copy.resolve("docroot").toString();
    String caseText = copy.toString();
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        boolean isMap = name.endsWith(".txt") && f.getParent().toString().contains("map");
        if (name.equals(".htaccess") || name.equals("server.conf") || isMap) {
          String text = RawText.fromBytes(Files.readAllBytes(f));
          String replaced =
              text.replace("${ORACLE_DOCROOT}", docrootText)
                  .replace("${ORACLE_CASE}", caseText)
                  .replace("/var/www/html", docrootText);
          if (!replaced.equals(text)) {
            Files.write(f, RawText.toBytes(replaced));
          }
        }
      }
    }
  }

  /** Builds a case from a corpus entry (see {@link CorpusSites#build}). */
  static void buildCorpusCase(Path entry, Path caseDir) throws IOException {
    CorpusSites.build(entry, caseDir);
  }

  private static Object normalise(String field, Object value) {
    if (value instanceof Long l) {
      return l.intValue();
    }
    if (field.equals("set_cookie") && value instanceof List<?> list) {
      return list.stream()
          .map(c -> String.valueOf(c).replaceAll("expires=[^;]*", "expires=*"))
          .toList();
    }
    return value;
  }

  private static Map<String, Object> fields(Outcome o, String docroot, String caseDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", o.status());
    m.put("location", text(o.location(), docroot, caseDir));
    m.put("uri", text(o.uri(), docroot, caseDir));
    m.put("query", text(o.query(), docroot, caseDir));
    m.put("proxy", text(o.proxy(), docroot, caseDir));
    m.put("filename", text(o.filename(), docroot, caseDir));
    m.put("content_type", o.contentType());
    m.put("set_cookie", o.setCookie().stream().map(RawText::display).toList());
    return m;
  }

  private static String text(String raw, String docroot, String caseDir) {
    if (raw == null) {
      return null;
    }
    return RawText.display(raw)
        .replace(docroot, "/var/www/html")
        .replace(caseDir, "${ORACLE_CASE}");
  }
}
