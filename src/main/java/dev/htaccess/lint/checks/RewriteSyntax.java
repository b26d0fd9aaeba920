package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;

/** Reports the reader's HT1003 diagnostics: Apache refuses such a file with a 500. */
@CheckInfo(
    code = "HT1003",
    name = "rewrite-syntax",
    severity = Severity.ERROR,
    summary = "A mod_rewrite directive with the wrong arguments, flag delimiters, option or map.")
public final class RewriteSyntax implements Check {
  @Override
  public void check(LintContext context) {
    for (Diagnostic d : context.parse().diagnostics()) {
      if (d.code().equals("HT1003")) {
        context.report(d.span(), d.message(), flagSpaceFix(context, d));
      }
    }
  }

  /**
   * {@code [R=301, L]} → {@code [R=301,L]}: for "unintended whitespace within the flags", the white
   * space between the line's last '[' and its final ']' goes; null for other problems.
   */
  static Fix flagSpaceFix(LintContext context, Diagnostic d) {
    if (!d.message().contains("unintended whitespace within the flags")) {
      return null;
    }
    int line = d.span().line();
    String text = context.file().line(line);
    int close = text.stripTrailing().length() - 1;
    int open = text.lastIndexOf('[', close);
    if (close < 0 || text.charAt(close) != ']' || open < 0 || text.indexOf('#', open) >= 0) {
      return null;
    }
    String flags = text.substring(open, close + 1).replaceAll("[ \\t]+", "");
    int start = context.offset(line, open + 1);
    return Fix.of("remove the spaces inside the flags", start, start + close + 1 - open, flags);
  }
}
