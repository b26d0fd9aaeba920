package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** RewriteRule patterns see the path only, never the query string. */
@CheckInfo(
    code = "HT2012",
    name = "query-string-in-pattern",
    severity = Severity.WARNING,
    summary = "A RewriteRule pattern that tries to match the query string, which it never sees.")
public final class QueryStringInPattern implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      String p = r.rule().pattern();
      if (p.contains("\\?") || p.matches(".*[A-Za-z0-9_]=.*")) {
        context.report(
            r.rule().span(),
            "RewriteRule patterns match the path only, never the query string; test it with"
                + " RewriteCond %{QUERY_STRING}");
      }
    }
  }
}
