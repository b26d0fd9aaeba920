package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import dev.htaccess.testing.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code htaccess diff} on the hand-made pair of testdata/diff/wordpress-move, every way in. */
class DiffCommandTest {

  private static final Path CASE = ProjectFiles.testdata("diff", "wordpress-move");

  @TempDir Path temp;

  private static ParseCommandTest.Run diff(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "diff";
    System.arraycopy(args, 0, all, 1, args.length);
    return ParseCommandTest.run(all);
  }

  private static String[] swap(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--docroot",
                CASE.resolve("docroot").toString(),
                "--old",
                CASE.resolve("old.htaccess").toString(),
                "--new",
                CASE.resolve("new.htaccess").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void textGroupsTheChangesOfTheLogByKindWithTheRulesOnEachSide() {
    var run = diff(swap("--access-log", CASE.resolve("access.log").toString()));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("7 of 12 requests change (58.3%; 9 distinct requests), in 3 kinds of change\n")
        .contains(
            "200 -> 301 redirect: 3 requests (2 distinct)\n  GET /blog/  x2\n"
                + "    old: 200 file /blog/index.html  [no rule]\n"
                + "    new: 301 -> http://localhost/news/  [.htaccess:5]\n")
        .contains("200 -> proxy: 3 requests (1 distinct)")
        .contains("200 -> 302 redirect: 1 request (1 distinct)")
        .doesNotContain("robots.txt");
  }

  @Test
  void jsonForToolsAndTheExitCodeFollowsFailOn() {
    var run = diff(swap("--access-log", CASE.resolve("access.log").toString(), "--format", "json"));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) JsonLite.parse(run.out());
    assertThat(report).containsEntry("requests", 12L).containsEntry("changed", 7L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) report.get("groups");
    assertThat(groups).extracting(g -> g.get("field")).containsExactly("status", "proxy", "status");
    assertThat(groups.get(1).toString())
        .contains("proxy=https://www.example.com/wp-content/uploads/2020/a.jpg");

    assertThat(diff(swap("/blog/", "--fail-on", "proxy,cookie")).exit()).isZero();
    assertThat(diff(swap("/blog/", "--fail-on", "status")).exit()).isEqualTo(1);
    assertThat(diff(swap("/robots.txt")).exit()).isZero();
    assertThat(diff(swap("/blog/", "--fail-on", "colour")).exit()).isEqualTo(2);
  }

  @Test
  void markdownAndHtmlReports() {
    var md =
        diff(swap("--access-log", CASE.resolve("access.log").toString(), "--format", "markdown"));
    assertThat(md.out())
        .startsWith("### htaccess diff\n\n**7 of 12 requests change")
        .contains("| 200 -&gt; 301 redirect | 3 | 25.0% | 2 |")
        .contains("<details><summary>200 -&gt; proxy (3)</summary>");
    var html =
        diff(swap("--access-log", CASE.resolve("access.log").toString(), "--format", "html"));
    assertThat(html.out())
        .startsWith("<!DOCTYPE html>")
        .contains("<code>GET /api/v1/users?page=2</code>")
        .contains("class=\"bar\"")
        .contains("<details><summary>both</summary><div class=\"traces\"><pre>GET /blog/ -&gt; 200")
        .contains("</pre><pre>GET /blog/ -&gt; 301")
        .endsWith("</html>\n");
  }

  @Test
  void againstAnotherDirectoryAndAGitRevisionWithAGzippedLog() throws Exception {
    Path old = temp.resolve("old");
    Files.createDirectories(old);
    Files.copy(CASE.resolve("old.htaccess"), old.resolve(".htaccess"));
    Path site = temp.resolve("site");
    Trees.copy(CASE.resolve("docroot"), site);
    Files.copy(
        CASE.resolve("new.htaccess"),
        site.resolve(".htaccess"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // A nested .htaccess the old version did not have: absent from the old side.
    Files.writeString(site.resolve("wp-content/.htaccess"), "Require all denied\n");
    Path log = temp.resolve("access.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log))) {
      out.write(Files.readAllBytes(CASE.resolve("access.log")));
    }
    var run =
        diff(
            "--docroot",
            site.toString(),
            "--against",
            old.toString(),
            "--access-log",
            log.toString());
    // Require all denied in wp-content/ answers before the root's [P] rule would run (mod_rewrite's
    // per-directory rules run in the fixups, after the access check): that Require line decided.
    assertThat(run.out())
        .startsWith("8 of 12 requests change")
        .contains("200 -> 403: 4 requests (2 distinct)")
        .contains("    new: 403  [wp-content/.htaccess:1]\n");

    assumeTrue(git(site, "init", "-q") == 0, "git is not installed");
    git(site, "add", "-A");
    git(site, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "new");
    Files.copy(
        CASE.resolve("old.htaccess"),
        site.resolve(".htaccess"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(site.resolve("wp-content/.htaccess"));
    // The working tree is the old version now, HEAD the new: the change reads the other way.
    var reverse =
        diff("--docroot", site.toString(), "--git-rev", "HEAD", "--access-log", log.toString());
    assertThat(reverse.out())
        .startsWith("8 of 12 requests change")
        .contains("403 -> 200: 4 requests (2 distinct)")
        .contains("301 redirect -> 200: 3 requests (2 distinct)");
    assertThat(diff("--docroot", site.toString(), "--git-rev", "no-such-rev", "/").exit())
        .isEqualTo(3);
  }

  @Test
  void badInputIsAClearError() {
    var none = diff("--docroot", CASE.resolve("docroot").toString(), "/");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err())
        .contains("give one of --against OLD_DIR, --old FILE --new FILE, --git-rev");
    var missing =
        diff(
            "--docroot",
            CASE.resolve("docroot").toString(),
            "--old",
            temp.resolve("nope").toString(),
            "--new",
            CASE.resolve("new.htaccess").toString(),
            "/");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).contains("nope: cannot read: no such file");
    assertThat(diff(swap()).exit()).isEqualTo(2);
    assertThat(diff(swap("--access-log", temp.resolve("none.log").toString())).exit()).isEqualTo(3);
  }

  private static int git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      return -1;
    }
  }
}
