package dev.htaccess.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.convert.verify.EngineRefusals;
import dev.htaccess.eval.EvaluatorOptions;
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
 * and {@code expected.findings.caddy} (the document root written as {@code @DOCROOT@}; a case's
 * {@code server.conf}, read as {@code --server-config}, as {@code @SERVERCONF@}). Rewrite them with
 * {@code -Dgolden.update=true} and review the diff; {@link ConvertVerifyTest} runs each on a real
 * nginx and Caddy.
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

  /**
   * A case's site: its document root and, when the case has a {@code server.conf}, a copy of it
   * with {@code ${ORACLE_DOCROOT}} and {@code ${ORACLE_CASE}} made this checkout's paths (as the
   * oracle does), which the engine reads too.
   */
  record Site(Path docroot, Path caseDir, Path serverConfig, EvaluatorOptions engine) {

    static Site of(Path docroot, Path caseDir) throws IOException {
      Path dir = caseDir.toAbsolutePath().normalize();
      Path conf = dir.resolve("server.conf");
      if (!Files.exists(conf)) {
        return new Site(docroot, dir, null, EvaluatorOptions.of(docroot));
      }
      String text =
          Files.readString(conf)
              .replace("${ORACLE_DOCROOT}", docroot.toString())
              .replace("${ORACLE_CASE}", dir.toString());
      Path copy = Files.createTempFile("htaccess-server", ".conf");
      copy.toFile().deleteOnExit();
      Files.writeString(copy, text);
      return new Site(docroot, dir, copy, EvaluatorOptions.of(docroot).withServerConfig(copy));
    }

    /** {@code text} with this site's paths as the golden files write them. */
    String placeholders(String text) {
      String out = text.replace(docroot.toString(), "@DOCROOT@");
      if (serverConfig != null) {
        out = out.replace(serverConfig.toString(), "@SERVERCONF@");
      }
      return out.replace(caseDir.toString(), "@CASE@");
    }
  }

  /**
   * The case's conversion to {@code nginx} or {@code caddy}; the server is named example.com unless
   * the case's server configuration names it.
   */
  static Conversion convert(String target, Site site) throws IOException {
    ConvertOptions options =
        new ConvertOptions(
            site.docroot(),
            site.serverConfig(),
            site.serverConfig() == null ? "example.com" : null,
            "80",
            null,
            new EngineRefusals(site.engine()));
    return target.equals("caddy")
        ? CaddyConverter.convert(options)
        : NginxConverter.convert(options);
  }

  @TestFactory
  Stream<DynamicTest> eachCaseConvertsAsRecorded() throws IOException {
    return eachCase(
        (docroot, c) -> {
          Site site = Site.of(docroot, c);
          for (String target : java.util.List.of("nginx", "caddy")) {
            Conversion conversion = convert(target, site);
            String config = site.placeholders(conversion.config());
            String findings =
                conversion.findings().stream()
                    .map(f -> site.placeholders(f.render()) + "\n")
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
