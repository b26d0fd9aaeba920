package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.cli.Main;
import dev.htaccess.testing.ProjectFiles;
import dev.htaccess.testing.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example site of the README (examples/dev-site) answers as real Apache answered it: the
 * requests of its expectation file, recorded with the oracle into
 * testdata/examples/dev-site.expected.jsonl; and its expectation file passes.
 */
class ExampleSiteTest {

  @TempDir Path temp;

  private static final Path EXAMPLES = ProjectFiles.root().resolve("examples");

  @Test
  void theExampleAnswersAsApacheDoes() throws IOException {
    Path caseDir = temp.resolve("example");
    Trees.copy(EXAMPLES.resolve("dev-site"), caseDir.resolve("docroot"));
    Files.copy(EXAMPLES.resolve("dev-site.conf"), caseDir.resolve("server.conf"));
    Files.copy(EXAMPLES.resolve("backends.txt"), caseDir.resolve("backends.txt"));
    List<String> requests = new ArrayList<>();
    for (String line : Files.readAllLines(EXAMPLES.resolve("dev-site.expect"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        requests.add(line.substring(0, line.lastIndexOf(" -> ")).strip());
      }
    }
    Files.write(caseDir.resolve("requests.txt"), requests);
    Path expected = ProjectFiles.testdata("examples", "dev-site.expected.jsonl");
    Path work = Files.createDirectories(temp.resolve("work"));
    assertThat(OracleCases.differences(caseDir, expected, work)).isEmpty();
  }

  @Test
  void itsExpectationFilePasses() {
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new String[] {
              "test",
              "--docroot",
              EXAMPLES.resolve("dev-site").toString(),
              "--server-config",
              EXAMPLES.resolve("dev-site.conf").toString(),
              "--expect",
              EXAMPLES.resolve("dev-site.expect").toString()
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(out.toString()).contains("13 passed, 0 failed");
    assertThat(exit).isZero();
  }
}
