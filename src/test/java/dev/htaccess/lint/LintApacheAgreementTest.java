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
 * "Apache refuses the file" ⇔ "lint reports an error", over testdata/lint-apache: hand-picked files
 * (rejected/, accepted/), the syntax of every directive family varied (generated/, by
 * tools/gen-lint-mutations.py) and one-line mutations of ../shared/corpus (corpus-verdicts.tsv,
 * applied when ../shared is there), 1,834 in all. Apache's verdicts (the status of GET /x.html
 * beside the file, and whether the error log names the file) are recorded by
 * tools/record-lint-verdicts.py. The linter runs with the modules the oracle's Apache loads; the
 * dry run must give Apache's status too. When apache2 is installed all verdicts are re-checked
 * live, in one Apache run.
 */
class LintApacheAgreementTest {

  /** The modules ../shared/oracle's Apache loads (its README), compiled-in ones included. */
  static final Set<String> ORACLE_MODULES = dev.htaccess.testing.OracleModules.ALL;

  /**
   * One recorded answer: the file's bytes, the status Apache gave GET /x.html beside it, and
   * whether Apache refused the file (its error log named it, with this message).
   */
  record Verdict(String name, byte[] content, int status, boolean refused, String message) {}

  /**
   * Verdicts that hang on PCRE2 syntax the java.util.regex fallback cannot read (branch reset
   * groups): left out when libpcre2-8 is not loaded.
   */
  static final Set<String> FALLBACK_GAPS = Set.of("generated/rule-pattern-026.htaccess");

  static List<Verdict> verdicts() throws IOException {
    List<Verdict> all = allVerdicts();
    return dev.htaccess.regex.PcrePattern.nativePcre()
        ? all
        : all.stream().filter(v -> !FALLBACK_GAPS.contains(v.name())).toList();
  }

  static List<Verdict> allVerdicts() throws IOException {
    Path base = ProjectFiles.testdata("lint-apache");
    List<Verdict> out = new ArrayList<>();
    for (String line : Files.readAllLines(base.resolve("verdicts.tsv"))) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add(
          new Verdict(
              f[0],
              Files.readAllBytes(base.resolve(f[0])),
              Integer.parseInt(f[1]),
              f[2].equals("refused"),
              f[3]));
    }
    out.addAll(corpusMutations(base));
    return out;
  }

  /**
   * The corpus mutations of corpus-verdicts.tsv, applied to ../shared/corpus (none when it is
   * absent): each replaces (or drops) one line of a real file.
   */
  static List<Verdict> corpusMutations(Path base) throws IOException {
    Path corpus = ProjectFiles.shared().map(s -> s.resolve("corpus")).orElse(null);
    List<Verdict> out = new ArrayList<>();
    if (corpus == null || !Files.isDirectory(corpus)) {
      return out;
    }
    for (String line : Files.readAllLines(base.resolve("corpus-verdicts.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Path file = corpus.resolve(f[0]).resolve(".htaccess");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines =
          new ArrayList<>(
              List.of(
                  new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)));
      int no = Integer.parseInt(f[1]) - 1;
      if (f[3].equals("<delete>")) {
        lines.remove(no);
      } else {
        String replacement = unescape(f[3]);
        lines.set(
            no,
            replacement.endsWith("\n")
                ? replacement.substring(0, replacement.length() - 1)
                : replacement);
      }
      out.add(
          new Verdict(
              f[0] + ":" + f[1] + " " + f[2],
              String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
              Integer.parseInt(f[4]),
              f[5].equals("refused"),
              f[6]));
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'r' ? '\r' : n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Test
  void lintErrorsExactlyWhereApacheRefuses() throws IOException {
    List<Verdict> verdicts = verdicts();
    long refused = verdicts.stream().filter(Verdict::refused).count();
    assertThat(refused).isGreaterThanOrEqualTo(400);
    assertThat(verdicts.size() - refused).isGreaterThanOrEqualTo(400);
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
      List<Finding> findings =
          linter.lint(
              HtaccessReader.read(
                  new SourceFile(v.name(), dev.htaccess.source.RawText.fromBytes(v.content()))));
      boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
      if (error != v.refused()) {
        disagreements.add(
            v.name()
                + ": Apache "
                + (v.refused() ? "refuses (" + v.message() + ")" : "accepts")
                + ", lint "
                + (error ? "reports " + findings : "reports no error"));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /**
   * Lays the verdicts out as tools/record-lint-verdicts.py does: each file as the .htaccess of its
   * own directory dNNNN of one document root, beside an x.html; returns the request paths.
   */
  static List<String> layOut(Path docroot, List<Verdict> verdicts) throws IOException {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      String dir = String.format("d%04d", i);
      Path d = Files.createDirectories(docroot.resolve(dir));
      Files.write(d.resolve(".htaccess"), verdicts.get(i).content());
      Files.writeString(d.resolve("x.html"), "x\n");
      paths.add("/" + dir + "/x.html");
    }
    return paths;
  }

  @Test
  void dryRunGivesApachesStatus(@TempDir Path temp) throws IOException {
    List<Verdict> verdicts = verdicts();
    List<String> paths = layOut(temp, verdicts);
    Evaluator evaluator = Evaluator.create(EvaluatorOptions.of(temp));
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      int status =
          evaluator
              .evaluate(RequestLines.parse("GET " + paths.get(i), false, "127.0.0.1").spec())
              .outcome()
              .status();
      if (status != v.status() && !DRY_RUN_GAPS.contains(v.name())) {
        disagreements.add(
            v.name()
                + ": Apache "
                + v.status()
                + (v.refused() ? " (" + v.message() + ")" : "")
                + ", dry run "
                + status);
      }
    }
    assertThat(disagreements).isEmpty();
    // A gap that closes must leave the list: each one still differs.
    for (Verdict v : verdicts) {
      if (DRY_RUN_GAPS.contains(v.name())) {
        int status =
            evaluator
                .evaluate(
                    RequestLines.parse("GET " + paths.get(verdicts.indexOf(v)), false, "127.0.0.1")
                        .spec())
                .outcome()
                .status();
        assertThat(status)
            .as(v.name() + " agrees now: drop it from DRY_RUN_GAPS")
            .isNotEqualTo(v.status());
      }
    }
  }

  /**
   * Where the dry run is known to answer otherwise than Apache (lint agrees on them): mod_rewrite
   * rules inside an {@code <If>} of an .htaccess file are not run (Apache merges them into the
   * directory's rules when the condition holds).
   */
  static final Set<String> DRY_RUN_GAPS = Set.of("generated/sections-114.htaccess");

  /**
   * All verdicts in one Apache run, as tools/record-lint-verdicts.py records them: each file in its
   * own directory of one document root, the status and whether the error log names the file.
   */
  @Test
  void verdictsHoldOnTheRealApache(@TempDir Path temp) throws Exception {
    Path oracle = ProjectFiles.shared().map(s -> s.resolve("oracle/oracle.py")).orElse(null);
    assumeTrue(oracle != null && Files.exists(oracle), "../shared/oracle is absent");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/apache2")), "apache2 is not installed");
    List<Verdict> verdicts = verdicts();
    Path c = temp.resolve("case");
    StringBuilder requests = new StringBuilder();
    for (String path : layOut(c.resolve("docroot"), verdicts)) {
      requests.append("GET ").append(path).append("\n");
    }
    Files.writeString(c.resolve("requests.txt"), requests);
    Path keep = temp.resolve("keep");
    Process p =
        new ProcessBuilder("python3", oracle.toString(), "--keep", keep.toString(), c.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "the oracle did not run");
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(verdicts.size());
    Set<String> named = new java.util.HashSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("/html/(d\\d{4})/\\.htaccess: ")
            .matcher(Files.readString(keep.resolve("error.log"), StandardCharsets.ISO_8859_1));
    while (m.find()) {
      named.add(m.group(1));
    }
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) JsonLite.parse(lines.get(i));
      int status = ((Number) r.get("status")).intValue();
      boolean refused = named.contains(String.format("d%04d", i));
      if (status != v.status() || refused != v.refused()) {
        disagreements.add(
            v.name()
                + ": recorded "
                + v.status()
                + (v.refused() ? " refused" : "")
                + ", live "
                + status
                + (refused ? " refused" : ""));
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
