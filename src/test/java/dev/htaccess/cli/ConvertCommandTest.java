package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.convert.verify.CaddyServer;
import dev.htaccess.convert.verify.NginxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code convert} command as a user sees it: output, findings and exit codes. */
class ConvertCommandTest {

  @TempDir Path docroot;

  /** {@code convert --to nginx --docroot DOCROOT} with {@code more} after it. */
  private ParseCommandTest.Run convert(String... more) {
    String[] args = {"convert", "--to", "nginx", "--docroot", docroot.toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return ParseCommandTest.run(all);
  }

  @Test
  void anExactConversionPrintsTheServerBlockAndExitsZero() throws Exception {
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^ index.php [L]\n");
    ParseCommandTest.Run run = convert("--listen", "8080");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("listen 8080;")
        .contains("root \"" + docroot.toAbsolutePath().normalize() + "\";")
        .contains("try_files $uri \"/index.php$is_args$args\";")
        .contains("# " + docroot.resolve(".htaccess") + ":3: RewriteRule ^ index.php [L]");
  }

  @Test
  void whatCannotBeConvertedIsReportedByLineAndExitsOneUnlessAllowed() throws Exception {
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteCond %{TIME_HOUR} <12\nRewriteRule ^ /morning.html [L]\n");
    Path out = docroot.resolve("out.conf");
    ParseCommandTest.Run run = convert("-o", out.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(docroot.resolve(".htaccess") + ":3:1: cannot convert: the comparison <");
    assertThat(Files.readString(out)).contains("# cannot convert: the comparison <");
    ParseCommandTest.Run allowed = convert("-o", out.toString(), "--allow-approximate");
    assertThat(allowed.exit()).isZero();
  }

  @Test
  void aMissingDocumentRootIsAClearError() {
    ParseCommandTest.Run run =
        ParseCommandTest.run("convert", "--to", "nginx", "--docroot", docroot + "/nope");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err())
        .contains("nope: cannot read: not a directory")
        .doesNotContain("Exception");
  }

  @Test
  void verifyReportsEveryRequestThatDiffers() throws Exception {
    assumeTrue(new NginxServer().binary().isPresent(), "nginx is not installed");
    // mod_rewrite's lexical test cannot be converted: with --allow-approximate the rule is left
    // out, and --verify shows what that changes.
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteCond %{QUERY_STRING} >a\nRewriteRule ^page$ /other.html [L]\n");
    Files.writeString(docroot.resolve("other.html"), "other\n");
    Files.writeString(docroot.resolve("page"), "page\n");
    Path requests = docroot.resolve("requests.txt");
    Files.writeString(requests, "GET /page?b=1\nGET /other.html\n");
    ParseCommandTest.Run run =
        convert(
            "--allow-approximate",
            "--verify",
            "--requests",
            requests.toString(),
            "-o",
            docroot.resolve("out.conf").toString());
    // the difference follows from the line left out, which the report names: not a failure
    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .contains("verify: GET /page?b=1: Apache 200 " + docroot.toAbsolutePath().normalize())
        .contains(
            "known limitation: Apache's answer goes through " + docroot.resolve(".htaccess") + ":3")
        .contains("verify: 1 of 2 requests answered the same by nginx and Apache (1 more differ");

    // The same two requests from an access log, one of them logged twice: replayed once each.
    Path log = docroot.resolve("access.log");
    Files.writeString(
        log,
        "127.0.0.1 - - [02/Dec/2026:06:00:00 +0000] \"GET /page?b=1 HTTP/1.1\" 200 5 \"-\" \"curl\"\n"
            + "not a log line\n"
            + "127.0.0.1 - - [02/Dec/2026:06:00:01 +0000] \"GET /other.html HTTP/1.1\" 200 6\n"
            + "127.0.0.1 - - [02/Dec/2026:06:00:02 +0000] \"GET /other.html HTTP/1.1\" 200 6\n");
    ParseCommandTest.Run fromLog =
        convert(
            "--allow-approximate",
            "--verify",
            "--access-log",
            log.toString(),
            "-o",
            docroot.resolve("out.conf").toString());
    assertThat(fromLog.exit()).isZero();
    assertThat(fromLog.err())
        .contains("verify: GET /page?b=1: Apache 200 ")
        .contains("verify: 1 of 2 requests answered the same by nginx and Apache");
  }

  @Test
  void toCaddyPrintsASiteAndVerifiesItOnCaddy() throws Exception {
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^ index.php [L]\n");
    Files.writeString(docroot.resolve("index.php"), "<?php\n");
    Files.writeString(docroot.resolve("style.css"), "css\n");
    ParseCommandTest.Run run =
        ParseCommandTest.run(
            "convert", "--to", "caddy", "--docroot", docroot.toString(), "--listen", "8080");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("http://:8080 {")
        .contains("root * \"" + docroot.toAbsolutePath().normalize() + "\"")
        .contains("rewrite * \"/index.php\"")
        .contains("# " + docroot.resolve(".htaccess") + ":3: RewriteRule ^ index.php [L]");

    assumeTrue(new CaddyServer().binary().isPresent(), "caddy is not installed");
    Path requests = docroot.resolve("requests.txt");
    Files.writeString(requests, "GET /style.css\nGET /a/pretty/url?x=1\nGET /index.php\n");
    ParseCommandTest.Run verified =
        ParseCommandTest.run(
            "convert",
            "--to",
            "caddy",
            "--docroot",
            docroot.toString(),
            "--verify",
            "--requests",
            requests.toString(),
            "-o",
            docroot.resolve("Caddyfile").toString());
    assertThat(verified.exit()).as(verified.err()).isZero();
    assertThat(verified.err()).contains("verify: 3 of 3 requests answered the same by caddy");
  }
}
