package dev.htaccess.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Section;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of random and mutated files to the reader: it must never throw, never hang, and
 * every diagnostic and node must carry a position inside the file.
 */
class RobustnessTest {

  private static final long SEED = 20261126L;
  private static final String[] FRAGMENTS = {
    "<IfModule mod_rewrite.c>\n",
    "</IfModule>\n",
    "<Files \"x\">\n",
    "</Files>\n",
    "<If \"%{HTTP_HOST} == 'a'\">\n",
    "</If>\n",
    "RewriteRule ^(.*)$ /index.php?q=$1 [L,QSA]\n",
    "RewriteCond %{REQUEST_FILENAME} !-f [OR]\n",
    "RewriteRule \"a b\" 'c d' \"[R=301,L]\"\n",
    "\\\n",
    "\\\r\n",
    "\"",
    "'",
    "[",
    "]",
    ",",
    "=",
    "${map:%{HTTP_HOST}|x}",
    "%{",
    "${",
    "#",
    "<",
    ">",
    "</",
    "\r\n",
    "\n",
    "\t",
    "\u0000",
    "\u00ff",
  };

  private static List<String> seeds() throws IOException {
    List<String> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(ProjectFiles.testdata("syntax"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".htaccess")).sorted().toList()) {
        seeds.add(RawText.fromBytes(Files.readAllBytes(p)));
      }
    }
    var shared = ProjectFiles.shared();
    if (shared.isPresent() && Files.isDirectory(shared.get().resolve("corpus"))) {
      try (Stream<Path> dirs = Files.list(shared.get().resolve("corpus"))) {
        for (Path d : dirs.sorted().toList()) {
          Path f = d.resolve(".htaccess");
          if (Files.isRegularFile(f)) {
            seeds.add(RawText.fromBytes(Files.readAllBytes(f)));
          }
        }
      }
    }
    return seeds;
  }

  private static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(6);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
      switch (random.nextInt(6)) {
        case 0 -> s.setLength(at); // truncate
        case 1 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 2 -> {
          int end = Math.min(s.length(), at + random.nextInt(40));
          s.delete(at, end);
        }
        case 3 -> {
          byte[] bytes = new byte[1 + random.nextInt(16)];
          random.nextBytes(bytes);
          s.insert(at, RawText.fromBytes(bytes));
        }
        case 4 -> {
          int end = Math.min(s.length(), at + random.nextInt(200));
          s.insert(at, s.substring(at, end));
        }
        default -> s.insert(at, "x".repeat(random.nextInt(3) == 0 ? 20_000 : 300));
      }
    }
    return s.toString();
  }

  private static String randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(2000)];
    random.nextBytes(bytes);
    return RawText.fromBytes(bytes);
  }

  @Test
  void neverThrowsNeverHangsAlwaysPositions() throws IOException {
    List<String> seeds = seeds();
    Random random = new Random(SEED);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      inputs.add(mutate(seeds.get(random.nextInt(seeds.size())), random));
    }
    for (int i = 0; i < 500; i++) {
      inputs.add(randomBytes(random));
    }
    inputs.add("<".repeat(5000));
    inputs.add("<IfModule a>\n".repeat(3000));
    inputs.add("</IfModule>\n".repeat(3000));
    inputs.add("RewriteRule " + "(".repeat(10_000) + " x\n");
    inputs.add("\\\n".repeat(10_000));
    inputs.add("\"".repeat(10_000));
    inputs.add("x".repeat(1_000_000));
    inputs.add("");

    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      SourceFile file = new SourceFile("fuzz-" + i, text);
      ParseResult result =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20), () -> HtaccessReader.read(file), "input " + i);
      for (Diagnostic d : result.diagnostics()) {
        assertInside(d.span(), file, "diagnostic of input " + i);
      }
      checkNodes(result.nodes(), file, i);
    }
  }

  private static void checkNodes(List<ConfigNode> nodes, SourceFile file, int input) {
    for (ConfigNode node : nodes) {
      assertInside(node.span(), file, "node of input " + input);
      if (node instanceof Section s) {
        assertInside(s.endSpan(), file, "section end of input " + input);
        checkNodes(s.children(), file, input);
      }
    }
  }

  private static void assertInside(SourceSpan span, SourceFile file, String what) {
    assertThat(span.file()).as(what).isEqualTo(file.path());
    assertThat(span.line()).as(what).isBetween(1, file.lineCount());
    assertThat(span.column()).as(what).isGreaterThanOrEqualTo(1);
    assertThat(span.endLine()).as(what).isBetween(span.line(), file.lineCount());
  }
}
