package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;

/** A server-only directive in an .htaccess file: "X not allowed here", a 500. */
@CheckInfo(
    code = "HT1008",
    name = "directive-not-allowed-here",
    severity = Severity.ERROR,
    summary =
        "A directive that only the server configuration may use (RewriteMap, Alias, <Directory> ...).")
public final class DirectiveNotAllowedHere implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      DirectiveInfo info = context.catalog().find(l.directive().name()).orElse(null);
      if (info == null || info.allowedInHtaccess()) {
        continue;
      }
      Activation.State state = activation.of(l);
      if (state == Activation.State.SKIPPED) {
        continue;
      }
      String name = l.directive() instanceof Section ? "<" + info.name() + ">" : info.name();
      String message =
          name
              + " not allowed here: it belongs in the server configuration ("
              + String.join(
                  ", ",
                  info.contexts().stream()
                      .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                      .sorted()
                      .toList())
              + "), not in .htaccess";
      context.report(
          l.directive().span(),
          message,
          state == Activation.State.MAYBE ? Severity.WARNING : Severity.ERROR);
    }
  }
}
