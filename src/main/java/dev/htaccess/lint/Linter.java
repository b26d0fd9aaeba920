package dev.htaccess.lint;

import dev.htaccess.model.Comment;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import dev.htaccess.syntax.ParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the enabled checks over a parsed file and applies configuration and inline suppressions
 * ({@code # htaccess-lint disable=CODE|name -- reason} for the next directive, {@code
 * disable-file=} for the whole file).
 */
public final class Linter {

  private final List<Check> checks;
  private final LintConfig config;

  public Linter(LintConfig config) {
    this.config = config;
    List<Check> enabled = new ArrayList<>();
    for (Check c : CheckRegistry.all()) {
      if (config.enabled(c.info())) {
        enabled.add(c);
      }
    }
    this.checks = enabled;
  }

  /** Lints one file. */
  public List<Finding> lint(ParseResult parse) {
    return lint(parse, List.of());
  }

  /**
   * Lints one file in the context of its parent directories' {@code .htaccess} files ({@code
   * parents}, the outermost first): a setting they make and Apache merges down counts.
   */
  public List<Finding> lint(ParseResult parse, List<ParseResult> parents) {
    LintContext context = new LintContext(parse, config.options(), parents);
    for (Check check : checks) {
      context.startCheck(check.info());
      check.check(context);
    }
    Suppressions suppressions =
        config.inlineSuppressions() ? Suppressions.of(parse) : Suppressions.NONE;
    List<Finding> out = new ArrayList<>();
    for (Finding f : context.findings()) {
      if (suppressions.suppressed(f)) {
        continue;
      }
      Severity severity = config.severityFor(f.code(), f.check(), f.severity());
      out.add(new Finding(f.code(), f.check(), severity, f.message(), f.span(), f.fix()));
    }
    out.sort(
        Comparator.comparingInt((Finding f) -> f.span().line())
            .thenComparingInt(f -> f.span().column())
            .thenComparing(Finding::code));
    return out;
  }

  /** Inline suppressions of one file. */
  record Suppressions(Set<String> wholeFile, Map<Integer, Set<String>> byLine) {
    static final Suppressions NONE = new Suppressions(Set.of(), Map.of());

    static Suppressions of(ParseResult parse) {
      Set<String> file = new HashSet<>();
      Map<Integer, Set<String>> pendingByCommentLine = new TreeMap<>();
      collect(parse.nodes(), file, pendingByCommentLine);
      // Each "disable=" comment covers the first directive after it.
      Map<Integer, Set<String>> byLine = new HashMap<>();
      List<Integer> directiveLines = new ArrayList<>();
      lines(parse.nodes(), directiveLines);
      directiveLines.sort(Integer::compare);
      for (Map.Entry<Integer, Set<String>> e : pendingByCommentLine.entrySet()) {
        for (int line : directiveLines) {
          if (line > e.getKey()) {
            byLine.computeIfAbsent(line, k -> new HashSet<>()).addAll(e.getValue());
            break;
          }
        }
      }
      return new Suppressions(file, byLine);
    }

    private static void collect(
        List<ConfigNode> nodes, Set<String> file, Map<Integer, Set<String>> next) {
      for (ConfigNode n : nodes) {
        if (n instanceof Comment c) {
          String t = c.text().strip();
          if (!t.startsWith("htaccess-lint ")) {
            continue;
          }
          String body = t.substring("htaccess-lint ".length());
          int reason = body.indexOf(" -- ");
          if (reason >= 0) {
            body = body.substring(0, reason);
          }
          body = body.strip();
          if (body.startsWith("disable-file=")) {
            file.addAll(names(body.substring("disable-file=".length())));
          } else if (body.startsWith("disable=")) {
            next.computeIfAbsent(c.span().line(), k -> new HashSet<>())
                .addAll(names(body.substring("disable=".length())));
          }
        } else if (n instanceof Section s) {
          collect(s.children(), file, next);
        }
      }
    }

    private static void lines(List<ConfigNode> nodes, List<Integer> out) {
      for (ConfigNode n : nodes) {
        if (!(n instanceof Comment)) {
          out.add(n.span().line());
        }
        if (n instanceof Section s) {
          lines(s.children(), out);
          out.add(s.endSpan().line());
        }
      }
    }

    private static Set<String> names(String list) {
      Set<String> out = new HashSet<>();
      for (String s : list.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip().toLowerCase(Locale.ROOT));
        }
      }
      return out;
    }

    boolean suppressed(Finding f) {
      String code = f.code().toLowerCase(Locale.ROOT);
      String name = f.check().toLowerCase(Locale.ROOT);
      if (wholeFile.contains(code) || wholeFile.contains(name) || wholeFile.contains("all")) {
        return true;
      }
      Set<String> s = byLine.get(f.span().line());
      return s != null && (s.contains(code) || s.contains(name) || s.contains("all"));
    }
  }
}
