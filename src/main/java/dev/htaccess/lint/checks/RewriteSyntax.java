package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
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
    ParserDiagnostics.report(context, "HT1003");
  }
}
