package dev.htaccess.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first commands and its quick start, run exactly as written in a fresh clone of the
 * repository, as a new user would run them: each must exit 0 and do what the README says. The
 * command that runs the test suite ({@code mvn -B verify}) is the one running this test, so it is
 * the only line left out. A clone holds what is committed: uncommitted changes are not tested.
 */
class QuickStartIT {

  @TempDir Path temp;

  @Test
  void theQuickStartRunsAsWritten() throws Exception {
    Path root = ProjectFiles.root();
    assumeTrue(Files.isDirectory(root.resolve(".git")), "not a git checkout");
    Path clone = temp.resolve("htaccess");
    assertThat(
            run(List.of("git", "clone", "--quiet", root.toString(), clone.toString()), root, 120))
        .as("git clone")
        .isZero();
    String readme = Files.readString(clone.resolve("README.md"), StandardCharsets.UTF_8);
    List<String> commands = new ArrayList<>();
    for (String line : codeBlock(readme, 0).split("\n")) {
      if (!line.isBlank() && !line.startsWith("mvn ")) {
        commands.add(line);
      }
    }
    String quickStart = readme.substring(readme.indexOf("\n## Quick start"));
    commands.addAll(List.of(codeBlock(quickStart, 0).split("\n")));
    assertThat(commands).anyMatch(c -> c.startsWith("bin/htaccess test"));
    assertThat(commands).anyMatch(c -> c.startsWith("bin/htaccess serve"));

    Path script = temp.resolve("quickstart.sh");
    Files.writeString(script, "set -euo pipefail\n" + String.join("\n", commands) + "\n");
    Path output = temp.resolve("output.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(clone.toFile());
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    // Whatever happened, no server of the quick start outlives the test.
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    String out = Files.readString(output);
    assertThat(done).as("finished in time:\n%s", out).isTrue();
    assertThat(p.exitValue()).as("exit status of the quick start:\n%s", out).isZero();

    // What the README says each command shows.
    assertThat(out)
        .contains(
            "GET /sites/default/files/logo.png -> 200 proxy"
                + " http://127.0.0.1:8081/sites/default/files/logo.png")
        .contains("[P] stop this round")
        .contains("0 errors, 0 warnings")
        .contains("13 passed, 0 failed")
        .contains("{\"status\": \"ok\"")
        .contains("\n403\n");
    assertThat(Files.readAllBytes(clone.resolve("logo.png")))
        .isEqualTo(
            Files.readAllBytes(clone.resolve("examples/production/sites/default/files/logo.png")));
  }

  /** The {@code n}th fenced {@code sh} block of a Markdown text. */
  private static String codeBlock(String markdown, int n) {
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    for (int i = 0; i <= n; i++) {
      assertThat(m.find()).as("code block %d", n).isTrue();
    }
    return m.group(1);
  }

  private static int run(List<String> command, Path dir, int seconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
