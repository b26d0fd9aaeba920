package dev.htaccess.cli;

import dev.htaccess.eval.Outcome;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a test-spec file: a request and what Apache should do with it.
 *
 * <pre>
 * GET /old                 -> 301 https://example.com/new
 * GET /blog/hello          -> rewrite /index.php
 * GET /img/missing.jpg     -> proxy https://prod.example.com/img/missing.jpg
 * GET /secret              -> 403
 * GET /a?x=1	Host: b.example -> 200 file /a.html type text/html
 * </pre>
 *
 * Left of {@code ->} is a request in the oracle's request-file format (METHOD URL, then
 * tab-separated headers). Right of it, words that each check one field: a status number; after a
 * 3xx status, the Location; {@code redirect URL}; {@code rewrite PATH[?QUERY]} (the final URI, and
 * the query when one is given); {@code proxy URL}; {@code file PATH} (the file served, relative to
 * the document root); {@code query Q} ({@code -} for none); {@code type MEDIA-TYPE}.
 *
 * @param line the request
 * @param checks what must hold, in order written
 * @param text the expectation as written, for messages
 * @param span where the line is
 */
public record Expectation(
    RequestLines.Line line, List<Check> checks, String text, SourceSpan span) {

  /** One field to compare. */
  public record Check(String field, String expected) {}

  /** A parsed spec file: its expectations, and its syntax errors. */
  public record SpecFile(List<Expectation> expectations, List<Diagnostic> errors) {}

  /** Parses a spec file. */
  public static SpecFile parse(SourceFile file, boolean https, String remoteAddr) {
    List<Expectation> out = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (int n = 1; n <= file.lineCount(); n++) {
      String raw = file.line(n);
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      SourceSpan span = new SourceSpan(file.path(), n, 1, n, raw.length() + 1);
      int arrow = raw.lastIndexOf(" -> ");
      if (arrow < 0) {
        errors.add(error("expected 'METHOD URL -> expectation'", span));
        continue;
      }
      String request = raw.substring(0, arrow).strip();
      String expected = raw.substring(arrow + 4).strip();
      List<Check> checks = new ArrayList<>();
      String problem = checks(expected, checks);
      if (problem != null) {
        errors.add(error(problem, span));
        continue;
      }
      try {
        out.add(
            new Expectation(
                RequestLines.parse(request, https, remoteAddr), checks, expected, span));
      } catch (RequestLines.BadLine e) {
        errors.add(error(e.getMessage(), span));
      }
    }
    return new SpecFile(out, errors);
  }

  private static Diagnostic error(String message, SourceSpan span) {
    return new Diagnostic("HT9001", Severity.ERROR, message, span);
  }

  private static String checks(String text, List<Check> out) {
    String[] words = text.split("\\s+");
    int i = 0;
    while (i < words.length) {
      String w = words[i];
      String lower = w.toLowerCase(Locale.ROOT);
      if (w.matches("[1-5][0-9][0-9]")) {
        out.add(new Check("status", w));
        if (w.startsWith("3") && i + 1 < words.length && words[i + 1].contains("://")) {
          out.add(new Check("location", RawText.display(words[++i])));
        }
        i++;
        continue;
      }
      if (i + 1 >= words.length) {
        return "'" + w + "' needs a value";
      }
      String value = RawText.display(words[i + 1]);
      switch (lower) {
        case "redirect", "location" -> out.add(new Check("location", value));
        case "rewrite", "uri" -> {
          int q = value.indexOf('?');
          out.add(new Check("uri", q < 0 ? value : value.substring(0, q)));
          if (q >= 0) {
            out.add(new Check("query", value.substring(q + 1)));
          }
        }
        case "proxy" -> out.add(new Check("proxy", value));
        case "file", "serve" -> out.add(new Check("filename", value));
        case "query" -> out.add(new Check("query", value.equals("-") ? null : value));
        case "type" -> out.add(new Check("content_type", value));
        default -> {
          return "unknown expectation '"
              + w
              + "' (status, redirect, rewrite, proxy, file, query"
              + " or type)";
        }
      }
      i += 2;
    }
    return out.isEmpty() ? "nothing to check" : null;
  }

  /** The checks that fail for {@code outcome}, as "field: expected X, got Y". */
  public List<String> failures(Outcome outcome) {
    List<String> failures = new ArrayList<>();
    for (Check c : checks) {
      String actual =
          switch (c.field()) {
            case "status" -> Integer.toString(outcome.status());
            case "location" -> outcome.location();
            case "uri" -> outcome.uri();
            case "query" -> outcome.query();
            case "proxy" -> outcome.proxy();
            case "filename" -> outcome.filename();
            case "content_type" -> outcome.contentType();
            default -> null;
          };
      String shown = actual == null ? null : RawText.display(actual);
      if (!java.util.Objects.equals(c.expected(), shown)) {
        failures.add(
            c.field()
                + ": expected "
                + (c.expected() == null ? "none" : c.expected())
                + ", got "
                + (shown == null ? "none" : shown));
      }
    }
    return failures;
  }
}
