package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.source.Severity;
import dev.htaccess.validate.DirectiveValidator;

/**
 * Arguments Apache's handlers refuse for common directives: Options, Require, Header, Redirect,
 * ErrorDocument, ExpiresByType/ExpiresDefault. Each is a 500 in Apache's words.
 */
@CheckInfo(
    code = "HT1012",
    name = "invalid-argument",
    severity = Severity.ERROR,
    summary =
        "An argument the directive refuses: an unknown Option, Require provider, Header action, Redirect status, ErrorDocument code or Expires rule.")
public final class InvalidArgument implements Check {

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof GenericDirective g)
          || activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String problem = DirectiveValidator.argumentValue(g);
      if (problem != null) {
        context.report(
            g.span(),
            problem,
            activation.of(l) == Activation.State.MAYBE ? Severity.WARNING : Severity.ERROR);
      }
    }
  }
}
