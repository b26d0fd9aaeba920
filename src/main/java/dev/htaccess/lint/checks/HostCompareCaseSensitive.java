package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Host names are case-insensitive, but RewriteCond patterns are not unless [NC] is given. */
@CheckInfo(
    code = "HT2010",
    name = "host-compare-case-sensitive",
    severity = Severity.WARNING,
    summary = "A RewriteCond on the host name with letters in its pattern and no [NC].")
public final class HostCompareCaseSensitive implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof RewriteCond c)
          || !Rules.testsHost(c)
          || c.has(CondFlag.Kind.NO_CASE)) {
        continue;
      }
      String text =
          c.pattern() instanceof CondPattern.Regex re
              ? re.regex()
              : c.pattern() instanceof CondPattern.Lexical lx ? lx.operand() : null;
      if (text != null && text.chars().anyMatch(Character::isLetter)) {
        context.report(
            c.span(),
            "host names are case-insensitive but this comparison is not: 'WWW.Example.com' will"
                + " not match; add [NC]",
            addNoCase(context, c));
      }
    }
  }

  /** {@code [NC]} after the pattern, or NC first in the flags there are. */
  private static Fix addNoCase(LintContext context, RewriteCond c) {
    var args = c.arguments();
    if (args.size() == 2) {
      int end = Rules.argumentRange(context, args.get(1))[1];
      return Fix.of("add [NC]", end, end, " [NC]");
    }
    if (args.size() == 3 && args.get(2).value().startsWith("[")) {
      int start = Rules.argumentRange(context, args.get(2))[0];
      int open = context.file().text().indexOf('[', start);
      String rest = args.get(2).value().substring(1);
      return Fix.of("add NC to the flags", open + 1, open + 1, rest.startsWith("]") ? "NC" : "NC,");
    }
    return null;
  }
}
