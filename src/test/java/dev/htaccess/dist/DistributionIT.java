package dev.htaccess.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.cli.Main;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The distribution {@code mvn package} builds (target/htaccess-VERSION.tar.gz), unpacked and run
 * with nothing but a Java runtime on the PATH: no Maven, no sources. It carries a man page for
 * every command and a completion script that bash can load.
 */
class DistributionIT {

  @TempDir static Path temp;

  private static Path home;

  /** A folder on the PATH holding only {@code java}. */
  private static Path jreOnly;

  @BeforeAll
  static void unpack() throws Exception {
    String version = System.getProperty("project.version");
    Path tarball = ProjectFiles.root().resolve("target/htaccess-" + version + ".tar.gz");
    assumeTrue(Files.exists(tarball), "no distribution (built with -Ddocs.skip=true?)");
    assertThat(exec(List.of("tar", "xzf", tarball.toString()), temp, null).exit()).isZero();
    home = temp.resolve("htaccess-" + version);
    jreOnly = Files.createDirectories(temp.resolve("jre-only"));
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Files.createSymbolicLink(jreOnly.resolve("java"), java.toRealPath());
  }

  record Result(int exit, String output) {}

  /** Runs {@code command} in {@code dir}; with {@code path}, in an environment with only PATH. */
  private static Result exec(List<String> command, Path dir, Path path)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (path != null) {
      pb.environment().clear();
      pb.environment().put("PATH", path.toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private static Result htaccess(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/bash", "bin/htaccess"));
    command.addAll(List.of(args));
    return exec(command, home, jreOnly);
  }

  @Test
  void runsWithOnlyAJavaRuntime() throws Exception {
    Result version = htaccess("--version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output())
        .contains("htaccess " + System.getProperty("project.version"))
        .contains("Apache httpd 2.4.71")
        .contains("Regular expressions: ");

    Path bad = temp.resolve("bad.htaccess");
    Files.writeString(bad, "RewriteEngine On\nRewriteRule ^a$ /b [R=301, L]\n");
    Result lint = htaccess("lint", bad.toString());
    assertThat(lint.exit()).as(lint.output()).isEqualTo(1);
    assertThat(lint.output())
        .contains("bad.htaccess:2:20: error: RewriteRule: bad flag delimiters");
  }

  @Test
  void shipsLicenceReadmeAndAManPageForEveryCommand() {
    assertThat(home.resolve("LICENSE")).exists();
    assertThat(home.resolve("README.md")).exists();
    CommandLine cli = Main.commandLine();
    assertThat(home.resolve("share/man/man1/htaccess.1")).exists();
    for (String sub : cli.getSubcommands().keySet()) {
      assertThat(home.resolve("share/man/man1/htaccess-" + sub + ".1")).as(sub).exists();
    }
  }

  @Test
  void completionLoadsInBashAndCompletesCommandsAndOptions() throws Exception {
    Path script = home.resolve("share/bash-completion/completions/htaccess");
    String probe =
        "source '"
            + script
            + "' 2>/dev/null\n"
            + "complete -p htaccess\n"
            + "COMP_WORDS=(htaccess te); COMP_CWORD=1; COMP_LINE='htaccess te'; COMP_POINT=11\n"
            + "_complete_htaccess 2>/dev/null; echo \"commands: ${COMPREPLY[*]}\"\n"
            + "COMP_WORDS=(htaccess test --doc); COMP_CWORD=2; COMP_LINE='htaccess test --doc'\n"
            + "COMP_POINT=19; _complete_htaccess 2>/dev/null; echo \"options: ${COMPREPLY[*]}\"\n";
    Result r = exec(List.of("/bin/bash", "-c", probe), home, null);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("-F _complete_htaccess htaccess")
        .contains("commands: test")
        .contains("options: --docroot");
  }

  @Test
  void completionLoadsInZsh() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
        "zsh is not installed");
    Path script = home.resolve("share/bash-completion/completions/htaccess");
    String probe =
        "autoload -U +X compinit && compinit -u\n"
            + "autoload -U +X bashcompinit && bashcompinit\n"
            + "source '"
            + script
            + "'\n"
            + "print -r -- ${_comps[htaccess]}\n";
    Result r = exec(List.of("zsh", "-f", "-c", probe), home, null);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("_bash_complete");
  }
}
