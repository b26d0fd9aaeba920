package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * An external redirect without [L] lets the following rules rewrite the target before the redirect
 * is sent.
 */
@CheckInfo(
    code = "HT2004",
    name = "redirect-without-last",
    severity = Severity.WARNING,
    summary = "A RewriteRule with [R] but without [L] or [END], followed by more rules.")
public final class RedirectWithoutLast implements Check {
  @Override
  public void check(LintContext context) {
    List<LintContext.Rule> rules = context.rules();
    for (int i = 0; i < rules.size() - 1; i++) {
      RewriteRule r = rules.get(i).rule();
      RuleFlag redirect = r.flag(RuleFlagKind.REDIRECT);
      if (redirect == null
          || r.has(RuleFlagKind.LAST)
          || r.has(RuleFlagKind.END)
          || r.noSubstitution()
          || r.has(RuleFlagKind.CHAIN)
          || Rules.statusOnly(r)) {
        continue;
      }
      context.report(
          redirect.span(),
          "["
              + redirect.text()
              + "] without [L]: the rules after this one still run and may"
              + " change the redirect target; add L (["
              + redirect.text()
              + ",L])",
          addLast(context, r));
    }
  }

  /** Inserts {@code ,L} before the ']' that closes the rule's flags. */
  private static Fix addLast(LintContext context, RewriteRule r) {
    var last = r.arguments().get(r.arguments().size() - 1);
    if (!last.value().endsWith("]")) {
      return null;
    }
    int end = context.offset(last.span().endLine(), last.span().endColumn());
    int close = context.file().text().lastIndexOf(']', end - 1);
    if (close < 0) {
      return null;
    }
    return Fix.of("add L after R", close, close, ",L");
  }
}
