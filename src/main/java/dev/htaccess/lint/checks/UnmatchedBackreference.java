package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import dev.htaccess.syntax.TemplateParser;
import java.util.*;

/** $N beyond the rule pattern's groups, or %N with no condition group, expands to nothing. */
@CheckInfo(
    code = "HT2011",
    name = "unmatched-backreference",
    severity = Severity.WARNING,
    summary = "A $N or %N back-reference with no matching capture group: it expands to nothing.")
public final class UnmatchedBackreference implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Rule r : context.rules()) {
      RewriteRule rule = r.rule();
      int ruleGroups = rule.negated() ? 0 : Rules.groups(rule.pattern());
      int condGroups = 0;
      for (RewriteCond c : r.conditions()) {
        if (c.pattern() instanceof CondPattern.Regex re && !c.negated()) {
          condGroups = Math.max(condGroups, Math.max(0, Rules.groups(re.regex())));
        }
      }
      if (ruleGroups < 0) {
        continue;
      }
      List<Template> templates = new ArrayList<>();
      templates.add(rule.substitution());
      for (RuleFlag f : rule.flags()) {
        if (f.kind() == RuleFlagKind.ENV || f.kind() == RuleFlagKind.COOKIE) {
          templates.add(TemplateParser.parse(f.value()));
        }
      }
      for (Template t : templates) {
        for (Template.Part p : t.allParts()) {
          if (p instanceof Template.RuleBackref b && b.group() > ruleGroups) {
            context.report(
                rule.span(),
                "$"
                    + b.group()
                    + " refers to group "
                    + b.group()
                    + " but the pattern '"
                    + (rule.negated() ? "!" : "")
                    + rule.pattern()
                    + "' has "
                    + (rule.negated() ? "no groups (it is negated)" : ruleGroups + " group(s)")
                    + ": it expands to nothing");
          } else if (p instanceof Template.CondBackref b && b.group() > condGroups) {
            context.report(
                rule.span(),
                "%"
                    + b.group()
                    + " refers to a RewriteCond group, but "
                    + (condGroups == 0
                        ? "no preceding RewriteCond captures anything"
                        : "the conditions capture at most " + condGroups + " group(s)")
                    + ": it expands to nothing");
          }
        }
      }
    }
  }
}
