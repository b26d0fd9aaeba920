package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;

/** Reports the reader's HT1004 diagnostics: Apache refuses such a file with a 500. */
@CheckInfo(
    code = "HT1004",
    name = "unknown-flag",
    severity = Severity.ERROR,
    summary = "A RewriteRule or RewriteCond flag (or flag value) Apache does not know.")
public final class UnknownFlag implements Check {
  @Override
  public void check(LintContext context) {
    ParserDiagnostics.report(context, "HT1004");
  }
}
