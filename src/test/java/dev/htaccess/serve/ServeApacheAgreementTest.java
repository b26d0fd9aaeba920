package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of {@code serve} against real Apache: ../shared/oracle/serve_compare.py sends
 * the same bytes to both for every request of our cases (testdata/eval, and testdata/serve for what
 * only a server shows: ranges, validators) and of the oracle's samples, comparing status, Location,
 * Content-Type, Set-Cookie, body, caching headers and what the upstream received. The server under
 * test runs from this test's class path, so no packaged jar is needed. Skipped without apache2 or
 * ../shared.
 */
class ServeApacheAgreementTest {

  /**
   * Differences we know and accept, each with its reason (README, "What serve does not do"):
   *
   * <ul>
   *   <li>Apache's multipart/byteranges boundary is a random number per worker process printed
   *       without leading zeros, so its length (and the Content-Length of a several-range answer)
   *       varies from run to run; ours is always 16 hex digits.
   *   <li>Through a forward proxy (the oracle's ProxyRemote) mod_proxy_http asks for a ws:// URL as
   *       such and forwards ftp:// URLs; OkHttp speaks only http and https to a proxy, so serve
   *       asks for ws:// as http:// and answers ftp:// with a 502. Without a forward proxy the
   *       bytes are the same.
   *   <li>OkHttp escapes the raw non-ASCII bytes that [NE] leaves in a proxied URL, and refuses a
   *       host such as {@code [backend:]} that Apache's lenient parse lets through.
   * </ul>
   */
  private static final List<java.util.function.Predicate<String>> KNOWN =
      List.of(
          Pattern.compile(
                  "^\\S+: (GET|HEAD) \\S+ \\[Range: bytes=[^\\]]*,[^\\]]*\\]:"
                      + " Content-Length: apache=\"\\d+\" project=\"\\d+\"$")
              .asMatchPredicate(),
          Pattern.compile(
                  "^\\S+: GET \\S+: upstream url: apache=\"ws://([^\"]*)\" project=\"http://\\1\"$")
              .asMatchPredicate(),
          Pattern.compile(
                  "^\\S+: GET \\S+: status: apache=200 project=502; .*upstream url:"
                      + " apache=\"(ftp://|http://\\[backend:\\])[^\"]*\" project=\\[\\];.*$")
              .asMatchPredicate(),
          ServeApacheAgreementTest::escapedRawBytes);

  /** An upstream URL that differs only in OkHttp's escaping of non-ASCII bytes. */
  private static boolean escapedRawBytes(String line) {
    Matcher m =
        Pattern.compile("^\\S+: \\S+ \\S+: upstream url: apache=\"([^\"]*)\" project=\"([^\"]*)\"$")
            .matcher(line);
    if (!m.matches() || m.group(1).chars().allMatch(c -> c < 0x80)) {
      return false;
    }
    StringBuilder escaped = new StringBuilder();
    for (byte b : m.group(1).getBytes(StandardCharsets.UTF_8)) {
      escaped.append(b < 0 ? String.format("%%%02X", b & 0xff) : String.valueOf((char) b));
    }
    return escaped.toString().equals(m.group(2));
  }

  static Stream<Path> cases() throws IOException {
    Stream<Path> samples =
        ProjectFiles.shared()
            .map(s -> s.resolve("oracle/samples"))
            .filter(Files::isDirectory)
            .map(ServeApacheAgreementTest::list)
            .orElse(Stream.empty());
    return Stream.of(list(Path.of("testdata/eval")), list(Path.of("testdata/serve")), samples)
        .flatMap(s -> s);
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void serveAnswersAsApacheDoes(Path caseDir) throws Exception {
    Optional<Path> compare = ProjectFiles.shared().map(s -> s.resolve("oracle/serve_compare.py"));
    assumeTrue(compare.isPresent() && Files.exists(compare.get()), "../shared/oracle is absent");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/apache2")), "apache2 is not installed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String template =
        quote(java)
            + " -XX:TieredStopAtLevel=1 -cp "
            + quote(System.getProperty("java.class.path")).replace("{", "{{").replace("}", "}}")
            + " dev.htaccess.cli.Main serve --php none --insecure-upstream --docroot {docroot}"
            + " --server-config {server} --listen 127.0.0.1:{port} --access-log /dev/null";
    Path out = Files.createTempFile("serve-compare", ".txt");
    try {
      Process p =
          new ProcessBuilder(
                  "python3", compare.get().toString(), "-v", "--cmd", template, caseDir.toString())
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("serve_compare did not finish in 300 s");
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertThat(lines).last().asString().startsWith("serve-conformance:");
      List<String> differences =
          lines.stream()
              .filter(l -> !l.startsWith("serve-conformance:"))
              .filter(l -> KNOWN.stream().noneMatch(k -> k.test(l)))
              .toList();
      assertThat(differences).isEmpty();
      // Also from the totals: a server that never started shows as failures there.
      Matcher totals =
          Pattern.compile("serve-conformance: (\\d+)/(\\d+) requests identical")
              .matcher(lines.get(lines.size() - 1));
      assertThat(totals.find()).isTrue();
      long known = lines.stream().filter(l -> KNOWN.stream().anyMatch(k -> k.test(l))).count();
      assertThat(Long.parseLong(totals.group(1)) + known)
          .isEqualTo(Long.parseLong(totals.group(2)));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
