package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Without [NE], '#' in a redirect target is escaped to %23 and the fragment is lost. */
@CheckInfo(
    code = "HT2013",
    name = "fragment-without-ne",
    severity = Severity.WARNING,
    summary = "A '#' in a redirect target without [NE]: it is sent as %23.")
public final class FragmentWithoutNe implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      if (rule.has(RuleFlagKind.REDIRECT)
          && !rule.has(RuleFlagKind.NO_ESCAPE)
          && rule.substitution().source().contains("#")) {
        context.report(
            rule.span(),
            "the '#' in '"
                + rule.substitution().source()
                + "' is escaped to %23 in the Location;"
                + " add [NE] to send a fragment");
      }
    }
  }
}
