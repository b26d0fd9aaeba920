package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.source.Severity;
import dev.htaccess.validate.DirectiveValidator;

/**
 * Wrong number of arguments, checked as Apache's config.c checks each argument style (TAKE1,
 * TAKE12, FLAG ...): an error Apache reports as "X takes one argument" and a 500.
 */
@CheckInfo(
    code = "HT1009",
    name = "argument-count",
    severity = Severity.ERROR,
    summary = "A directive with the wrong number of arguments, or a flag that is not On or Off.")
public final class ArgumentCount implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof GenericDirective g)) {
        continue;
      }
      DirectiveInfo info = context.catalog().find(g.name()).orElse(null);
      if (info == null || info.section() || activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      if (RewriteDirectiveNames.handledByParser(g.key())) {
        continue;
      }
      String problem = DirectiveValidator.argumentCount(info, g.arguments());
      if (problem != null) {
        Severity severity =
            activation.of(l) == Activation.State.MAYBE ? Severity.WARNING : Severity.ERROR;
        context.report(g.span(), info.name() + " " + problem, severity);
      }
    }
  }
}
