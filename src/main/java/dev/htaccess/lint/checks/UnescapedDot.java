package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
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
                + " matches too); escape it as '\\.'",
            escapeDots(context, c));
      }
    }
  }

  /** Each '.' outside a class and not escaped, in the pattern as written, becomes '\\.'. */
  private static Fix escapeDots(LintContext context, RewriteCond c) {
    if (c.arguments().size() < 2) {
      return null;
    }
    int[] range = Rules.argumentRange(context, c.arguments().get(1));
    String written = context.file().text().substring(range[0], range[1]);
    StringBuilder out = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < written.length(); i++) {
      char ch = written.charAt(i);
      if (ch == '\\' && i + 1 < written.length()) {
        out.append(ch).append(written.charAt(++i));
        continue;
      }
      if (ch == '[') {
        inClass = true;
      } else if (ch == ']') {
        inClass = false;
      } else if (ch == '.' && !inClass) {
        out.append('\\');
      }
      out.append(ch);
    }
    return Fix.of("escape the dots of the host pattern", range[0], range[1], out.toString());
  }
}
