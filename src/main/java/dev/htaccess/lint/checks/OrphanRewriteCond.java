package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** RewriteCond lines apply to the next RewriteRule only; with none after them they do nothing. */
@CheckInfo(
    code = "HT2002",
    name = "orphan-rewritecond",
    severity = Severity.WARNING,
    summary = "A RewriteCond that no RewriteRule follows: it applies to nothing.")
public final class OrphanRewriteCond implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.orphanConditions()) {
      context.report(
          l.directive().span(),
          "this RewriteCond is not followed by a RewriteRule in the same context, so it applies"
              + " to nothing");
    }
  }
}
