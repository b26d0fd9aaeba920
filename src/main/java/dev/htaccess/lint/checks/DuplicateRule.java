package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/** The same rule (pattern, substitution, flags and conditions) twice: the second is redundant. */
@CheckInfo(
    code = "HT2008",
    name = "duplicate-rule",
    severity = Severity.WARNING,
    summary = "A RewriteRule identical to an earlier one, conditions included.")
public final class DuplicateRule implements Check {
  @Override
  public void check(LintContext context) {
    Map<String, Integer> seen = new HashMap<>();
    for (LintContext.Rule r : context.rules()) {
      StringBuilder key = new StringBuilder();
      for (RewriteCond c : r.conditions()) {
        key.append(c.testString().source())
            .append('\0')
            .append(c.rawPattern())
            .append('\0')
            .append(c.flags().stream().map(f -> f.kind().name()).sorted().toList())
            .append('\n');
      }
      RewriteRule rule = r.rule();
      key.append(rule.negated())
          .append(rule.pattern())
          .append('\0')
          .append(rule.substitution().source())
          .append('\0')
          .append(
              rule.flags().stream().map(RuleFlag::text).map(String::toLowerCase).sorted().toList());
      Integer first = seen.putIfAbsent(key.toString(), rule.span().line());
      if (first != null) {
        context.report(rule.span(), "this rule repeats the rule at line " + first + " exactly");
      }
    }
  }
}
