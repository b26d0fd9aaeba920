package dev.htaccess.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.convert.verify.EngineRefusals;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each construct's conversion, held to a golden file: {@code testdata/convert/CASE/docroot} (the
 * .htaccess files and the site's files) converts to {@code CASE/expected.nginx}, with what could
 * not be converted exactly in {@code CASE/expected.findings} (the document root written as
 * {@code @DOCROOT@}). Rewrite them with {@code -Dgolden.update=true} and review the diff; {@link
 * ConvertNginxVerifyTest} runs each on a real nginx.
 */
class ConvertGoldenTest {

  /** One test per case of testdata/convert, given the case's document root and its folder. */
  static Stream<DynamicTest> eachCase(CaseTest test) throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectFiles.testdata("convert"))) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("docroot"))).sorted().toList().stream()
          .map(
              c ->
                  DynamicTest.dynamicTest(
                      c.getFileName().toString(),
                      () -> test.run(c.resolve("docroot").toAbsolutePath().normalize(), c)));
    }
  }

  interface CaseTest {
    void run(Path docroot, Path caseDir) throws Exception;
  }

  static NginxConverter.Conversion convert(Path docroot) throws IOException {
    return NginxConverter.convert(
        new NginxConverter.Options(
            docroot, "example.com", "80", null, new EngineRefusals(docroot)));
  }

  @TestFactory
  Stream<DynamicTest> eachCaseConvertsAsRecorded() throws IOException {
    return eachCase(
        (docroot, c) -> {
          NginxConverter.Conversion conversion = convert(docroot);
          String config = conversion.config().replace(docroot.toString(), "@DOCROOT@");
          String findings =
              conversion.findings().stream()
                  .map(f -> f.render().replace(docroot.toString(), "@DOCROOT@") + "\n")
                  .collect(Collectors.joining());
          check(c.resolve("expected.nginx"), config);
          check(c.resolve("expected.findings"), findings);
        });
  }

  private static void check(Path golden, String actual) {
    if (ProjectFiles.updateGolden()) {
      ProjectFiles.writeGolden(golden, actual);
      return;
    }
    assertThat(ProjectFiles.readGolden(golden))
        .as("golden file %s (create it with -Dgolden.update=true)", golden)
        .isEqualTo(actual);
  }
}
