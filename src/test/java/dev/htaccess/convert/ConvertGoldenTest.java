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
 * .htaccess files and the site's files) converts to {@code CASE/expected.nginx} and {@code
 * CASE/expected.caddy}, with what could not be converted exactly in {@code CASE/expected.findings}
 * and {@code expected.findings.caddy} (the document root written as {@code @DOCROOT@}). Rewrite
 * them with {@code -Dgolden.update=true} and review the diff; {@link ConvertVerifyTest} runs each
 * on a real nginx and Caddy.
 */
class ConvertGoldenTest {

  /** One test per case of testdata/convert, given the case's document root and its folder. */
  static Stream<DynamicTest> eachCase(CaseTest test) throws IOException {
    return eachCase(test, "");
  }

  /** As {@link #eachCase(CaseTest)}, each test's name after {@code prefix}. */
  static Stream<DynamicTest> eachCase(CaseTest test, String prefix) throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectFiles.testdata("convert"))) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("docroot"))).sorted().toList().stream()
          .map(
              c ->
                  DynamicTest.dynamicTest(
                      prefix + c.getFileName(),
                      () -> test.run(c.resolve("docroot").toAbsolutePath().normalize(), c)));
    }
  }

  interface CaseTest {
    void run(Path docroot, Path caseDir) throws Exception;
  }

  /** The case's conversion to {@code nginx} or {@code caddy}. */
  static Conversion convert(String target, Path docroot) throws IOException {
    ConvertOptions options =
        new ConvertOptions(docroot, "example.com", "80", null, new EngineRefusals(docroot));
    return target.equals("caddy")
        ? CaddyConverter.convert(options)
        : NginxConverter.convert(options);
  }

  @TestFactory
  Stream<DynamicTest> eachCaseConvertsAsRecorded() throws IOException {
    return eachCase(
        (docroot, c) -> {
          for (String target : java.util.List.of("nginx", "caddy")) {
            Conversion conversion = convert(target, docroot);
            String config = conversion.config().replace(docroot.toString(), "@DOCROOT@");
            String findings =
                conversion.findings().stream()
                    .map(f -> f.render().replace(docroot.toString(), "@DOCROOT@") + "\n")
                    .collect(Collectors.joining());
            String suffix = target.equals("caddy") ? ".caddy" : "";
            check(c.resolve(target.equals("caddy") ? "expected.caddy" : "expected.nginx"), config);
            check(c.resolve("expected.findings" + suffix), findings);
          }
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
