package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import dev.htaccess.testing.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mod_vhost_alias's recorded cases (testdata/eval-vhost-alias, from real Apache with
 * tools/record-vhost-alias.py) against {@code serve}: each request sent as the oracle sends it, and
 * the status, Location and Content-Type compared (what a client sees of them).
 */
class ServeVhostAliasCasesTest {

  @TempDir Path temp;

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectFiles.testdata("eval-vhost-alias"))) {
      return dirs.filter(d -> Files.exists(d.resolve("expected.jsonl"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void serveAnswersAsApache(Path caseDir) throws Exception {
    Path copy = temp.resolve("case");
    Trees.copy(caseDir, copy);
    Path docroot = copy.resolve("docroot");
    Path conf = copy.resolve("server.conf");
    Files.writeString(
        conf,
        Files.readString(conf)
            .replace("${ORACLE_DOCROOT}", docroot.toString())
            .replace("${ORACLE_CASE}", copy.toString()));
    List<String[]> requests = new ArrayList<>();
    for (String line : Files.readAllLines(copy.resolve("requests.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        requests.add(line.split("\t"));
      }
    }
    List<String> expected = Files.readAllLines(caseDir.resolve("expected.jsonl"));
    assertThat(expected).hasSameSizeAs(requests);
    List<String> differences = new ArrayList<>();
    try (HtaccessServer server =
        HtaccessServer.start(
            ServeTesting.options(docroot, conf, "example.com"),
            new PrintWriter(new StringWriter()))) {
      for (int i = 0; i < requests.size(); i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> want = (Map<String, Object>) JsonLite.parse(expected.get(i));
        String[] head = send(server.port(), requests.get(i));
        String location =
            head[1] == null
                ? null
                : head[1]
                    .replace(docroot.toString(), "/var/www/html")
                    .replace(copy.toString(), "/var/www");
        compare(differences, requests.get(i)[0], "status", want.get("status"), head[0]);
        compare(differences, requests.get(i)[0], "location", want.get("location"), location);
        compare(differences, requests.get(i)[0], "content_type", want.get("content_type"), head[2]);
      }
    }
    assertThat(differences).isEmpty();
  }

  private static void compare(List<String> out, String request, String field, Object w, Object g) {
    Object want = w instanceof Number n ? Integer.toString(n.intValue()) : w;
    if (!Objects.equals(want, g)) {
      out.add(request + ": " + field + ": apache=" + want + " serve=" + g);
    }
  }

  /** The status, Location and Content-Type of the answer to one request line of requests.txt. */
  private static String[] send(int port, String[] line) throws IOException {
    StringBuilder raw = new StringBuilder(line[0]).append(" HTTP/1.1\r\n");
    boolean host = false;
    for (int h = 1; h < line.length; h++) {
      host |= line[h].regionMatches(true, 0, "Host:", 0, 5);
      raw.append(line[h]).append("\r\n");
    }
    if (!host) {
      raw.append("Host: example.com\r\n");
    }
    raw.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(raw.toString().getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      String[] lines = answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n");
      String location = null;
      String type = null;
      for (String l : lines) {
        if (l.regionMatches(true, 0, "Location:", 0, 9)) {
          location = l.substring(9).strip();
        } else if (l.regionMatches(true, 0, "Content-Type:", 0, 13)) {
          type = l.substring(13).strip();
        }
      }
      return new String[] {lines[0].substring(9, 12), location, type};
    }
  }
}
