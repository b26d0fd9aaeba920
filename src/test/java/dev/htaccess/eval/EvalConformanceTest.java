package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden conformance: every request of every case agrees with what real Apache answered, field by
 * field. Our cases are in testdata/eval (re-record with tools/record-golden.sh); the oracle's
 * samples and the corpus entries with requests come from ../shared and are skipped without it.
 */
class EvalConformanceTest {

  @TempDir Path temp;

  static Stream<Path> ownCases() throws IOException {
    List<Path> cases = new java.util.ArrayList<>();
    // testdata/convert's cases are oracle cases too: the answers nginx is held to are Apache's
    for (String dir : List.of("eval", "convert")) {
      try (Stream<Path> dirs = Files.list(ProjectFiles.testdata(dir))) {
        cases.addAll(dirs.filter(Files::isDirectory).sorted().toList());
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownCases")
  void ownCaseAgreesWithApache(Path caseDir) throws IOException {
    List<String> diffs = OracleCases.differences(caseDir, caseDir.resolve("expected.jsonl"), temp);
    assertThat(diffs).isEmpty();
  }

  /**
   * Start-up cases, and the cases of mod_vhost_alias (recorded with tools/record-vhost-alias.py:
   * the oracle does not load the module), which are start-up cases where Apache refused them.
   */
  static Stream<Path> startupCases() throws IOException {
    List<Path> cases = new java.util.ArrayList<>();
    for (String dir : List.of("eval-startup", "eval-vhost-alias")) {
      try (Stream<Path> dirs = Files.list(ProjectFiles.testdata(dir))) {
        cases.addAll(dirs.filter(Files::isDirectory).sorted().toList());
      }
    }
    return cases.stream();
  }

  /**
   * Start-up cases: a server.conf Apache refused (its oracle.err says so) must be refused by us
   * too; one it accepted must be accepted and answer as it did.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("startupCases")
  void startupCaseAgreesWithApache(Path caseDir) throws IOException {
    Path err = caseDir.resolve("oracle.err");
    if (Files.exists(err)) {
      assertThat(Files.readString(err)).contains("apache failed to start");
      List<String> ours = OracleCases.configErrors(caseDir, temp);
      assertThat(ours)
          .as("Apache refused this server.conf:%n%s", Files.readString(err))
          .isNotEmpty();
      if (caseDir.getParent().getFileName().toString().equals("eval-vhost-alias")) {
        // the message too: the line after Apache's "Syntax error on line N of ...:"
        List<String> lines = Files.readAllLines(err);
        String message =
            lines.get(
                lines.indexOf(
                        lines.stream()
                            .filter(l -> l.contains("Syntax error on line"))
                            .findFirst()
                            .orElseThrow())
                    + 1);
        assertThat(String.join("\n", ours)).contains(message);
      }
    } else {
      List<String> diffs =
          OracleCases.differences(caseDir, caseDir.resolve("expected.jsonl"), temp);
      assertThat(diffs).isEmpty();
    }
  }

  static Stream<Path> samples() throws IOException {
    var shared = ProjectFiles.shared();
    Path dir = shared.map(s -> s.resolve("oracle/samples")).orElse(null);
    if (dir == null || !Files.isDirectory(dir)) {
      return Stream.of(Path.of("(../shared/oracle/samples absent)"));
    }
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void oracleSampleAgreesWithApache(Path caseDir) throws IOException {
    assumeTrue(Files.isDirectory(caseDir), "../shared/oracle/samples is absent");
    List<String> diffs = OracleCases.differences(caseDir, caseDir.resolve("expected.jsonl"), temp);
    assertThat(diffs).isEmpty();
  }

  static Stream<String> corpusCases() throws IOException {
    try (Stream<Path> files = Files.list(ProjectFiles.testdata("eval-corpus"))) {
      return files
          .map(p -> p.getFileName().toString().replace(".expected.jsonl", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Builds the case as ../shared/oracle/corpus2case.py does, from the corpus entry. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusCases")
  void corpusEntryAgreesWithApache(String name) throws IOException {
    var shared = ProjectFiles.shared();
    Path entry = shared.map(s -> s.resolve("corpus").resolve(name)).orElse(null);
    assumeTrue(entry != null && Files.isDirectory(entry), "../shared/corpus is absent");
    Path caseDir = temp.resolve("built").resolve(name);
    OracleCases.buildCorpusCase(entry, caseDir);
    Path expected = ProjectFiles.testdata("eval-corpus", name + ".expected.jsonl");
    Path work = temp.resolve("work");
    Files.createDirectories(work);
    assertThat(OracleCases.differences(caseDir, expected, work)).isEmpty();
  }
}
