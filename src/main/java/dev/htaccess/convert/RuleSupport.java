package dev.htaccess.convert;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
import dev.htaccess.syntax.TemplateParser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What of a directory's rules nginx can express: the flags each form takes, the conditions and
 * variables that have an nginx counterpart, and the nginx variable for each {@code %{...}}
 * (environment variables included, for those the rules set themselves).
 */
final class RuleSupport {

  static final Set<RuleFlagKind> PLAIN_FLAGS =
      EnumSet.of(
          RuleFlagKind.LAST,
          RuleFlagKind.END,
          RuleFlagKind.NO_CASE,
          RuleFlagKind.QUERY_APPEND,
          RuleFlagKind.QUERY_DISCARD,
          RuleFlagKind.NO_ESCAPE,
          RuleFlagKind.REDIRECT,
          RuleFlagKind.ENV,
          RuleFlagKind.NO_SUBREQUESTS);

  /** The chained form does what the plain one does, and answers and proxies too. */
  static final Set<RuleFlagKind> CHAINED_FLAGS = chainedFlags();

  private static Set<RuleFlagKind> chainedFlags() {
    EnumSet<RuleFlagKind> flags = EnumSet.copyOf(PLAIN_FLAGS);
    flags.addAll(
        List.of(
            RuleFlagKind.FORBIDDEN,
            RuleFlagKind.GONE,
            RuleFlagKind.PROXY,
            RuleFlagKind.PASS_THROUGH));
    return flags;
  }

  /** The names [E=] sets in this directory's rules: %{ENV:name} reads them. */
  private final Set<String> envNames = new java.util.HashSet<>();

  /** The RewriteMaps lookups read from. */
  private final NginxMaps maps;

  RuleSupport(List<RewriteTranslator.Rule> rules, NginxMaps maps) {
    this.maps = maps;
    for (RewriteTranslator.Rule r : rules) {
      for (RuleFlag f : r.rule().flags()) {
        if (f.kind() == RuleFlagKind.ENV && f.value() != null && !f.value().startsWith("!")) {
          int colon = f.value().indexOf(':');
          String name = colon < 0 ? f.value() : f.value().substring(0, colon);
          if (name.matches("[A-Za-z0-9_]+")) {
            envNames.add(name);
          }
        }
      }
    }
  }

  Set<String> envNames() {
    return envNames;
  }

  /** Why the rule cannot be converted at all, or null. */
  String unsupported(RewriteTranslator.Rule r) {
    for (RuleFlag f : r.rule().flags()) {
      if (!CHAINED_FLAGS.contains(f.kind())) {
        return "the flag [" + f.text() + "] has no nginx counterpart";
      }
    }
    RuleFlag redirect = r.rule().flag(RuleFlagKind.REDIRECT);
    if (redirect != null && redirect.value() != null && !redirect.value().isEmpty()) {
      String v = redirect.value();
      if (!v.matches("30[0-8]|[0-9]{3}|permanent|temp|seeother")) {
        return "the redirect status " + v;
      }
    }
    for (RewriteCond c : r.conds()) {
      String why = condUnsupported(c);
      if (why != null) {
        return why;
      }
    }
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    Set<Integer> condGroups = new java.util.TreeSet<>();
    referencedGroups(r, ruleGroups, condGroups);
    if (condGroups.contains(0)
        && r.conds().stream()
            .anyMatch(
                c ->
                    c.pattern() instanceof CondPattern.Regex x
                        && !c.negated()
                        && !fullyAnchored(x.regex()))) {
      return "%0 of a condition that may match part of its string (nginx has no whole-match"
          + " capture)";
    }
    if (ruleGroups.contains(0) && !fullyAnchored(r.rule().pattern())) {
      return "$0 of a pattern not anchored at both ends (nginx has no whole-match capture)";
    }
    for (int n : ruleGroups) {
      if (n > 0 && r.rule().negated()) {
        return "$" + n + " of a negated pattern";
      }
    }
    for (RuleFlag f : r.rule().flags()) {
      if (f.kind() == RuleFlagKind.ENV && f.value() != null) {
        for (Template.Part p : TemplateParser.parse(f.value()).parts()) {
          if (partUnsupported(p) != null) {
            return "[" + f.text() + "]: " + partUnsupported(p);
          }
        }
      }
    }
    for (Template.Part p : r.rule().substitution().parts()) {
      String why = partUnsupported(p);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** Whether the pattern's match is always its whole subject, so that $0 is the subject. */
  private static boolean fullyAnchored(String pattern) {
    boolean start = pattern.startsWith("^") || pattern.startsWith(".*") || pattern.startsWith(".+");
    boolean end =
        (pattern.endsWith("$") && !pattern.endsWith("\\$"))
            || ((pattern.endsWith(".*") || pattern.endsWith(".+"))
                && !pattern.endsWith("\\.*")
                && !pattern.endsWith("\\.+"));
    return start && end;
  }

  /**
   * The nginx variable for {@code %{name}}: a server variable, or an environment variable the rules
   * set (and REDIRECT_STATUS, which Apache sets on an internal redirect), or null.
   */
  String variable(String name) {
    if (name.regionMatches(true, 0, "ENV:", 0, 4)) {
      String env = name.substring(4);
      String base = env.startsWith("REDIRECT_") ? env.substring(9) : env;
      return env.equals("REDIRECT_STATUS") || envNames.contains(base)
          ? "$htaccess_env_" + env
          : null;
    }
    return NginxVariables.of(name);
  }

  private String condUnsupported(RewriteCond c) {
    for (CondFlag f : c.flags()) {
      if (f.kind() == null) {
        return "the condition flag [" + f.key() + "]";
      }
    }
    if (c.pattern() instanceof CondPattern.FileTest t) {
      boolean symlinkTest = "lLh".indexOf(t.test()) >= 0;
      if ("fdxs".indexOf(t.test()) < 0 && !(symlinkTest && c.negated())) {
        return "the file test -" + t.test() + " (nginx tests -f, -d, -e and -x only)";
      }
    } else if (c.pattern() instanceof CondPattern.Lexical l) {
      if (l.operator() != CondPattern.Operator.EQUAL) {
        return "the comparison " + l.operator().symbol() + " (nginx compares for equality only)";
      }
      if (l.operand().contains("$")) {
        return "a literal $ (nginx has no escape for it)";
      }
    } else if (!(c.pattern() instanceof CondPattern.Regex)) {
      return "the condition " + c.rawPattern();
    }
    for (Template.Part p : c.testString().parts()) {
      String why = partUnsupported(p);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  String partUnsupported(Template.Part p) {
    if (p instanceof Template.Variable v && variable(v.name()) == null) {
      return "the variable %{" + v.name() + "} has no nginx counterpart";
    }
    if (p instanceof Template.MapLookup m) {
      String why = maps.unsupported(m);
      List<Template.Part> parts = new ArrayList<>(m.key().parts());
      if (m.defaultValue() != null) {
        parts.addAll(m.defaultValue().parts());
      }
      for (int i = 0; why == null && i < parts.size(); i++) {
        why = partUnsupported(parts.get(i));
      }
      return why;
    }
    if (p instanceof Template.Literal l && l.text().contains("$")) {
      return "a literal $ (nginx has no escape for it)";
    }
    return null;
  }

  /** The $N and %N a rule and its conditions refer to (in the substitution, tests and flags). */
  static void referencedGroups(
      RewriteTranslator.Rule r, Set<Integer> ruleGroups, Set<Integer> condGroups) {
    for (Template t : templates(r)) {
      for (Template.Part p : t.allParts()) {
        if (p instanceof Template.RuleBackref b) {
          ruleGroups.add(b.group());
        } else if (p instanceof Template.CondBackref b) {
          condGroups.add(b.group());
        }
      }
    }
  }

  /** What a rule expands: its substitution, its conditions' test strings, its [E=] values. */
  static List<Template> templates(RewriteTranslator.Rule r) {
    List<Template> templates = new ArrayList<>();
    templates.add(r.rule().substitution());
    for (RewriteCond c : r.conds()) {
      templates.add(c.testString());
    }
    for (RuleFlag f : r.rule().flags()) {
      if (f.kind() == RuleFlagKind.ENV && f.value() != null) {
        templates.add(TemplateParser.parse(f.value()));
      }
    }
    return templates;
  }
}
