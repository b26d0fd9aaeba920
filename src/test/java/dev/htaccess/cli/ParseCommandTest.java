package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code parse} command as a user sees it: output, errors and exit codes. */
class ParseCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void printsTheOutlineOfAValidFile() throws IOException {
    Path file = write("ok.htaccess", "RewriteEngine On\nRewriteRule ^a$ /b [R=301,L]\n");
    Run run = run("parse", file.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "1:1 RewriteEngine on\n"
                + "2:1 RewriteRule pattern=\"^a$\" substitution=(\"/b\") flags=[R=\"301\",L]\n");
  }

  @Test
  void reportsEveryErrorWithPositionAndExitsOne() throws IOException {
    Path file =
        write(
            "bad.htaccess",
            "RewriteRule ^a$ /b [R=301, L]\n<IfModule x>\nRewriteRule ^c$ /d [Q]\n");
    Run run = run("parse", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(file + ":1:20: error: RewriteRule: bad flag delimiters")
        .contains(file + ":2:1: warning: Expected </IfModule> before end of configuration")
        .contains(file + ":3:21: error: RewriteRule: unknown flag 'Q'")
        .doesNotContain("Exception");
  }

  @Test
  void writesJsonWithKindsSpansAndChildren() throws IOException {
    Path file = write("j.htaccess", "<IfModule mod_rewrite.c>\n  RewriteBase /x/\n</IfModule>\n");
    Run run = run("parse", "--format", "json", file.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("\"version\": 1")
        .contains("\"kind\": \"section\"")
        .contains("\"name\": \"IfModule\"")
        .contains("\"kind\": \"rewrite_base\"")
        .contains("\"url\": \"/x/\"")
        .contains("\"children\": [")
        .contains("\"end_line\": 3");
  }

  @Test
  void missingFileIsOneLineAndExitThree() {
    Run run = run("parse", dir.resolve("nope").toString());
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err().strip()).isEqualTo(dir.resolve("nope") + ": cannot read: no such file");
  }

  @Test
  void directoryIsOneLineAndExitThree() {
    Run run = run("parse", dir.toString());
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err().strip()).isEqualTo(dir + ": cannot read: is a directory");
  }

  @Test
  void badOptionIsAUsageError() {
    Run run = run("parse", "--format", "yaml", "x");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version").out()).startsWith("htaccess ");
    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("parse").contains("Exit codes:");
  }
}
