package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * A per-directory rewrite whose result matches the rule again and keeps changing: every internal
 * redirect runs the rules anew, so Apache stops after LimitInternalRecursion (10) with a 500.
 */
@CheckInfo(
    code = "HT2006",
    name = "internal-rewrite-loop",
    severity = Severity.WARNING,
    summary =
        "A rewrite that re-matches its own result and grows it: a 500 after 10 internal redirects.")
public final class InternalRewriteLoop implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      if (!r.conditions().isEmpty()
          || rule.negated()
          || rule.noSubstitution()
          || rule.has(RuleFlagKind.REDIRECT)
          || rule.has(RuleFlagKind.PROXY)
          || rule.has(RuleFlagKind.END)
          || Rules.statusOnly(rule)) {
        continue;
      }
      if (RewriteLoopSimulation.entersOtherDirectory(rule)) {
        continue; // that directory may have its own .htaccess, whose rules replace these
      }
      List<String> rounds = RewriteLoopSimulation.rounds(rule, 11);
      if (rounds != null && rounds.size() > 10) {
        context.report(
            rule.span(),
            "internal rewrite loop: '"
                + rounds.get(0)
                + "' -> '"
                + rounds.get(1)
                + "' -> '"
                + rounds.get(2)
                + "' ... matches again every round; Apache gives up after"
                + " LimitInternalRecursion (10) with a 500. Add a RewriteCond or use [END]");
      }
    }
  }
}
