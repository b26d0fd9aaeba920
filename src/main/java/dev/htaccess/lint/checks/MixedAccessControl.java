package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Require and Order/Allow/Deny in one place interact in surprising ways. */
@CheckInfo(
    code = "HT4002",
    name = "mixed-access-control",
    severity = Severity.WARNING,
    summary = "Require and Order/Allow/Deny in the same context.")
public final class MixedAccessControl implements Check {
  @Override
  public void check(LintContext context) {
    Map<List<Section>, List<Directive>> byContext = new LinkedHashMap<>();
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      List<Section> key = new ArrayList<>();
      for (Section s : l.enclosing()) {
        if (!s.key().startsWith("if")) {
          key.add(s);
        }
      }
      byContext.computeIfAbsent(key, k -> new ArrayList<>()).add(l.directive());
    }
    for (List<Directive> group : byContext.values()) {
      Directive require = null;
      Directive old = null;
      for (Directive d : group) {
        if (d.key().equals("require")) {
          require = require == null ? d : require;
        } else if (Set.of("order", "allow", "deny").contains(d.key())) {
          old = old == null ? d : old;
        }
      }
      if (require != null && old != null) {
        Directive later = require.span().line() > old.span().line() ? require : old;
        context.report(
            later.span(),
            "Require (line "
                + require.span().line()
                + ") and "
                + old.name()
                + " (line "
                + old.span().line()
                + ") in the same context: both are applied and either can"
                + " deny; use Require only");
      }
    }
  }
}
