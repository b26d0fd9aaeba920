package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-checks the golden files against the real thing: when apache2 and ../shared/oracle are here,
 * each case of testdata/eval is run through Apache again and must give exactly the recorded answers
 * (so a stale expected.jsonl cannot hide). Skipped without Apache.
 */
class LiveApacheTest {

  static Stream<Path> cases() throws IOException {
    return EvalConformanceTest.ownCases();
  }

  /** mod_vhost_alias's cases Apache accepted, recorded with tools/record-vhost-alias.py. */
  static Stream<Path> vhostAliasCases() throws IOException {
    try (Stream<Path> dirs = Files.list(ProjectFiles.testdata("eval-vhost-alias"))) {
      return dirs.filter(d -> Files.exists(d.resolve("expected.jsonl"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenFileMatchesApacheToday(Path caseDir) throws Exception {
    recheck(caseDir, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vhostAliasCases")
  void vhostAliasGoldenFileMatchesApacheToday(Path caseDir) throws Exception {
    recheck(caseDir, true);
  }

  private static void recheck(Path caseDir, boolean vhostAlias) throws Exception {
    Path oracle = ProjectFiles.shared().map(s -> s.resolve("oracle/oracle.py")).orElse(null);
    assumeTrue(oracle != null && Files.exists(oracle), "../shared/oracle is absent");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/apache2")), "apache2 is not installed");
    Path out = Files.createTempFile("oracle", ".jsonl");
    List<String> command =
        vhostAlias
            ? List.of(
                "python3",
                "tools/record-vhost-alias.py",
                caseDir.toString(),
                "--shared",
                oracle.getParent().getParent().toString())
            : List.of("python3", oracle.toString(), caseDir.toString());
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "oracle timed out");
      assumeTrue(p.exitValue() == 0, "the oracle could not run Apache here");
      List<String> live = Files.readAllLines(out, StandardCharsets.UTF_8);
      List<String> recorded =
          Files.readAllLines(caseDir.resolve("expected.jsonl"), StandardCharsets.UTF_8);
      assertThat(live).isEqualTo(recorded);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
