package dev.htaccess.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the direction of dependencies between our packages by scanning {@code src/main/java}:
 * its import lines and every fully-qualified name written inline. source at the bottom; httpd
 * (Apache's facts), regex and model on it; syntax and validate read files; expr is ap_expr; the
 * evaluator is eval over eval.rewrite (mod_rewrite) over eval.trace; lint reads the model; report
 * renders; serve drives eval and talks FastCGI through fastcgi; cli is on top and nothing imports
 * it. A layer may always use itself and the JDK; a sub-package is a layer of its own, so {@code
 * eval.rewrite} may not reach back into {@code eval}.
 */
class LayeringTest {

  private static final String BASE = "dev.htaccess.";

  /** For each of our layers (a package and, unless listed, its sub-packages), what it may use. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("source", Set.of()),
          Map.entry("httpd", Set.of("source", "regex")),
          Map.entry("model", Set.of("source")),
          Map.entry("regex", Set.of("source", "com.sun.jna")),
          // apr_password_validate, over the hash libraries and the system's crypt(3).
          Map.entry(
              "passwd",
              Set.of("com.sun.jna", "org.apache.commons.codec", "org.springframework.security")),
          // Apache compiles regexes and ap_expr expressions as it reads a file.
          Map.entry("validate", Set.of("source", "model", "httpd", "regex", "expr")),
          Map.entry("syntax", Set.of("source", "model", "httpd", "org.antlr")),
          Map.entry("expr", Set.of("source", "regex", "httpd")),
          Map.entry("eval.trace", Set.of("source")),
          // mod_proxy's mapping and canonicalisation, shared by mod_rewrite's [P] and ProxyPass.
          Map.entry("eval.proxy", Set.of("source", "regex", "httpd", "eval.trace")),
          Map.entry(
              "eval.rewrite",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "httpd",
                  "expr",
                  "eval.trace",
                  "eval.proxy")),
          Map.entry(
              "eval",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "validate",
                  "httpd",
                  "expr",
                  "passwd",
                  "eval.rewrite",
                  "eval.proxy",
                  "eval.trace")),
          Map.entry(
              // The loop and taint checks ask the real engine (lint.probe).
              "lint",
              Set.of(
                  "source", "model", "regex", "syntax", "validate", "httpd", "expr", "lint.probe")),
          Map.entry(
              "lint.probe",
              Set.of("source", "model", "syntax", "regex", "httpd", "eval", "eval.trace", "lint")),
          Map.entry("replay", Set.of("source", "eval", "eval.trace")),
          // The converter reads the model; its verifier runs nginx against the engine.
          Map.entry("convert", Set.of("source", "model", "syntax", "httpd")),
          Map.entry(
              "convert.verify",
              Set.of(
                  "source", "model", "syntax", "regex", "httpd", "eval", "eval.trace", "convert")),
          Map.entry(
              "report",
              Set.of("source", "model", "syntax", "eval", "eval.trace", "lint", "replay")),
          // A protocol client with no knowledge of Apache or of our other packages.
          Map.entry("fastcgi", Set.of()),
          Map.entry(
              "serve",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "httpd",
                  "eval",
                  "eval.trace",
                  "fastcgi",
                  "report",
                  "okhttp3",
                  "okio",
                  "org.eclipse.jetty")),
          // The language server answers from the linter, the catalog's facts and the evaluator.
          Map.entry(
              "lsp",
              Set.of(
                  "source",
                  "model",
                  "syntax",
                  "httpd",
                  "validate",
                  "lint",
                  "eval",
                  "eval.trace",
                  "report",
                  "org.eclipse.lsp4j",
                  "com.google.gson")),
          // The library's entry point: what a program embedding the engine calls.
          Map.entry("api", Set.of("source", "model", "syntax", "eval", "eval.trace", "lint")),
          Map.entry(
              "cli",
              Set.of(
                  "source",
                  "model",
                  "regex",
                  "syntax",
                  "httpd",
                  "eval",
                  "eval.trace",
                  "lint",
                  "replay",
                  "report",
                  "serve",
                  "convert",
                  "convert.verify",
                  "lsp",
                  "picocli",
                  "okhttp3",
                  "org.eclipse.jetty")));

  private static final List<String> LIBRARIES =
      List.of(
          "org.antlr",
          "org.eclipse.jetty",
          "okhttp3",
          "okio",
          "picocli",
          "com.sun.jna",
          "org.apache.commons.codec",
          "org.springframework.security",
          "org.eclipse.lsp4j",
          "com.google.gson");

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** A fully-qualified name of ours or of a library, written inline in code or Javadoc. */
  private static final Pattern INLINE =
      Pattern.compile(
          "(?<![\\w.])((?:dev\\.htaccess|org\\.antlr|org\\.eclipse\\.jetty|okhttp3|okio|picocli)"
              + "(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*)");

  @Test
  void importsAndInlineNamesFollowTheLayering() throws IOException {
    Path main = ProjectFiles.root().resolve("src/main/java/dev/htaccess");
    Set<String> violations = new TreeSet<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = main.relativize(file.getParent()).toString().replace('/', '.');
        String layer = layerOf(pkg);
        assertThat(layer).as("layer of %s", file).isNotNull();
        String source = Files.readString(file);
        for (String used : usedNames(source)) {
          String target = targetOf(used);
          if (target.equals(layer) || target.startsWith("java")) {
            continue;
          }
          if (!ALLOWED.get(layer).contains(target)) {
            violations.add(main.relativize(file) + " (" + layer + ") uses " + used);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** The names a file imports or writes out in full, outside its package line. */
  private static List<String> usedNames(String source) {
    List<String> names = new ArrayList<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      names.add(m.group(1));
    }
    String body = IMPORT.matcher(source).replaceAll("").replaceFirst("(?m)^package .*$", "");
    Matcher inline = INLINE.matcher(body);
    while (inline.find()) {
      names.add(inline.group(1));
    }
    return names;
  }

  /** The most specific layer of ours a package belongs to, or null. */
  private static String layerOf(String pkg) {
    return ALLOWED.keySet().stream()
        .filter(l -> pkg.equals(l) || pkg.startsWith(l + "."))
        .max(Comparator.comparingInt(String::length))
        .orElse(null);
  }

  /** Our layer a name belongs to, the library it comes from, or the name itself. */
  private static String targetOf(String name) {
    if (name.startsWith(BASE)) {
      String rest = name.substring(BASE.length());
      String pkg = rest.replaceAll("\\.[A-Z].*$", "");
      String layer = layerOf(pkg);
      return layer == null ? name : layer;
    }
    for (String library : LIBRARIES) {
      if (name.startsWith(library + ".")) {
        return library;
      }
    }
    return name;
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

  @Test
  void theLayeringTestSeesInlineNames() {
    assertThat(usedNames("package a;\nclass X { dev.htaccess.eval.Evaluator e; }"))
        .containsExactly("dev.htaccess.eval.Evaluator");
    assertThat(targetOf("dev.htaccess.eval.rewrite.RuleList")).isEqualTo("eval.rewrite");
    assertThat(targetOf("dev.htaccess.eval.Outcome.Common")).isEqualTo("eval");
  }
}
