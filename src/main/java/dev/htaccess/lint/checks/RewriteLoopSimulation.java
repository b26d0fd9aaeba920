package dev.htaccess.lint.checks;

import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one rule on its own output, as the per-directory internal redirect does, to see whether it
 * settles (same result: mod_rewrite ignores the rewrite) or keeps changing.
 */
final class RewriteLoopSimulation {
  private RewriteLoopSimulation() {}

  /**
   * True when the substitution leads into a directory the pattern does not start with: a child
   * .htaccess there (with rewrite rules of its own) would take over, so no loop can be claimed.
   */
  static boolean entersOtherDirectory(RewriteRule rule) {
    String sub =
        rule.substitution().parts().isEmpty()
                || !(rule.substitution().parts().get(0) instanceof Template.Literal l)
            ? ""
            : l.text();
    if (sub.startsWith("/")) {
      sub = sub.substring(1);
    }
    int slash = sub.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String dir = sub.substring(0, slash + 1);
    String p = rule.pattern().startsWith("^") ? rule.pattern().substring(1) : rule.pattern();
    return !p.startsWith(dir);
  }

  /** The substitution with every expansion replaced by a short sample. */
  static String probe(Template t) {
    StringBuilder out = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l) {
        out.append(l.text());
      } else {
        out.append("x");
      }
    }
    return out.toString();
  }

  /**
   * The successive per-directory inputs, starting from the rule's own output, or null when the rule
   * stops matching or settles; at most {@code limit} rounds.
   */
  static List<String> rounds(RewriteRule rule, int limit) {
    PcrePattern pattern;
    try {
      pattern = PcrePattern.compile(rule.pattern(), rule.has(RuleFlagKind.NO_CASE));
    } catch (RuntimeException e) {
      return null;
    }
    String current = strip(probe(rule.substitution()));
    List<String> seen = new ArrayList<>();
    seen.add(current);
    for (int i = 0; i < limit; i++) {
      PcrePattern.Result r = pattern.exec(current);
      PcreMatch m = r.match();
      if (m == null) {
        // No match ends the loop; so does the match limit (Apache counts it as no match), at
        // once: a pattern that backtracks that much would make every round as slow.
        return null;
      }
      String next = strip(expand(rule.substitution(), m));
      if (next.equals(current) || next.length() > 4000) {
        return next.length() > 4000 ? seen : null;
      }
      seen.add(next);
      current = next;
    }
    return seen;
  }

  private static String strip(String s) {
    int q = s.indexOf('?');
    String path = q >= 0 ? s.substring(0, q) : s;
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static String expand(Template t, PcreMatch m) {
    StringBuilder out = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l) {
        out.append(l.text());
      } else if (p instanceof Template.RuleBackref b) {
        if (b.group() <= m.groupCount() && m.group(b.group()) != null) {
          out.append(m.group(b.group()));
        }
      } else {
        out.append("x");
      }
    }
    return out.toString();
  }
}
