package dev.htaccess.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the direction of dependencies between our packages by scanning the import lines of
 * {@code src/main/java}: syntax → model → source; eval reads files through syntax; lint and report
 * sit above eval; serve drives eval and talks FastCGI through fastcgi; cli is on top and nothing
 * imports it. A package may always import itself and the JDK.
 */
class LayeringTest {

  private static final String BASE = "dev.htaccess.";

  /** For each of our packages, the other packages (ours or libraries) it may import. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("source", Set.of()),
          Map.entry("model", Set.of("source")),
          Map.entry("regex", Set.of("source")),
          Map.entry("validate", Set.of("source", "model")),
          Map.entry("syntax", Set.of("source", "model", "org.antlr")),
          Map.entry("eval", Set.of("source", "model", "regex", "syntax", "validate")),
          Map.entry("lint", Set.of("source", "model", "regex", "syntax", "eval", "validate")),
          Map.entry("report", Set.of("source", "model", "syntax", "eval", "lint")),
          // A protocol client with no knowledge of Apache or of our other packages.
          Map.entry("fastcgi", Set.of()),
          Map.entry(
              "serve",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "eval",
                  "fastcgi",
                  "report",
                  "okhttp3",
                  "okio",
                  "org.eclipse.jetty")),
          Map.entry(
              "cli",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "eval",
                  "lint",
                  "report",
                  "serve",
                  "picocli",
                  "okhttp3",
                  "org.eclipse.jetty")));

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  @Test
  void importsFollowTheLayering() throws IOException {
    Path main = ProjectFiles.root().resolve("src/main/java/dev/htaccess");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String layer = main.relativize(file).getName(0).toString();
        assertThat(ALLOWED).as("layer of %s", file).containsKey(layer);
        String source = Files.readString(file);
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
          String imported = m.group(1);
          if (imported.startsWith("java.") || imported.startsWith("javax.")) {
            continue;
          }
          String target = targetOf(imported);
          if (target.equals(layer) || (layer.equals("syntax") && target.equals("syntax"))) {
            continue;
          }
          if (!ALLOWED.get(layer).contains(target)) {
            violations.add(main.relativize(file) + " imports " + imported);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** Our package's layer name, or the library prefix the import belongs to. */
  private static String targetOf(String imported) {
    if (imported.startsWith(BASE)) {
      return imported.substring(BASE.length()).split("\\.")[0];
    }
    for (String library : List.of("org.antlr", "org.eclipse.jetty", "okhttp3", "okio", "picocli")) {
      if (imported.startsWith(library + ".")) {
        return library;
      }
    }
    return imported;
  }

  @Test
  void antlrTypesStayInsideSyntax() throws IOException {
    Path main = ProjectFiles.root().resolve("src/main/java/dev/htaccess");
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (main.relativize(file).getName(0).toString().equals("syntax")) {
          continue;
        }
        String source = Files.readString(file);
        if (source.contains("org.antlr") || source.contains("syntax.antlr")) {
          leaks.add(main.relativize(file).toString());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
