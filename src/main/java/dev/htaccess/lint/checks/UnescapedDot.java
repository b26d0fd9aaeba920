package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** In a host pattern such as ^www.example.com$ an unescaped dot matches any character. */
@CheckInfo(
    code = "HT2009",
    name = "unescaped-dot",
    severity = Severity.WARNING,
    summary = "An unescaped '.' between name parts in a host pattern: it matches any character.")
public final class UnescapedDot implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      if (l.directive() instanceof RewriteCond c
          && c.pattern() instanceof CondPattern.Regex re
          && Rules.testsHost(c)
          && Rules.hasUnescapedDotBetweenWords(re.regex())) {
        context.report(
            c.span(),
            "'"
                + re.regex()
                + "': an unescaped '.' matches any character (so 'wwwXexample.com'"
                + " matches too); escape it as '\\.'");
      }
    }
  }
}
