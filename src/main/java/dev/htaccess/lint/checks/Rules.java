package dev.htaccess.lint.checks;

import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.regex.PcrePattern;
import java.util.Locale;

/** Small facts about rules and conditions that several checks need. */
final class Rules {
  private Rules() {}

  /** [F], [G], or R with a status outside 3xx: the rule only answers a status. */
  static boolean statusOnly(RewriteRule r) {
    if (r.has(RuleFlagKind.FORBIDDEN) || r.has(RuleFlagKind.GONE)) {
      return true;
    }
    RuleFlag redirect = r.flag(RuleFlagKind.REDIRECT);
    if (redirect == null || redirect.value().isEmpty()) {
      return false;
    }
    return HttpStatus.redirectFlag(redirect.value()).statusOnly();
  }

  /** Patterns that match every path: empty, ^, .*, ^.*$, ^(.*)$ and the like. */
  static boolean matchesEverything(String pattern) {
    String p = pattern.replace("(", "").replace(")", "");
    return p.isEmpty()
        || p.equals("^")
        || p.equals(".*")
        || p.equals("^.*")
        || p.equals("^.*$")
        || p.equals(".*$");
  }

  /** True when the test string is the host name. */
  static boolean testsHost(RewriteCond c) {
    String s = c.testString().source().toUpperCase(Locale.ROOT);
    return s.equals("%{HTTP_HOST}") || s.equals("%{SERVER_NAME}") || s.equals("%{HTTP:HOST}");
  }

  /** An unescaped '.' with a letter or digit on both sides, outside character classes. */
  static boolean hasUnescapedDotBetweenWords(String regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '.'
          && !inClass
          && i > 0
          && i + 1 < regex.length()
          && Character.isLetterOrDigit(regex.charAt(i - 1))
          && Character.isLetterOrDigit(regex.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The number of capturing groups in a pattern, or -1 when it does not compile. */
  static int groups(String pattern) {
    try {
      return PcrePattern.compile(pattern, false).groupCount();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The offsets of an argument as written (quotes included). */
  static int[] argumentRange(dev.htaccess.lint.LintContext context, dev.htaccess.model.Argument a) {
    int start = context.offset(a.span().line(), a.span().column());
    int end = context.offset(a.span().endLine(), a.span().endColumn());
    return new int[] {start, end};
  }

  /** The file's line end, for lines a fix adds: CRLF when its first line ends so. */
  static String lineEnd(dev.htaccess.lint.LintContext context) {
    String text = context.file().text();
    int nl = text.indexOf('\n');
    return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
  }
}
