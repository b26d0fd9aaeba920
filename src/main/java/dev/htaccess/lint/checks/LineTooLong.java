package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;

/** Reports the reader's HT1005 diagnostics: Apache refuses such a file with a 500. */
@CheckInfo(
    code = "HT1005",
    name = "line-too-long",
    severity = Severity.ERROR,
    summary = "A logical line longer than the 8190 bytes Apache reads in an .htaccess file.")
public final class LineTooLong implements Check {
  @Override
  public void check(LintContext context) {
    ParserDiagnostics.report(context, "HT1005");
  }
}
