package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.JsonLite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lint} command: formats, exit codes, suppressions and configuration. */
class LintCommandTest {

  @TempDir Path dir;
  Path bad;
  Path good;

  @BeforeEach
  void files() throws IOException {
    bad = Files.createDirectories(dir.resolve("site/bad")).resolve(".htaccess");
    Files.writeString(
        bad,
        "RewriteEngin On\n<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^/x$ /y [L]\n</IfModule>\n");
    good = Files.createDirectories(dir.resolve("site/good")).resolve(".htaccess");
    Files.writeString(
        good, "<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^x$ /y [L]\n</IfModule>\n");
  }

  private static ParseCommandTest.Run run(String... args) {
    return ParseCommandTest.run(args);
  }

  @Test
  void textShowsErrorsWithCaretAndExitsOne() {
    var run = run("lint", bad.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains(bad + ":1:1: error: Invalid command 'RewriteEngin'")
        .contains("(did you mean RewriteEngine?) [HT1007 unknown-directive]")
        .contains("RewriteEngin On\n^")
        .contains(
            bad
                + ":4:1: warning: in .htaccess the pattern sees the path without its leading slash");
    assertThat(run.err()).contains("1 error, 1 warning, 0 info in 1 file");
  }

  @Test
  void directoriesAreSearchedAndWarningsPassAtTheDefaultFailLevel() {
    assertThat(run("lint", good.getParent().toString()).exit()).isZero();
    var both = run("lint", dir.resolve("site").toString());
    assertThat(both.exit()).isEqualTo(1);
    assertThat(both.out()).contains(bad.toString()).doesNotContain(good.toString());
    assertThat(run("lint", "--fail-level", "warning", "--disable", "HT1007", bad.toString()).exit())
        .isEqualTo(1);
    assertThat(
            run("lint", "--disable", "HT1007,leading-slash-in-perdir-pattern", bad.toString())
                .exit())
        .isZero();
  }

  @Test
  void jsonIsVersionedWithOneObjectPerFinding() {
    var run = run("lint", "--format", "json", bad.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) JsonLite.parse(run.out());
    assertThat(doc.get("version")).isEqualTo(1L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings = (List<Map<String, Object>>) doc.get("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0))
        .containsEntry("code", "HT1007")
        .containsEntry("check", "unknown-directive")
        .containsEntry("severity", "error")
        .containsEntry("line", 1L)
        .containsKeys("file", "column", "end_line", "end_column", "message");
  }

  @Test
  void sarifHasTheRuleCatalogAndLocations() {
    var run = run("lint", "--format", "sarif", bad.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) JsonLite.parse(run.out());
    assertThat(doc.get("version")).isEqualTo("2.1.0");
    @SuppressWarnings("unchecked")
    Map<String, Object> runObj = ((List<Map<String, Object>>) doc.get("runs")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> driver =
        (Map<String, Object>) ((Map<String, Object>) runObj.get("tool")).get("driver");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
    assertThat(rules).hasSizeGreaterThanOrEqualTo(40);
    assertThat(rules.get(0))
        .containsKeys("id", "name", "shortDescription", "helpUri", "defaultConfiguration");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) runObj.get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0)).containsEntry("ruleId", "HT1007").containsEntry("level", "error");
    assertThat(run.out()).contains("\"startLine\": 1").contains("\"artifactLocation\"");
  }

  @Test
  void checkstyleGithubAndGcc() {
    assertThat(run("lint", "--format", "checkstyle", bad.toString()).out())
        .contains("<checkstyle version=\"4.3\">")
        .contains("<error line=\"1\" column=\"1\" severity=\"error\"")
        .contains("source=\"htaccess.HT1007.unknown-directive\"");
    assertThat(run("lint", "--format", "github", bad.toString()).out())
        .contains(
            "::error file="
                + bad
                + ",line=1,col=1,endLine=1,title=HT1007 unknown-directive::Invalid command");
    assertThat(run("lint", "--format", "gcc", bad.toString()).out())
        .contains(bad + ":1:1: error: Invalid command 'RewriteEngin'");
  }

  @Test
  void inlineSuppressionsAndConfigFile() throws IOException {
    Path f = dir.resolve("s.htaccess");
    Files.writeString(
        f,
        "# htaccess-lint disable=HT1007 -- a module of ours\nMyDirective On\nOtherDirective On\n");
    var run = run("lint", f.toString());
    assertThat(run.out()).doesNotContain(":2:1:").contains(":3:1: error");
    assertThat(run("lint", "--no-inline-suppressions", f.toString()).out()).contains(":2:1: error");
    Files.writeString(dir.resolve(".htaccess-lint.toml"), "disable = [\"unknown-directive\"]\n");
    assertThat(run("lint", f.toString()).exit()).isZero();
    Files.writeString(dir.resolve(".htaccess-lint.toml"), "[severity]\nHT1007 = \"warning\"\n");
    var downgraded = run("lint", f.toString());
    assertThat(downgraded.exit()).isZero();
    assertThat(downgraded.out()).contains(":3:1: warning");
  }

  @Test
  void listExplainAndUsageErrors() {
    assertThat(run("lint", "--list-checks").out()).contains("HT2006  internal-rewrite-loop");
    assertThat(run("lint", "--explain", "open-redirect").out())
        .contains("HT3001 open-redirect")
        .contains("## Fix");
    assertThat(run("lint", "--explain", "nope").exit()).isEqualTo(2);
    assertThat(run("lint", "--fail-level", "loud", good.toString()).exit()).isEqualTo(2);
    assertThat(run("lint", dir.resolve("missing").toString()).exit()).isEqualTo(3);
  }

  @Test
  void assumedModulesTurnUnguardedDirectivesIntoErrors() throws IOException {
    Path f = dir.resolve("h.htaccess");
    Files.writeString(f, "Header set X-A 1\n");
    assertThat(run("lint", f.toString()).exit()).isZero();
    var run = run("lint", "--assume-modules", "rewrite", f.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("Invalid command 'Header': mod_headers is not loaded");
    assertThat(run("lint", "--assume-modules", "mod_headers.c", f.toString()).exit()).isZero();
  }

  @Test
  void formatDiffShowsTheFixesAndLeavesTheFile() throws Exception {
    Path f = dir.resolve("fix-diff.htaccess");
    String before =
        "<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^/a$ /b [R=301]\n</IfModule>\n";
    Files.writeString(f, before);
    var run = run("lint", "--format", "diff", f.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("--- a/")
        .contains("+++ b/")
        .contains("-RewriteRule ^/a$ /b [R=301]\n+RewriteRule ^/?a$ /b [R=301]\n");
    assertThat(Files.readString(f)).isEqualTo(before);
  }

  @Test
  void fixRewritesInPlaceOnceAndReportsWhatRemains() throws Exception {
    Path f = dir.resolve("fix-here.htaccess");
    Files.writeString(
        f,
        "<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^a$ /b [R=301, L]\n</IfModule>\n");
    var run = run("lint", "--fix", f.toString());
    assertThat(run.exit()).isZero();
    assertThat(Files.readString(f))
        .isEqualTo(
            "<IfModule mod_rewrite.c>\nRewriteEngine On\nRewriteRule ^a$ /b [R=301,L]\n</IfModule>\n");
    assertThat(run.err()).contains(":3: remove the spaces inside the flags [HT1003]");
    var again = run("lint", "--fix", f.toString());
    assertThat(again.err()).doesNotContain("[HT1003]");
    assertThat(run("lint", "--format", "diff", f.toString()).out()).isEmpty();
  }
}
