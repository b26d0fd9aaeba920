package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** Nested quantifiers such as (a+)+ or (.*)* can take exponential time on some inputs. */
@CheckInfo(
    code = "HT2020",
    name = "regex-redos",
    severity = Severity.WARNING,
    summary = "A regular expression with nested quantifiers that can backtrack catastrophically.")
public final class RegexRedos implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      String regex = null;
      if (l.directive() instanceof RewriteRule r) {
        regex = r.pattern();
      } else if (l.directive() instanceof RewriteCond c
          && c.pattern() instanceof CondPattern.Regex re) {
        regex = re.regex();
      }
      if (regex != null && nestedQuantifier(regex)) {
        context.report(
            l.directive().span(),
            "'"
                + regex
                + "' has a quantified group that itself ends in a quantifier, such as"
                + " (a+)+: some inputs take exponential time; remove the inner or outer repetition");
      }
    }
  }

  /** A group whose content ends in + or * and which is itself followed by + or * or {n,}. */
  static boolean nestedQuantifier(String regex) {
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        int end = regex.indexOf(']', i + 2);
        if (end < 0) {
          return false;
        }
        i = end;
      } else if (c == '(') {
        open.push(i);
      } else if (c == ')' && !open.isEmpty()) {
        open.pop();
        char before = i > 0 ? regex.charAt(i - 1) : ' ';
        char after = i + 1 < regex.length() ? regex.charAt(i + 1) : ' ';
        boolean innerRepeats = before == '+' || before == '*';
        boolean outerRepeats = after == '+' || after == '*' || after == '{';
        if (innerRepeats && outerRepeats && !(i >= 2 && regex.charAt(i - 2) == '\\')) {
          return true;
        }
      }
    }
    return false;
  }
}
