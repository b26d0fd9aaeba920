package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;

/**
 * A directive whose AllowOverride class the server does not grant ({@code --allow-override}):
 * Apache answers 500 ("X not allowed here").
 */
@CheckInfo(
    code = "HT5003",
    name = "allowoverride-class",
    severity = Severity.ERROR,
    summary = "A directive that needs an AllowOverride class the server does not grant.")
public final class AllowOverrideClass implements Check {
  @Override
  public void check(LintContext context) {
    if (context.options().allowOverride().contains("all")) {
      return;
    }
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      DirectiveInfo info = context.catalog().find(l.directive().name()).orElse(null);
      if (info == null || !info.allowedInHtaccess() || info.override().isEmpty()) {
        continue;
      }
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String needed = info.override();
      // any one of the classes the manual names (All: any class at all) lets it be used
      boolean allowed =
          info.overrideClasses().stream()
              .anyMatch(c -> context.options().overrideAllowed(c.keyword()));
      if (!allowed) {
        String name = l.directive() instanceof Section ? "<" + info.name() + ">" : info.name();
        context.report(
            l.directive().span(),
            name
                + " not allowed here: it needs AllowOverride "
                + needed
                + " (the server grants "
                + String.join(",", context.options().allowOverride())
                + ")");
      }
    }
  }
}
