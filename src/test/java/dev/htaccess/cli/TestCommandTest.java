package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code test} command as a user sees it. */
class TestCommandTest {

  @TempDir Path dir;
  Path docroot;

  @BeforeEach
  void site() throws IOException {
    docroot = Files.createDirectories(dir.resolve("site"));
    Files.writeString(docroot.resolve("index.php"), "<?php");
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteRule ^old$ /new [R=301,L]\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule . index.php [L]\n");
  }

  private ParseCommandTest.Run run(String... args) {
    return ParseCommandTest.run(args);
  }

  @Test
  void jsonlHasTheOracleKeysAndACompactTrace() {
    var run =
        run(
            "test",
            "--docroot",
            docroot.toString(),
            "--host",
            "example.com",
            "--format",
            "jsonl",
            "/blog/x?p=1");
    assertThat(run.exit()).isZero();
    assertThat(run.out().strip())
        .startsWith(
            "{\"request\":\"GET /blog/x?p=1\",\"status\":200,\"location\":null,"
                + "\"uri\":\"/index.php\",\"query\":\"p=1\",\"proxy\":null,"
                + "\"filename\":\"/index.php\",\"content_type\":null,\"set_cookie\":[],"
                + "\"trace\":[\"round 1 /blog/x?p=1\"");
  }

  @Test
  void textShowsOutcomeThenTraceWithLines() {
    var run = run("test", "--docroot", docroot.toString(), "--host", "example.com", "/old");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("GET /old -> 301 redirect http://example.com/new")
        .contains(".htaccess:2  RewriteRule ^old$  on \"old\"  matched")
        .contains("[L] stop this round");
  }

  @Test
  void expectationsPassAndFailWithJUnit() throws IOException {
    Path spec = dir.resolve("spec.txt");
    Files.writeString(
        spec,
        "GET /old -> 301 http://example.com/new\n"
            + "GET /blog/x -> rewrite /index.php\n"
            + "GET /old -> 302\n");
    Path junit = dir.resolve("junit.xml");
    var run =
        run(
            "test",
            "--docroot",
            docroot.toString(),
            "--host",
            "example.com",
            "--expect",
            spec.toString(),
            "--junit",
            junit.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains(spec + ":3:1: FAIL GET /old")
        .contains("status: expected 302, got 301")
        .endsWith("2 passed, 1 failed\n");
    assertThat(Files.readString(junit))
        .contains("tests=\"3\" failures=\"1\"")
        .contains("<failure message=\"status: expected 302, got 301\"");
  }

  @Test
  void specSyntaxErrorIsAUsageError() throws IOException {
    Path spec = dir.resolve("bad.txt");
    Files.writeString(spec, "GET /old 301\n");
    var run = run("test", "--docroot", docroot.toString(), "--expect", spec.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(spec + ":1:1: error: expected 'METHOD URL -> expectation'");
  }

  @Test
  void serverConfigErrorRefusesToStart() throws IOException {
    Path conf = dir.resolve("server.conf");
    Files.writeString(conf, "RewriteEngine On\nRewriteRule ^a$ /b [L,BOGUS]\n");
    var run = run("test", "--docroot", docroot.toString(), "--server-config", conf.toString(), "/");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(conf + ":2:").contains("unknown flag 'BOGUS'");
  }

  /** Header lines the core refuses before any module runs (see RequestHead). */
  @Test
  void headersApacheRefusesAreRefusedBeforeTheRules() {
    var badName = run("test", "--docroot", docroot.toString(), "-H", "Bad Name: x", "/");
    assertThat(badName.out()).startsWith("GET / -> 400");
    var control = run("test", "--docroot", docroot.toString(), "-H", "X-A: a\u0001b", "/");
    assertThat(control.out()).startsWith("GET / -> 400");
    var expect = run("test", "--docroot", docroot.toString(), "-H", "Expect: later", "/");
    assertThat(expect.out()).startsWith("GET / -> 417");
    var method = run("test", "--docroot", docroot.toString(), "-X", "G@T", "/");
    assertThat(method.out()).startsWith("G@T / -> 400");
    var noColon = run("test", "--docroot", docroot.toString(), "-H", "NoColon", "/");
    assertThat(noColon.exit()).isEqualTo(2);
    assertThat(noColon.err()).contains("bad header field 'NoColon'");
  }

  @Test
  void htaccessErrorIs500WithTheReasonInTheTrace() throws IOException {
    Files.writeString(docroot.resolve(".htaccess"), "RewriteEngine On\nBogusDirective x\n");
    var run = run("test", "--docroot", docroot.toString(), "/index.php");
    assertThat(run.out())
        .startsWith("GET /index.php -> 500")
        .contains("Invalid command 'BogusDirective'");
  }

  @Test
  void accessLogReplayPrintsASummary() throws IOException {
    Path log = dir.resolve("access.log");
    Files.writeString(
        log,
        "1.2.3.4 - - [26/Nov/2026:05:00:00 +0000] \"GET /old HTTP/1.1\" 301 0 \"-\" \"curl\"\n"
            + "1.2.3.4 - - [26/Nov/2026:05:00:01 +0000] \"GET /a/b HTTP/1.1\" 200 5\n");
    var run = run("test", "--docroot", docroot.toString(), "--access-log", log.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(2);
    assertThat(run.err()).contains("2 requests: 200=1 301=1; proxied 0");
  }

  /**
   * A request file of many blocks comes out in input order, each line what the request alone gets
   * (repeats included, whose answer is reused), and the URL arguments after it.
   */
  @Test
  void batchKeepsInputOrderAcrossBlocks() throws IOException {
    List<String> targets = new ArrayList<>();
    StringBuilder file = new StringBuilder("# comment\n\n");
    int lines = BatchRun.BLOCK_LINES * 3 + 17;
    for (int i = 0; i < lines; i++) {
      String target = i % 5 == 0 ? "/old" : i % 7 == 0 ? "/index.php" : "/p/" + i;
      targets.add(target);
      file.append("GET ").append(target).append(i % 3 == 0 ? "\tX-N: " + i : "").append('\n');
    }
    Path requests = dir.resolve("requests.txt");
    Files.writeString(requests, file);
    var run =
        run("test", "--docroot", docroot.toString(), "--requests", requests.toString(), "/last");
    assertThat(run.exit()).isZero();
    List<String> out = run.out().lines().toList();
    assertThat(out).hasSize(lines + 1);
    for (int i : new int[] {0, 1, 5, 7, 2048, 4095, lines - 1}) {
      var alone = run("test", "--docroot", docroot.toString(), "--format", "jsonl", targets.get(i));
      assertThat(out.get(i)).as("line %d", i).isEqualTo(alone.out().strip());
    }
    assertThat(out.get(lines)).startsWith("{\"request\":\"GET /last\"");
  }

  @Test
  void aBadRequestLineIsAUsageErrorBeforeAnyOutput() throws IOException {
    Path requests = dir.resolve("requests.txt");
    Files.writeString(requests, "GET /a\n# c\nGET /b\tNoColon\nGET /c\n");
    var run = run("test", "--docroot", docroot.toString(), "--requests", requests.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(requests + ":3:1: bad header field 'NoColon'");
  }

  @Test
  void gzipLogWithLinesThatAreNoEntries() throws IOException {
    Path log = dir.resolve("access.log.gz");
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(log))) {
      gz.write(
          ("1.2.3.4 - - [26/Nov/2026:05:00:00 +0000] \"GET /old HTTP/1.1\" 301 0\n"
                  + "garbage\n"
                  + "\n"
                  + "1.2.3.4 - - [26/Nov/2026:05:00:01 +0000] \"GET /a HTTP/1.1\" 200 5\n")
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    var run = run("test", "--docroot", docroot.toString(), "--access-log", log.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines()).hasSize(2);
    assertThat(run.err())
        .contains(log + ":2: skipped: not a log entry")
        .doesNotContain(":3:")
        .contains("2 requests: 200=1 301=1; proxied 0");
  }

  @Test
  void missingDocrootIsUnreadable() {
    var run = run("test", "--docroot", dir.resolve("nope").toString(), "/");
    assertThat(run.exit()).isEqualTo(3);
  }
}
