package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;

/** Reports the reader's HT1001 diagnostics: Apache refuses such a file with a 500. */
@CheckInfo(
    code = "HT1001",
    name = "unclosed-section",
    severity = Severity.ERROR,
    summary = "A section is not closed, or closed by the wrong tag.")
public final class UnclosedSection implements Check {
  @Override
  public void check(LintContext context) {
    ParserDiagnostics.report(context, "HT1001");
  }
}
