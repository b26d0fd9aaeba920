package dev.htaccess.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.cli.RequestLines;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Apache answers 500" ⇔ "lint reports an error", over testdata/lint-apache: 51 files Apache
 * refuses and 50 it accepts, with Apache's verdicts recorded in verdicts.tsv by
 * tools/record-lint-verdicts.py. The linter runs with the modules the oracle's Apache loads; the
 * dry-run evaluator must agree too. When apache2 is installed the verdicts are re-checked live.
 */
class LintApacheAgreementTest {

  /** The modules ../shared/oracle's Apache loads (its README), compiled-in ones included. */
  static final Set<String> ORACLE_MODULES = dev.htaccess.testing.OracleModules.ALL;

  record Verdict(Path file, boolean refused) {}

  static List<Verdict> verdicts() throws IOException {
    Path base = ProjectFiles.testdata("lint-apache");
    List<Verdict> out = new ArrayList<>();
    for (String line : Files.readAllLines(base.resolve("verdicts.tsv"))) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      out.add(new Verdict(base.resolve(f[0]), f[1].equals("500")));
    }
    return out;
  }

  @Test
  void lintErrorsExactlyWhereApacheRefuses() throws IOException {
    List<Verdict> verdicts = verdicts();
    long refused = verdicts.stream().filter(Verdict::refused).count();
    assertThat(refused).isGreaterThanOrEqualTo(40);
    assertThat(verdicts.size() - refused).isGreaterThanOrEqualTo(40);
    LintConfig config =
        new LintConfig(
            new LintOptions("2.4.71", Set.of("all"), ORACLE_MODULES),
            Set.of(),
            Set.of(),
            Map.of(),
            true);
    Linter linter = new Linter(config);
    List<String> disagreements = new ArrayList<>();
    for (Verdict v : verdicts) {
      List<Finding> findings = linter.lint(HtaccessReader.read(SourceFile.read(v.file())));
      boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
      if (error != v.refused()) {
        disagreements.add(
            v.file().getFileName()
                + ": Apache "
                + (v.refused() ? "refuses" : "accepts")
                + ", lint "
                + (error ? "reports " + findings : "reports no error"));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void dryRunAnswers500ExactlyWhereApacheRefuses(@TempDir Path temp) throws IOException {
    List<String> disagreements = new ArrayList<>();
    int i = 0;
    for (Verdict v : verdicts()) {
      Path docroot = Files.createDirectories(temp.resolve("site" + i++));
      Files.copy(v.file(), docroot.resolve(".htaccess"));
      Files.writeString(docroot.resolve("x.html"), "x\n");
      Evaluator evaluator = Evaluator.create(EvaluatorOptions.of(docroot));
      int status =
          evaluator
              .evaluate(RequestLines.parse("GET /x.html", false, "127.0.0.1").spec())
              .outcome()
              .status();
      if ((status == 500) != v.refused()) {
        disagreements.add(
            v.file().getFileName()
                + ": Apache "
                + (v.refused() ? "500" : "accepts")
                + ", dry run "
                + status);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void verdictsHoldOnTheRealApache(@TempDir Path temp) throws Exception {
    Path oracle = ProjectFiles.shared().map(s -> s.resolve("oracle/oracle.py")).orElse(null);
    assumeTrue(oracle != null && Files.exists(oracle), "../shared/oracle is absent");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/apache2")), "apache2 is not installed");
    List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Verdict> verdicts = verdicts();
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    verdicts.parallelStream()
        .forEach(
            v -> {
              try {
                Path c =
                    Files.createDirectories(
                            temp.resolve("case" + n.incrementAndGet()).resolve("docroot"))
                        .getParent();
                Files.copy(v.file(), c.resolve("docroot/.htaccess"));
                Files.writeString(c.resolve("docroot/x.html"), "x\n");
                Files.writeString(c.resolve("requests.txt"), "GET /x.html\n");
                Process p =
                    new ProcessBuilder("python3", oracle.toString(), c.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                  return; // the oracle could not run this case here
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> r =
                    (Map<String, Object>) JsonLite.parse(out.lines().findFirst().orElse("{}"));
                boolean refused = ((Number) r.get("status")).intValue() == 500;
                if (refused != v.refused()) {
                  disagreements.add(
                      v.file().getFileName() + ": recorded " + v.refused() + ", live " + refused);
                }
              } catch (IOException | InterruptedException e) {
                disagreements.add(v.file().getFileName() + ": " + e);
              }
            });
    assertThat(disagreements).isEmpty();
  }
}
