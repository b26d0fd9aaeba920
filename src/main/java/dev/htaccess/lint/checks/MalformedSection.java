package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;

/** Reports the reader's HT1002 diagnostics: Apache refuses such a file with a 500. */
@CheckInfo(
    code = "HT1002",
    name = "malformed-section",
    severity = Severity.ERROR,
    summary = "A section tag lacks its closing '>'.")
public final class MalformedSection implements Check {
  @Override
  public void check(LintContext context) {
    ParserDiagnostics.report(context, "HT1002");
  }
}
