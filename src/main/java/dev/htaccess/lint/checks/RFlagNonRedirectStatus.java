package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** R= with a status outside 3xx does not redirect: the substitution is ignored. */
@CheckInfo(
    code = "HT2016",
    name = "r-flag-non-redirect-status",
    severity = Severity.INFO,
    summary = "[R=4xx/5xx]: no redirect happens and the substitution is ignored.")
public final class RFlagNonRedirectStatus implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      RuleFlag f = rule.flag(RuleFlagKind.REDIRECT);
      if (f != null && Rules.statusOnly(rule) && !rule.noSubstitution()) {
        context.report(
            f.span(),
            "["
                + f.text()
                + "] answers "
                + f.value()
                + " and ignores the substitution '"
                + rule.substitution().source()
                + "'; write '-' as the substitution (or use [F]/[G])");
      }
    }
  }
}
