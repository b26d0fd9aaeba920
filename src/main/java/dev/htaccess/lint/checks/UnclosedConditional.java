package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.Section;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;

/**
 * A conditional section left open at the end of the file. Apache reads a true one to the end of the
 * file and accepts it, but skips a false one looking for its end tag and refuses the file (500). So
 * it is an error when the condition is false, a warning otherwise: it works only by luck.
 */
@CheckInfo(
    code = "HT1013",
    name = "unclosed-conditional",
    severity = Severity.WARNING,
    summary = "An <IfModule>/<IfDefine>/<IfVersion> not closed before the end of the file.")
public final class UnclosedConditional implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (Diagnostic d : context.parse().diagnostics()) {
      if (!d.code().equals("HT1013")) {
        continue;
      }
      Activation.State state = Activation.State.MAYBE;
      for (LintContext.Located l : context.directives()) {
        if (l.directive() instanceof Section s && s.span().equals(d.span())) {
          LintContext.Located self = new LintContext.Located(s, append(l.enclosing(), s));
          state = activation.of(self);
        }
      }
      String message = d.message() + ": Apache accepts this only while the condition holds";
      if (state == Activation.State.SKIPPED) {
        context.report(
            d.span(), d.message() + " (the condition is false, so Apache fails)", Severity.ERROR);
      } else {
        context.report(d.span(), message);
      }
    }
  }

  private static java.util.List<Section> append(java.util.List<Section> list, Section s) {
    java.util.List<Section> out = new java.util.ArrayList<>(list);
    out.add(s);
    return out;
  }
}
