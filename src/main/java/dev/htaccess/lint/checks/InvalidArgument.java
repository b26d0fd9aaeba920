package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import dev.htaccess.validate.DirectiveValidator;

/**
 * Arguments Apache's handlers refuse for common directives: Options, Require, Header, Redirect,
 * ErrorDocument, ExpiresByType/ExpiresDefault, and an {@code <IfVersion>} header. Each is a 500 in
 * Apache's words.
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
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String problem =
          l.directive() instanceof GenericDirective g
              ? DirectiveValidator.argumentValue(g)
              : l.directive() instanceof Section s ? DirectiveValidator.sectionProblem(s) : null;
      if (problem != null) {
        context.report(
            l.directive().span(),
            problem,
            activation.of(l) == Activation.State.MAYBE ? Severity.WARNING : Severity.ERROR);
      }
    }
  }
}
