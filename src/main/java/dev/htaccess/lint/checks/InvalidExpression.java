package dev.htaccess.lint.checks;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.Section;
import dev.htaccess.regex.PcreSyntaxException;
import dev.htaccess.source.Severity;

/**
 * An {@code <If>}/{@code <ElseIf>} or {@code RewriteCond expr} expression that does not parse. Only
 * clear syntax errors are reported (unbalanced quotes or parentheses, a comparison without its
 * right side); constructs this tool does not model are left alone.
 */
@CheckInfo(
    code = "HT1011",
    name = "invalid-expression",
    severity = Severity.ERROR,
    summary = "An <If> or RewriteCond expr expression with a syntax error.")
public final class InvalidExpression implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String expr = null;
      if (l.directive() instanceof Section s
          && (s.key().equals("if") || s.key().equals("elseif"))) {
        expr = s.rawArguments().strip();
        if (expr.length() >= 2 && expr.startsWith("\"") && expr.endsWith("\"")) {
          expr = expr.substring(1, expr.length() - 1);
        }
        if (expr.isEmpty()) {
          context.report(s.span(), "<" + s.name() + "> needs an expression");
          continue;
        }
      } else if (l.directive() instanceof RewriteCond c
          && c.pattern() instanceof CondPattern.Expression e) {
        expr = e.expression();
      }
      if (expr == null) {
        continue;
      }
      try {
        ApExpression.parse(expr);
      } catch (ApExpression.ExprException | PcreSyntaxException e) {
        context.report(
            l.directive().span(), "cannot parse expression '" + expr + "': " + e.getMessage());
      }
    }
  }
}
