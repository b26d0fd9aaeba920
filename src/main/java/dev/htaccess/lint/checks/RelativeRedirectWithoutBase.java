package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * A relative [R] target in .htaccess without RewriteBase gets the directory's physical path
 * prefixed: the Location leaks /var/www/html/... and points nowhere.
 */
@CheckInfo(
    code = "HT2014",
    name = "relative-redirect-without-base",
    severity = Severity.WARNING,
    summary = "A relative [R] target without RewriteBase: the physical path leaks into Location.")
public final class RelativeRedirectWithoutBase implements Check {
  @Override
  public void check(LintContext context) {
    boolean hasBase =
        context.directives().stream().anyMatch(l -> l.directive() instanceof RewriteBase);
    if (hasBase) {
      return;
    }
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      String s = rule.substitution().source();
      if (!rule.has(RuleFlagKind.REDIRECT)
          || Rules.statusOnly(rule)
          || rule.noSubstitution()
          || s.startsWith("/")
          || s.contains("://")
          || s.startsWith("$")
          || s.startsWith("%")) {
        continue;
      }
      context.report(
          rule.span(),
          "relative redirect target '"
              + s
              + "' without RewriteBase: Apache prefixes the"
              + " directory's file-system path (Location: http://host/var/www/html/...); use '/"
              + s
              + "' or add RewriteBase");
    }
  }
}
