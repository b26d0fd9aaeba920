package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * In .htaccess the directory prefix (with its slash) is stripped before a RewriteRule pattern is
 * tried, so a pattern starting with {@code ^/} never matches.
 */
@CheckInfo(
    code = "HT2001",
    name = "leading-slash-in-perdir-pattern",
    severity = Severity.WARNING,
    summary = "A RewriteRule pattern starting with ^/ in .htaccess, which never matches.")
public final class LeadingSlashInPerdirPattern implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      String p = r.rule().pattern();
      if (!r.rule().negated()
          && p.startsWith("^/")
          && !p.startsWith("^/?")
          && !p.startsWith("^/*")) {
        context.report(
            r.rule().span(),
            "in .htaccess the pattern sees the path without its leading slash, so '"
                + p
                + "' never matches; write '^/?"
                + p.substring(2)
                + "' (or '^"
                + p.substring(2)
                + "')",
            optionalSlash(context, r.rule()));
      }
    }
  }

  /** {@code ^/} → {@code ^/?}: the pattern then matches with and without the slash. */
  private static Fix optionalSlash(LintContext context, dev.htaccess.model.RewriteRule rule) {
    if (rule.arguments().isEmpty()) {
      return null;
    }
    int[] range = Rules.argumentRange(context, rule.arguments().get(0));
    int at = context.file().text().indexOf("^/", range[0]);
    if (at < 0 || at >= range[1]) {
      return null;
    }
    return Fix.of("make the leading slash optional", at + 2, at + 2, "?");
  }
}
