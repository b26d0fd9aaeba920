package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Flags that contradict each other; Apache silently lets one win. */
@CheckInfo(
    code = "HT2015",
    name = "conflicting-flags",
    severity = Severity.WARNING,
    summary = "Flags that contradict each other, such as R with P, or QSA with QSD.")
public final class ConflictingFlags implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      boolean redirect = rule.has(RuleFlagKind.REDIRECT) && !Rules.statusOnly(rule);
      conflict(
          context,
          rule,
          redirect && rule.has(RuleFlagKind.PROXY),
          "R and P: a rule either redirects or proxies (the redirect wins)");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.QUERY_APPEND) && rule.has(RuleFlagKind.QUERY_DISCARD),
          "QSA and QSD: appending and discarding the query string");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.FORBIDDEN) && (redirect || rule.has(RuleFlagKind.PROXY)),
          "F with R or P: [F] answers 403 and the rest is ignored");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.GONE) && (redirect || rule.has(RuleFlagKind.PROXY)),
          "G with R or P: [G] answers 410 and the rest is ignored");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.FORBIDDEN) && rule.has(RuleFlagKind.GONE),
          "F and G: only one status can be sent");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.PASS_THROUGH) && (redirect || rule.has(RuleFlagKind.PROXY)),
          "PT with R or P: nothing is passed through");
      conflict(
          context,
          rule,
          rule.has(RuleFlagKind.CHAIN) && r == context.rules().get(context.rules().size() - 1),
          "C on the last rule: there is nothing to chain to");
    }
  }

  private static void conflict(
      LintContext context, RewriteRule rule, boolean condition, String message) {
    if (condition) {
      context.report(rule.span(), "conflicting flags " + message);
    }
  }
}
