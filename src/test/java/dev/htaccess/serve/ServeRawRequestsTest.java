package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import dev.htaccess.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Apache refuses (or accepts) in its core before any module runs: malformed request lines
 * and header lines, Host checks, limits, Transfer-Encoding and Expect. The bytes are in
 * testdata/serve-raw/raw-requests.txt (and in the eval cases that have a raw-requests.txt: the 401
 * challenges of auth-basic) and what Apache 2.4 answered each, sent on its own connection by
 * tools/record-raw.py, in raw-expected.jsonl; serve must answer the same status and the same
 * Content-Type, Location and Allow, and for a 401 the same WWW-Authenticate and body.
 */
class ServeRawRequestsTest {

  @TempDir Path temp;

  /** The cases with raw requests: testdata/serve-raw, and eval cases that have some. */
  static Stream<Path> cases() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(ProjectFiles.testdata("serve-raw"));
    try (var dirs = Files.list(ProjectFiles.testdata("eval"))) {
      dirs.filter(d -> Files.exists(d.resolve("raw-requests.txt"))).sorted().forEach(out::add);
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void serveAnswersAsApache(Path caseDir) throws Exception {
    // The whole case: relative paths of server.conf (AuthUserFile...) start at its folder.
    Path copy = temp.resolve("case");
    Trees.copy(caseDir, copy);
    Path docroot = copy.resolve("docroot");
    Path serverConf = copy.resolve("server.conf");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(caseDir.resolve("raw-requests.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    List<String> expected = Files.readAllLines(caseDir.resolve("raw-expected.jsonl"));
    assertThat(expected).hasSameSizeAs(lines);
    List<String> differences = new ArrayList<>();
    try (HtaccessServer server =
        HtaccessServer.start(
            ServeTesting.options(
                docroot, Files.exists(serverConf) ? serverConf : null, "example.com"),
            new PrintWriter(new StringWriter()))) {
      for (int i = 0; i < lines.size(); i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> want = (Map<String, Object>) JsonLite.parse(expected.get(i));
        Map<String, Object> got = answer(exchange(server.port(), unescape(lines.get(i))));
        for (String field : want.keySet()) {
          if (field.equals("request")) {
            continue;
          }
          Object w = want.get(field);
          Object g = got.get(field);
          if (w instanceof Number n) {
            w = n.intValue();
          }
          if (field.equals("allow")) {
            // Apache lists the methods from a hash table: the order changes between runs.
            w = methods(w);
            g = methods(g);
          }
          if (!Objects.equals(w, g)) {
            differences.add(
                abbreviate(lines.get(i)) + ": " + field + ": apache=" + w + " serve=" + g);
          }
        }
      }
    }
    assertThat(differences).isEmpty();
  }

  private static Object methods(Object allow) {
    return allow == null ? null : new java.util.TreeSet<>(List.of(allow.toString().split(",")));
  }

  private static String abbreviate(String s) {
    return s.length() <= 110 ? s : s.substring(0, 110) + "...";
  }

  /** The request line of raw-requests.txt as bytes: Python's \r \n \t \\ \xNN escapes. */
  static byte[] unescape(String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = line.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '\\' && i + 1 < in.length) {
        char c = (char) in[++i];
        switch (c) {
          case 'r' -> out.write('\r');
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case '\\' -> out.write('\\');
          case 'x' -> {
            out.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16));
            i += 2;
          }
          default -> {
            out.write('\\');
            out.write(c);
          }
        }
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static byte[] exchange(int port, byte[] raw) throws IOException {
    return ServeTesting.exchange(port, raw, true, 10_000);
  }

  /** Status and recorded headers of the first response, as tools/record-raw.py reads them. */
  private static Map<String, Object> answer(byte[] data) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] lines = head.split("\r\n", -1);
    Map<String, Object> out = new LinkedHashMap<>();
    String[] parts = lines.length > 0 ? lines[0].split(" ", 3) : new String[0];
    out.put(
        "status",
        parts.length >= 2 && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : null);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    out.put("content_type", headers.get("content-type"));
    out.put("location", headers.get("location"));
    out.put("allow", headers.get("allow"));
    out.put("www_authenticate", headers.get("www-authenticate"));
    out.put("body", end < 0 ? "" : text.substring(end + 4));
    return out;
  }
}
