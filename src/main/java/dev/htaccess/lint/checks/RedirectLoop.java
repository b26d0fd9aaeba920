package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * A redirect to a URL that the same rule matches again, with no condition to stop it: browsers give
 * up with "too many redirects".
 */
@CheckInfo(
    code = "HT2005",
    name = "redirect-loop",
    severity = Severity.WARNING,
    summary = "An unconditional [R] rule whose target matches its own pattern again.")
public final class RedirectLoop implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      if (!rule.has(RuleFlagKind.REDIRECT)
          || Rules.statusOnly(rule)
          || !r.conditions().isEmpty()
          || rule.negated()
          || rule.noSubstitution()) {
        continue;
      }
      String target = RewriteLoopSimulation.probe(rule.substitution());
      int scheme = target.indexOf("://");
      if (scheme >= 0) {
        int slash = target.indexOf('/', scheme + 3);
        target = slash < 0 ? "/" : target.substring(slash);
      }
      int q = target.indexOf('?');
      if (q >= 0) {
        target = target.substring(0, q);
      }
      String perDir = target.startsWith("/") ? target.substring(1) : target;
      try {
        if (PcrePattern.compile(rule.pattern(), rule.has(RuleFlagKind.NO_CASE)).find(perDir)) {
          context.report(
              rule.span(),
              "redirect loop: the target '"
                  + target
                  + "' matches this rule's pattern again and"
                  + " no RewriteCond stops it");
        }
      } catch (RuntimeException e) {
        // invalid-regex reports it
      }
    }
  }
}
