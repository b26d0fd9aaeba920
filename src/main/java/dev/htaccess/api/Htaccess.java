package dev.htaccess.api;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.lint.Finding;
import dev.htaccess.lint.LintConfig;
import dev.htaccess.lint.Linter;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine as a library: read an {@code .htaccess} file as Apache reads it, lint it, and simulate
 * requests against a document root. Everything here is a pure function of its inputs and the files
 * it reads; an {@link Evaluator} is immutable and safe to share between threads, so a replay of a
 * large log is a map over its lines.
 *
 * <pre>{@code
 * ParseResult file = Htaccess.parse(Path.of("site/.htaccess"));
 * List<Finding> findings = Htaccess.lint(file);
 * Evaluator site = Htaccess.evaluator(Path.of("site"));
 * Outcome o = Htaccess.evaluate(site, "GET", "/blog/hello?x=1").outcome();
 * if (o instanceof Outcome.Redirect r) { ... r.location() ... }
 * }</pre>
 *
 * <p>This class, the types its methods take and return ({@code dev.htaccess.eval} with {@code
 * dev.htaccess.eval.trace}, {@code dev.htaccess.syntax.ParseResult}, {@code dev.htaccess.model},
 * {@code dev.htaccess.source}, {@code dev.htaccess.lint.Finding} and {@code LintConfig}) are the
 * API. Every other package is internal and may change in any release.
 */
public final class Htaccess {

  private Htaccess() {}

  /** Reads a file as Apache reads an {@code .htaccess}: the tree and every problem in it. */
  public static ParseResult parse(Path file) throws IOException {
    return HtaccessReader.read(SourceFile.read(file));
  }

  /**
   * Reads {@code text} (ordinary text, UTF-8 when it becomes bytes) as an {@code .htaccess}; {@code
   * name} is where diagnostics say it comes from.
   */
  public static ParseResult parse(String name, String text) {
    return HtaccessReader.read(new SourceFile(name, RawText.fromText(text)));
  }

  /** Lints a file read by {@link #parse}, with the default configuration. */
  public static List<Finding> lint(ParseResult file) {
    return lint(file, LintConfig.defaults());
  }

  /** Lints a file read by {@link #parse}. */
  public static List<Finding> lint(ParseResult file, LintConfig config) {
    return new Linter(config).lint(file);
  }

  /** An evaluator for a document root without server configuration. */
  public static Evaluator evaluator(Path docroot) throws IOException {
    return Evaluator.create(EvaluatorOptions.of(docroot));
  }

  /** An evaluator as the options describe it (server configuration, host, memo...). */
  public static Evaluator evaluator(EvaluatorOptions options) throws IOException {
    return Evaluator.create(options);
  }

  /**
   * Simulates {@code method target} (the target as a client sends it, %-escapes included) from
   * 127.0.0.1 with the evaluator's default Host, with the full trace.
   */
  public static Evaluation evaluate(Evaluator site, String method, String target) {
    RequestSpec request =
        new RequestSpec(method, RawText.fromText(target), List.of(), false, "127.0.0.1");
    return site.evaluate(request);
  }
}
