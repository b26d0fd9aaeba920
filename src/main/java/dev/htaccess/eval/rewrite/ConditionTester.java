package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.CNumbers;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.source.RawText;
import java.util.List;

/**
 * apply_rewrite_cond: one RewriteCond. The test string is expanded, then compared as the pattern
 * says: a regex (its groups become %N for the rule), a file test, a lexical or integer comparison,
 * or an {@code expr}; [NC] and {@code !} as Apache applies them.
 */
final class ConditionTester {

  private ConditionTester() {}

  static boolean test(
      CompiledCondition c, RewriteContext ctx, List<String> varyThis, RewriteHost host) {
    RewriteCond cond = c.source();
    CondPattern pattern = cond.pattern();
    String input =
        pattern instanceof CondPattern.Expression
            ? ""
            : Expander.expand(cond.testString(), ctx, null, false, varyThis, host).text();
    boolean rc;
    PcreMatch matcher = null;
    if (pattern instanceof CondPattern.Regex) {
      PcrePattern.Result result = c.regex().exec(input);
      if (result.limitHit()) {
        host.trace().add(new TraceEvent.MatchLimit(cond.span(), cond.rawPattern(), input));
      }
      matcher = result.match();
      rc = matcher != null;
    } else if (pattern instanceof CondPattern.FileTest ft) {
      rc = !input.isEmpty() && host.fileTest(ft.test(), input);
    } else if (pattern instanceof CondPattern.Lexical lx) {
      rc = lexical(lx, input, c.noCase());
    } else if (pattern instanceof CondPattern.IntegerCompare ic) {
      rc = integer(ic, input);
    } else if (c.expression() != null) {
      rc = c.expression().evaluate(name -> host.variable(name, ctx, varyThis));
    } else {
      rc = false;
    }
    if (rc && !cond.negated() && matcher != null) {
      ctx.condMatch = matcher;
    }
    if (cond.negated()) {
      rc = !rc;
    }
    host.trace()
        .detail(
            new TraceEvent.CondTried(
                cond.span(),
                cond.testString().source(),
                input,
                cond.rawPattern(),
                rc,
                matcher != null && !cond.negated() && rc
                    ? RuleApplier.groups(matcher)
                    : List.of()));
    return rc;
  }

  private static boolean lexical(CondPattern.Lexical lx, String input, boolean noCase) {
    int cmp = noCase ? compareIgnoreCase(input, lx.operand()) : compare(input, lx.operand());
    return switch (lx.operator()) {
      case LESS -> cmp < 0;
      case LESS_OR_EQUAL -> cmp <= 0;
      case GREATER -> cmp > 0;
      case GREATER_OR_EQUAL -> cmp >= 0;
      case EQUAL -> noCase ? input.equalsIgnoreCase(lx.operand()) : input.equals(lx.operand());
    };
  }

  private static boolean integer(CondPattern.IntegerCompare ic, String input) {
    int a = CNumbers.atoi(input);
    int b = CNumbers.atoi(ic.operand());
    return switch (ic.operator()) {
      case LESS -> a < b;
      case LESS_OR_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_OR_EQUAL -> a >= b;
      case EQUAL -> a == b;
    };
  }

  /** mod_rewrite's compare_lexicographically: the longer string is the greater. */
  private static int compare(String a, String b) {
    if (a.length() != b.length()) {
      return a.length() > b.length() ? 1 : -1;
    }
    return Integer.signum(a.compareTo(b));
  }

  private static int compareIgnoreCase(String a, String b) {
    return Integer.signum(RawText.asciiLower(a).compareTo(RawText.asciiLower(b)));
  }
}
