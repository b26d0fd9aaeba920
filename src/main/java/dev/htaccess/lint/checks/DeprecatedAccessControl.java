package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Order/Allow/Deny/Satisfy are Apache 2.2 syntax, kept only by mod_access_compat. */
@CheckInfo(
    code = "HT4001",
    name = "deprecated-access-control",
    severity = Severity.WARNING,
    summary = "Order/Allow/Deny/Satisfy: 2.2 access control, deprecated in 2.4 (use Require).")
public final class DeprecatedAccessControl implements Check {
  private static final Map<String, String> ADVICE =
      Map.of(
          "order", "drop it; Require has no order",
          "allow", "use 'Require ip ...' / 'Require host ...' / 'Require all granted'",
          "deny", "use 'Require all denied' or 'Require not ip ...' inside <RequireAll>",
          "satisfy", "use <RequireAny> or <RequireAll>");

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String advice = ADVICE.get(l.directive().key());
      if (advice != null && l.directive() instanceof GenericDirective) {
        context.report(
            l.directive().span(),
            l.directive().name()
                + " is Apache 2.2 access control, kept only by"
                + " mod_access_compat: "
                + advice);
      }
    }
  }
}
