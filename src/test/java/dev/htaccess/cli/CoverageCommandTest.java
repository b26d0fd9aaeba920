package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.CorpusSites;
import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htaccess coverage} on testdata/coverage/small, whose counts are known by construction
 * (three requests for the redirect, a condition that is never true, an {@code <If>} for one
 * request), and on the corpus sites with their requests.
 */
class CoverageCommandTest {

  private static final Path CASE = ProjectFiles.testdata("coverage", "small");

  @TempDir Path temp;

  private static ParseCommandTest.Run coverage(String format) {
    return ParseCommandTest.run(
        "coverage",
        "--docroot",
        CASE.resolve("docroot").toString(),
        "--requests",
        CASE.resolve("requests.txt").toString(),
        "--format",
        format);
  }

  @Test
  void textCountsEachRuleConditionAndSection() {
    var run = coverage("text");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("5 requests (3 distinct): 2 of 3 rules and sections fired at least once\n")
        .contains(
            ".htaccess:2                      5         3         3  RewriteRule ^old$ /new"
                + " [R=301,L]\n")
        .contains("  RewriteCond %{HTTP_HOST} ^never\\.example$  always false\n")
        .contains(
            ".htaccess:4                      2         0         0  RewriteRule ^ - [F]  never fired\n")
        .contains(".htaccess:5                      -         1         -  <If ");
  }

  @Test
  void jsonLcovAndHtml() {
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) JsonLite.parse(coverage("json").out());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
    assertThat(lines)
        .extracting(l -> l.get("line") + " " + l.get("kind") + " " + l.get("matched"))
        .containsExactly("2 rule 3", "3 condition 0", "4 rule 0", "5 section 1");
    assertThat(lines.get(1)).containsEntry("never_varies", true);

    String lcov = coverage("lcov").out();
    assertThat(lcov)
        .startsWith(
            "TN:htaccess\nSF:" + CASE.resolve("docroot/.htaccess").toAbsolutePath().normalize())
        .contains("DA:2,3\nDA:3,0\nBRDA:3,0,0,0\nBRDA:3,0,1,2\nDA:4,0\nDA:5,1\n")
        .contains("LF:4\nLH:2\nend_of_record\n");

    String html = coverage("html").out();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("class=\"miss\"").endsWith("</html>\n");
    assertThat(html.split("<tr", -1)).hasSize(1 + 1 + 7); // the heading row and the file's 7 lines
  }

  @Test
  void logEntriesThatAreNotRequestsAreReported() throws IOException {
    Path log = temp.resolve("access.log");
    Files.writeString(
        log,
        "not a log line\n"
            + "h - - [d] \"GET /tab HTTP/1.1\" 200 0 \"-\" \"agent\twith a tab\"\n"
            + "h - - [d] \"GET /old HTTP/1.1\" 301 0\n");
    var run =
        ParseCommandTest.run(
            "coverage",
            "--docroot",
            CASE.resolve("docroot").toString(),
            "--access-log",
            log.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .contains(log + ":1: skipped: not a log entry")
        .contains(
            "htaccess: skipped 1 log entry of a request that cannot be sent: GET /tab\tUser-Agent:"
                + " agent\twith a tab: bad header field 'with a tab'");
    assertThat(run.out()).startsWith("1 requests (1 distinct)");
  }

  /**
   * Rules no request can fire, whatever the traffic, are told apart from rules this traffic did not
   * fire: a ^/ pattern in .htaccess, a pattern for the query string, a rule after an unconditional
   * catch-all that stops. The replay agrees: none of them fired.
   */
  @Test
  void rulesThatCanNeverFire() throws IOException {
    Path docroot = Files.createDirectories(temp.resolve("site"));
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteRule ^/admin - [F]\n"
            + "RewriteRule ^page\\?id=1$ /p1 [R=301,L]\n"
            + "RewriteRule ^other$ /o [R=302,L]\n"
            + "RewriteRule ^ index.php [L]\n"
            + "RewriteRule ^after$ /x [R=301,L]\n");
    Path requests = temp.resolve("requests.txt");
    Files.writeString(requests, "GET /admin\nGET /page?id=1\nGET /after\n");
    var text =
        ParseCommandTest.run(
            "coverage", "--docroot", docroot.toString(), "--requests", requests.toString());
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .startsWith(
            "3 requests (3 distinct): 1 of 5 rules and sections fired at least once;"
                + " 3 can never fire\n")
        .containsPattern("\\.htaccess:2 .* 0 .*can never fire: HT2001 ")
        .containsPattern("\\.htaccess:3 .* 0 .*can never fire: HT2012 ")
        .containsPattern("\\.htaccess:4 .*  never fired\n")
        .containsPattern("\\.htaccess:6 .* 0 .*can never fire: HT2007 unreachable");
    List<Map<String, Object>> lines = jsonLines(docroot, requests);
    assertThat(lines)
        .extracting(
            l -> l.get("line") + " " + l.get("matched") + " " + (l.get("cannot_fire") != null))
        .containsExactly("2 0 true", "3 0 true", "4 0 false", "5 3 false", "6 0 true");
  }

  /**
   * Redirect and Require lines are counted too: a Redirect is reached by every request that gets to
   * the directory's fixups and fires when it takes one; a Require line fires when it grants and
   * decides when its answer refuses (access control runs before the fixups, so a refused request
   * never reaches the Redirect lines).
   */
  @Test
  void redirectAndRequireLines() throws IOException {
    // testdata/coverage/aliases: expected.jsonl is real Apache's answer to each request (the
    // oracle): 301, 302, 403, 404. The dry run gives the same, so the counts below are of the
    // paths Apache takes.
    Path aliases = ProjectFiles.testdata("coverage", "aliases");
    Path docroot = aliases.resolve("docroot");
    Path requests = aliases.resolve("requests.txt");
    var answers =
        ParseCommandTest.run(
            "test", "--docroot", docroot.toString(), "--requests", requests.toString());
    List<String> expected = Files.readAllLines(aliases.resolve("expected.jsonl"));
    List<String> actual = answers.out().lines().toList();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Object status = ((Map<?, ?>) JsonLite.parse(expected.get(i))).get("status");
      assertThat(((Map<?, ?>) JsonLite.parse(actual.get(i))).get("status"))
          .as(expected.get(i))
          .isEqualTo(status);
    }
    List<Map<String, Object>> lines = jsonLines(docroot, requests);
    assertThat(lines)
        .extracting(
            l ->
                l.get("line")
                    + " "
                    + l.get("kind")
                    + " "
                    + l.get("reached")
                    + "/"
                    + l.get("matched")
                    + "/"
                    + l.get("decided"))
        .containsExactly("1 redirect 3/1/1", "2 redirect 2/1/1", "4 require 1/0/1");
  }

  /** The lines of {@code coverage --format json} on a site and a request file. */
  private static List<Map<String, Object>> jsonLines(Path docroot, Path requests) {
    var json =
        ParseCommandTest.run(
            "coverage",
            "--docroot",
            docroot.toString(),
            "--requests",
            requests.toString(),
            "--format",
            "json");
    assertThat(json.exit()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) JsonLite.parse(json.out());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
    return lines;
  }

  @Test
  void noRequestsIsAUsageError() {
    var run = ParseCommandTest.run("coverage", "--docroot", CASE.resolve("docroot").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("give --access-log LOG, --requests FILE or URLs");
  }

  /**
   * The corpus sites with their requests: the counts are consistent (fired <= reached <= the
   * requests), and a site compared with itself changes nothing.
   */
  @Test
  void corpusSites() throws IOException {
    assumeTrue(ProjectFiles.shared().isPresent(), "../shared is absent");
    Path corpus = ProjectFiles.shared().get().resolve("corpus");
    int sites = 0;
    for (String name : ProjectFiles.corpusEntriesWithHtaccess()) {
      Path entry = corpus.resolve(name);
      if (!Files.exists(entry.resolve("requests.txt"))) {
        continue;
      }
      Path site = temp.resolve(name);
      CorpusSites.build(entry, site);
      String docroot = site.resolve("docroot").toString();
      String requests = site.resolve("requests.txt").toString();
      var run =
          ParseCommandTest.run(
              "coverage", "--docroot", docroot, "--requests", requests, "--format", "json");
      assertThat(run.exit()).as(name + ": " + run.err()).isZero();
      @SuppressWarnings("unchecked")
      Map<String, Object> report = (Map<String, Object>) JsonLite.parse(run.out());
      long total = (Long) report.get("requests");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
      assertThat(lines).as(name).isNotEmpty();
      assertThat(lines).as(name).anyMatch(l -> (Long) l.get("matched") > 0);
      for (Map<String, Object> l : lines) {
        long matched = (Long) l.get("matched");
        Object reached = l.get("reached");
        assertThat(matched)
            .as(name + " " + l)
            .isBetween(0L, reached == null ? total : (Long) reached);
      }
      var same =
          ParseCommandTest.run(
              "diff", "--docroot", docroot, "--against", docroot, "--requests", requests);
      assertThat(same.exit()).as(name).isZero();
      assertThat(same.out()).as(name).startsWith("0 of ");
      sites++;
    }
    assertThat(sites).isPositive();
  }
}
