package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import java.util.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
                + advice,
            l.directive().key().equals("order") ? denyAll(context, l) : null);
      }
    }
  }

  /**
   * {@code Order deny,allow} with {@code Deny from all} (or {@code Order allow,deny} alone) in one
   * section, in a file with no Allow, Satisfy or Require anywhere, refuses every request exactly as
   * {@code Require all denied} does: the two become that line. Any other mix is left alone (an
   * Allow from all is not a Require all granted: the parent's Require still counts).
   */
  private static Fix denyAll(LintContext context, LintContext.Located order) {
    List<LintContext.Located> scope = new ArrayList<>();
    for (LintContext.Located l : context.directives()) {
      String key = l.directive().key();
      if (List.of("allow", "satisfy", "require").contains(key)
          || l.directive() instanceof Section s && s.key().startsWith("require")) {
        return null;
      }
      if ((key.equals("order") || key.equals("deny")) && l.enclosing().equals(order.enclosing())) {
        scope.add(l);
      }
    }
    GenericDirective o = (GenericDirective) order.directive();
    String how =
        o.arguments().isEmpty() ? "" : o.arguments().get(0).value().toLowerCase(Locale.ROOT);
    List<LintContext.Located> denies =
        scope.stream().filter(l -> l.directive().key().equals("deny")).toList();
    boolean denyAll =
        denies.size() == 1
            && denies.get(0).directive() instanceof GenericDirective d
            && d.arguments().size() == 2
            && d.arguments().get(1).value().equalsIgnoreCase("all");
    boolean exact =
        scope.size() == denies.size() + 1
            && (how.equals("deny,allow") && denyAll
                || how.equals("allow,deny") && (denies.isEmpty() || denyAll));
    if (!exact) {
      return null;
    }
    List<Fix.Edit> edits = new ArrayList<>();
    int line = o.span().line();
    String indent = context.file().line(line).replaceAll("^([ \\t]*).*$", "$1").replace("\r", "");
    edits.add(lineEdit(context, line, indent + "Require all denied" + Rules.lineEnd(context)));
    for (LintContext.Located d : denies) {
      edits.add(lineEdit(context, d.directive().span().line(), ""));
    }
    return new Fix("replace Order/Deny with Require all denied", edits);
  }

  private static Fix.Edit lineEdit(LintContext context, int line, String text) {
    int start = context.offset(line, 1);
    int end =
        line < context.file().lineCount()
            ? context.offset(line + 1, 1)
            : context.file().text().length();
    return new Fix.Edit(start, end, text);
  }
}
