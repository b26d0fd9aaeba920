package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Rules without RewriteEngine On in the file do nothing unless a parent directory turned it on. */
@CheckInfo(
    code = "HT2003",
    name = "rewrite-engine-not-on",
    severity = Severity.WARNING,
    summary = "RewriteRule lines in a file that never says RewriteEngine On (or turns it Off).")
public final class RewriteEngineNotOn implements Check {
  @Override
  public void check(LintContext context) {
    if (context.rules().isEmpty()) {
      return;
    }
    Boolean on = null;
    for (LintContext.Located l : context.directives()) {
      if (l.directive() instanceof RewriteEngine e) {
        on = e.on();
      }
    }
    RewriteRule first = context.rules().get(0).rule();
    if (on == null && Boolean.TRUE.equals(context.inheritedRewriteEngine())) {
      return; // a parent directory's .htaccess turned it on, and subdirectories inherit that
    }
    if (on == null) {
      context.report(
          first.span(),
          "no 'RewriteEngine On' in this file: these rules only run if a parent directory's"
              + " .htaccess or the server turns the engine on");
    } else if (!on) {
      context.report(first.span(), "RewriteEngine is Off in this file: its rules never run");
    }
  }
}
