package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** A [P] rule whose upstream host comes from the request makes the server an open proxy. */
@CheckInfo(
    code = "HT3002",
    name = "open-proxy",
    severity = Severity.WARNING,
    summary = "A [P] rule whose upstream host comes from the request (an open proxy).")
public final class OpenProxy implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      if (rule.has(RuleFlagKind.PROXY)
          && Rules.hostFromRequest(rule.substitution(), r.conditions(), true)) {
        context.report(
            rule.span(),
            "open proxy: the upstream host comes from the request ('"
                + rule.substitution().source()
                + "'), so anyone can make this server fetch any URL; pin the host");
      }
    }
  }
}
