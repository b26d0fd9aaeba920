package dev.htaccess.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture of testdata/lint/CODE/: each {@code # EXPECT: CODE} comment marks the next
 * directive line (or {@code # EXPECT@N: CODE} line N) as one where the check must report, and the
 * check must report nowhere else (Error Prone's DiagnosticTestHelper, both ways). A {@code #
 * OPTIONS: key=value ...} line sets the linter's options for the file.
 */
class LintFixtureTest {

  private static final Pattern EXPECT = Pattern.compile("^\\s*# EXPECT(?:@(\\d+))?: (HT\\d{4})");
  private static final Pattern OPTIONS = Pattern.compile("^# OPTIONS: (.*)$");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.walk(ProjectFiles.testdata("lint"))) {
      return files.filter(p -> p.toString().endsWith(".htaccess")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findingsMatchTheExpectations(Path fixture) throws IOException {
    String code = fixture.getParent().getFileName().toString();
    SourceFile file = SourceFile.read(fixture);
    Set<Integer> expected = new TreeSet<>();
    LintOptions options = LintOptions.defaults();
    for (int n = 1; n <= file.lineCount(); n++) {
      String line = file.line(n);
      Matcher m = EXPECT.matcher(line);
      if (m.find()) {
        assertThat(m.group(2)).as("EXPECT in %s names its own check", fixture).isEqualTo(code);
        expected.add(
            m.group(1) != null ? Integer.parseInt(m.group(1)) : nextDirectiveLine(file, n));
      }
      Matcher o = OPTIONS.matcher(line);
      if (o.find()) {
        options = options(o.group(1));
      }
    }
    if (fixture.getFileName().toString().startsWith("positive")) {
      assertThat(expected).as("a positive fixture expects something").isNotEmpty();
    }
    LintConfig config = new LintConfig(options, Set.of(), Set.of(), Map.of(), true);
    Set<Integer> actual = new TreeSet<>();
    for (Finding f : new Linter(config).lint(HtaccessReader.read(file))) {
      if (f.code().equals(code)) {
        actual.add(f.span().line());
      }
    }
    assertThat(actual).as("lines where %s reports in %s", code, fixture).isEqualTo(expected);
  }

  private static int nextDirectiveLine(SourceFile file, int after) {
    for (int n = after + 1; n <= file.lineCount(); n++) {
      String t = file.line(n).strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return n;
      }
    }
    return -1;
  }

  private static LintOptions options(String spec) {
    String version = "2.4.99";
    Set<String> overrides = Set.of("all");
    Set<String> modules = null;
    for (String kv : spec.trim().split("\\s+")) {
      String[] p = kv.split("=", 2);
      switch (p[0]) {
        case "apache-version" -> version = p[1];
        case "allow-override" -> overrides = lower(p[1]);
        case "assume-modules" -> modules = lower(p[1]);
        default -> throw new IllegalArgumentException("unknown fixture option " + p[0]);
      }
    }
    return new LintOptions(version, overrides, modules);
  }

  private static Set<String> lower(String list) {
    Set<String> out = new HashSet<>();
    for (String s : list.split(",")) {
      out.add(s.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
