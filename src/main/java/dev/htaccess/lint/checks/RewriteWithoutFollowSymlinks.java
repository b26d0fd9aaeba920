package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Per-directory rewriting needs FollowSymLinks (or SymLinksIfOwnerMatch); without it: 403. */
@CheckInfo(
    code = "HT2019",
    name = "rewrite-without-followsymlinks",
    severity = Severity.WARNING,
    summary = "RewriteRule in a file that turns FollowSymLinks off: every rewrite is a 403.")
public final class RewriteWithoutFollowSymlinks implements Check {
  @Override
  public void check(LintContext context) {
    if (context.rules().isEmpty()) {
      return;
    }
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof GenericDirective g) || !g.key().equals("options")) {
        continue;
      }
      boolean off = false;
      boolean owner = false;
      boolean relative =
          g.arguments().stream()
              .allMatch(a -> a.value().startsWith("+") || a.value().startsWith("-"));
      boolean mentioned = false;
      for (var a : g.arguments()) {
        String v = a.value().toLowerCase(Locale.ROOT);
        if (v.equals("-followsymlinks")) {
          off = true;
        }
        if (v.endsWith("symlinksifownermatch") && !v.startsWith("-")) {
          owner = true;
        }
        if (v.replace("+", "").equals("followsymlinks") || v.replace("+", "").equals("all")) {
          mentioned = true;
        }
      }
      if (!relative && !mentioned && !owner) {
        off = true;
      }
      if (off && !owner) {
        context.report(
            g.span(),
            "FollowSymLinks is off here, so every RewriteRule in this directory answers 403"
                + " (mod_rewrite needs FollowSymLinks or SymLinksIfOwnerMatch)");
      }
    }
  }
}
