package dev.htaccess.lint.checks;

import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
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

  /**
   * True when the scheme-and-host part of a substitution comes from request input an attacker
   * controls: the query string, a header, the referer, or a condition capture of one of those. Path
   * captures ($N) cannot hold "scheme://" (Apache merges the slashes), so they do not count. With
   * {@code hostHeaderCounts}, %{HTTP_HOST} and captures of it count too (for proxies).
   */
  static boolean hostFromRequest(
      Template t, java.util.List<RewriteCond> conditions, boolean hostHeaderCounts) {
    java.util.List<Template.Part> hostParts = new java.util.ArrayList<>();
    String source = t.source();
    int scheme = source.indexOf("://");
    boolean literalScheme =
        !t.parts().isEmpty()
            && t.parts().get(0) instanceof Template.Literal l
            && l.text().contains("://");
    if (literalScheme) {
      // The parts after "scheme://" up to the first '/' of a literal.
      boolean inHost = false;
      for (Template.Part p : t.parts()) {
        if (p instanceof Template.Literal l) {
          String text = l.text();
          int from = 0;
          if (!inHost) {
            int s = text.indexOf("://");
            if (s < 0) {
              continue;
            }
            inHost = true;
            from = s + 3;
          }
          if (text.indexOf('/', from) >= 0) {
            break;
          }
        } else if (inHost) {
          hostParts.add(p);
        }
      }
    } else if (scheme < 0 || !t.parts().isEmpty()) {
      // No literal scheme: only a leading expansion can make the target absolute.
      if (!t.parts().isEmpty() && !(t.parts().get(0) instanceof Template.Literal)) {
        hostParts.add(t.parts().get(0));
      }
    }
    for (Template.Part p : hostParts) {
      if (p instanceof Template.Variable v && fromClient(v.name(), hostHeaderCounts)) {
        return true;
      }
      if (p instanceof Template.CondBackref b) {
        for (RewriteCond c : conditions) {
          if (c.pattern() instanceof CondPattern.Regex && !c.negated()) {
            for (Template.Part tp : c.testString().parts()) {
              if (tp instanceof Template.Variable v && fromClient(v.name(), hostHeaderCounts)) {
                return true;
              }
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean fromClient(String variable, boolean hostHeaderCounts) {
    String v = variable.toUpperCase(Locale.ROOT);
    if (v.equals("HTTP_HOST") || v.equals("SERVER_NAME") || v.equals("HTTP:HOST")) {
      return hostHeaderCounts;
    }
    return v.equals("QUERY_STRING")
        || v.equals("HTTP_REFERER")
        || v.equals("HTTP_COOKIE")
        || v.equals("HTTP_USER_AGENT")
        || v.equals("THE_REQUEST")
        || v.startsWith("HTTP:");
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
