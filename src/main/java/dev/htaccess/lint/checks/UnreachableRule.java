package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** A rule after an unconditional catch-all that ends the round can never run. */
@CheckInfo(
    code = "HT2007",
    name = "unreachable-rule",
    severity = Severity.WARNING,
    summary = "A RewriteRule after an unconditional catch-all rule that stops processing.")
public final class UnreachableRule implements Check {
  @Override
  public void check(LintContext context) {
    RewriteRule stopper = null;
    for (LintContext.Rule r : context.rules()) {
      if (stopper != null) {
        context.report(
            r.rule().span(),
            "unreachable: the rule at line "
                + stopper.span().line()
                + " matches every URL without conditions and stops processing");
        continue;
      }
      RewriteRule rule = r.rule();
      boolean stops =
          rule.has(RuleFlagKind.LAST)
              || rule.has(RuleFlagKind.END)
              || rule.has(RuleFlagKind.FORBIDDEN)
              || rule.has(RuleFlagKind.GONE)
              || Rules.statusOnly(rule)
              || rule.has(RuleFlagKind.PROXY);
      if (r.conditions().isEmpty()
          && !rule.negated()
          && Rules.matchesEverything(rule.pattern())
          && stops
          && !rule.has(RuleFlagKind.CHAIN)
          && !rule.has(RuleFlagKind.SKIP)) {
        stopper = rule;
      }
    }
  }
}
