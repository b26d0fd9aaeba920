package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** A redirect whose target host comes from the request lets anyone send users anywhere. */
@CheckInfo(
    code = "HT3001",
    name = "open-redirect",
    severity = Severity.WARNING,
    summary = "A redirect whose target host comes from the request (an open redirect).")
public final class OpenRedirect implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      if (rule.has(RuleFlagKind.PROXY) || Rules.statusOnly(rule) || rule.noSubstitution()) {
        continue;
      }
      boolean external =
          rule.has(RuleFlagKind.REDIRECT) || rule.substitution().source().contains("://");
      if (external && Rules.hostFromRequest(rule.substitution(), r.conditions(), false)) {
        context.report(
            rule.span(),
            "open redirect: the target's host comes from the request ('"
                + rule.substitution().source()
                + "'), so anyone can send your visitors anywhere;"
                + " pin the host or restrict it with a RewriteCond");
      }
    }
  }
}
