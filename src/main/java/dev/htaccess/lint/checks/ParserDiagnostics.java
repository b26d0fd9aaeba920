package dev.htaccess.lint.checks;

import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Diagnostic;

/** Turns the reader's own diagnostics into findings of the check with the same code. */
final class ParserDiagnostics {
  private ParserDiagnostics() {}

  static void report(LintContext context, String code) {
    for (Diagnostic d : context.parse().diagnostics()) {
      if (d.code().equals(code)) {
        context.report(d.span(), d.message());
      }
    }
  }
}
