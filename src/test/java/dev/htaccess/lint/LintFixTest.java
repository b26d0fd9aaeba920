package dev.htaccess.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixes, as Error Prone tests its refactorings: testdata/lint-fix/CODE[-variant]/input.htaccess
 * fixed by that check's fixes alone is output.htaccess, byte for byte; the output has no finding of
 * the check left and no error; fixing the output again changes nothing.
 */
class LintFixTest {

  static Stream<Path> cases() throws IOException {
    return Files.list(ProjectFiles.testdata("lint-fix")).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixTurnsInputIntoOutput(Path dir) throws IOException {
    // CODE or CODE-variant: several fixtures of one check.
    String code = dir.getFileName().toString().split("-")[0];
    Linter linter = new Linter(LintConfig.defaults());
    Fixer fixer = new Fixer(linter, code::equals);
    SourceFile input = SourceFile.read(dir.resolve("input.htaccess"));
    SourceFile expected = SourceFile.read(dir.resolve("output.htaccess"));
    assertThat(linter.lint(HtaccessReader.read(input)))
        .as("the input has the finding")
        .anyMatch(f -> f.code().equals(code) && f.fix() != null);

    Fixer.Result fixed = fixer.fix(input);
    assertThat(RawText.display(fixed.text())).isEqualTo(RawText.display(expected.text()));
    assertThat(fixed.text()).isEqualTo(expected.text());
    assertThat(fixed.applied()).isNotEmpty().allMatch(a -> a.endsWith("[" + code + "]"));

    var after = linter.lint(HtaccessReader.read(expected));
    assertThat(after).noneMatch(f -> f.code().equals(code));
    assertThat(after).noneMatch(f -> f.severity() == dev.htaccess.source.Severity.ERROR);
    if (PRESERVING.contains(code)) {
      assertThat(answers(input)).as("the dry run answers as before").isEqualTo(answers(expected));
    }
    Fixer.Result again = new Fixer(linter).fix(expected);
    Fixer.Result twice = new Fixer(linter).fix(new SourceFile("x", again.text()));
    assertThat(twice.applied()).as("--fix twice changes nothing the second time").isEmpty();
  }

  @org.junit.jupiter.api.Test
  void linesAFixAddsEndAsTheFilesDo() {
    Linter linter = new Linter(LintConfig.defaults());
    SourceFile crlf =
        SourceFile.ofText(
            "crlf",
            "RewriteEngine On\r\nRewriteRule ^a$ /b [R=301, L]\r\n<Files \"x\">\r\n"
                + "  Order deny,allow\r\n  Deny from all\r\n</Files>\r\n");
    assertThat(new Fixer(linter).fix(crlf).text())
        .isEqualTo(
            "<IfModule mod_rewrite.c>\r\nRewriteEngine On\r\nRewriteRule ^a$ /b [R=301,L]\r\n"
                + "</IfModule>\r\n<Files \"x\">\r\n  Require all denied\r\n</Files>\r\n");
  }

  /** Fixes that exist to keep what Apache does and only change how it is said. */
  static final java.util.Set<String> PRESERVING = java.util.Set.of("HT2021", "HT5002", "HT4001");

  @org.junit.jupiter.api.io.TempDir Path temp;

  /** The dry run's status and Location for a few requests, the file as the document root's. */
  private java.util.List<String> answers(SourceFile file) throws IOException {
    Path docroot = Files.createTempDirectory(temp, "site");
    Files.write(docroot.resolve(".htaccess"), RawText.toBytes(file.text()));
    Files.writeString(docroot.resolve("index.php"), "x");
    Files.writeString(docroot.resolve("app.ini"), "x");
    var evaluator =
        dev.htaccess.eval.Evaluator.create(dev.htaccess.eval.EvaluatorOptions.of(docroot));
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String client : java.util.List.of("192.0.2.1", "203.0.113.7", "2001:db8::1")) {
      for (String path : java.util.List.of("/", "/index.php", "/app.ini", "/missing", "/a/b.log")) {
        var o =
            evaluator
                .evaluate(
                    new dev.htaccess.eval.RequestSpec(
                        "GET", path, java.util.List.of(), false, client))
                .outcome();
        out.add(client + " " + path + " " + o.status() + " " + o.location() + " " + o.uri());
      }
    }
    return out;
  }
}
