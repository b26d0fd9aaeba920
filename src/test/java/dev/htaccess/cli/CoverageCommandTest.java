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
