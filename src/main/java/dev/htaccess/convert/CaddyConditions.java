package dev.htaccess.convert;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A rule's RewriteConds as Caddy matchers: each its own {@code not} block (Caddy ORs the entries of
 * one matcher type within a set and merges a set's {@code not}s), file tests as {@code file},
 * regexes as {@code vars_regexp} on the test string's placeholders, what reads the environment or
 * HTTPS as CEL; and {@code [OR]} groups, as one CEL expression or as variants of the rule.
 */
final class CaddyConditions {

  private final CaddyPlaceholders placeholders;
  private final List<Finding> findings;

  CaddyConditions(CaddyPlaceholders placeholders, List<Finding> findings) {
    this.placeholders = placeholders;
    this.findings = findings;
  }

  /**
   * The rule once, or, when %N may come from a condition of an {@code [OR]} group (the last one
   * that matched; Apache tests no further member once one matched), once per member of each such
   * group: that member matching and the ones before it not, so that each variant's conditions are
   * all ANDed and %N are the last matching one's. At most 16 variants.
   */
  static List<RewriteTranslator.Rule> orVariants(RewriteTranslator.Rule r) {
    Set<Integer> condGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, new java.util.TreeSet<>(), condGroups);
    boolean or = r.conds().stream().anyMatch(c -> c.has(CondFlag.Kind.OR_NEXT));
    if (!or || condGroups.isEmpty()) {
      return List.of(r);
    }
    List<List<RewriteCond>> variants = new ArrayList<>();
    variants.add(new ArrayList<>());
    List<RewriteCond> group = new ArrayList<>();
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      group.add(c);
      if (c.has(CondFlag.Kind.OR_NEXT) && k < r.conds().size() - 1) {
        continue;
      }
      List<List<RewriteCond>> next = new ArrayList<>();
      for (List<RewriteCond> v : variants) {
        for (int m = 0; m < group.size(); m++) {
          List<RewriteCond> w = new ArrayList<>(v);
          for (int before = 0; before < m; before++) {
            w.add(plain(group.get(before), true));
          }
          w.add(plain(group.get(m), false));
          next.add(w);
        }
      }
      variants = next;
      group.clear();
      if (variants.size() > 16) {
        return List.of(r); // left to the CEL form, which reports what it cannot do
      }
    }
    List<RewriteTranslator.Rule> out = new ArrayList<>();
    for (List<RewriteCond> v : variants) {
      out.add(new RewriteTranslator.Rule(v, r.rule()));
    }
    return out;
  }

  /** The condition without [OR], negated when {@code flip}. */
  private static RewriteCond plain(RewriteCond c, boolean flip) {
    return new RewriteCond(
        c.name(),
        c.arguments(),
        c.testString(),
        c.negated() != flip,
        c.pattern(),
        c.rawPattern(),
        c.flags().stream().filter(f -> f.kind() != CondFlag.Kind.OR_NEXT).toList(),
        c.span());
  }

  /** The condition whose groups %N are (the last regex one not negated), or -1. */
  static int capturingCondition(RewriteTranslator.Rule r) {
    int capturing = -1;
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      if (!c.negated() && c.pattern() instanceof CondPattern.Regex) {
        capturing = k;
      }
    }
    return capturing;
  }

  /** Whether a template reads the environment, which Caddy keeps in {vars.*}. */
  static boolean readsEnv(Template t) {
    return t.parts().stream()
        .anyMatch(
            p -> p instanceof Template.Variable v && v.name().regionMatches(true, 0, "ENV:", 0, 4));
  }

  /**
   * For a condition on one %{ENV:name} alone, its pattern put behind the "=" of the variable's
   * matching copy; else null.
   */
  static String envMatch(RewriteCond c) {
    List<Template.Part> parts = c.testString().parts();
    if (parts.size() != 1 || !readsEnv(c.testString())) {
      return null;
    }
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    String regex;
    if (c.pattern() instanceof CondPattern.Lexical l) {
      regex = l.operand().isEmpty() ? "^$" : "^\\Q" + l.operand() + "\\E$";
    } else if (c.pattern() instanceof CondPattern.Regex x) {
      regex = Re2Syntax.of(x.regex());
    } else {
      return null;
    }
    String behind = PatternPrefix.of("=", regex);
    return behind == null ? null : nc + behind;
  }

  String unsupported(RewriteCond c) {
    for (CondFlag f : c.flags()) {
      if (f.kind() == null) {
        return "the condition flag [" + f.key() + "]";
      }
    }
    for (Template.Part p : c.testString().parts()) {
      if (p instanceof Template.RuleBackref || p instanceof Template.CondBackref) {
        return "a back-reference in a test string (Caddy tests a matcher's parts in no fixed"
            + " order)";
      }
    }
    String why = placeholders.unsupported(c.testString());
    if (why != null && !c.testString().source().equalsIgnoreCase("%{HTTPS}")) {
      return why;
    }
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("fds".indexOf(t.test()) < 0 && !("lLh".indexOf(t.test()) >= 0 && c.negated())) {
        return "the file test -" + t.test() + " (Caddy tests whether a file or directory exists)";
      }
      return null;
    }
    if (c.pattern() instanceof CondPattern.Lexical l) {
      return l.operator() == CondPattern.Operator.EQUAL && !l.operand().contains("\\E")
          ? null
          : "the comparison " + l.operator().symbol() + " (converted for equality only)";
    }
    if (c.pattern() instanceof CondPattern.Regex x) {
      String re2 = Re2Syntax.unsupported(x.regex());
      return re2 == null ? null : "the condition's pattern has " + re2;
    }
    return "the condition " + c.rawPattern();
  }

  /**
   * One condition as a matcher, its captures named {@code name}. Caddy ORs the entries of one
   * matcher type within a set ({@code vars_regexp} and {@code file} alike) and merges every {@code
   * not} of a set into one negation of the OR of their sets: so each condition is its own {@code
   * not} block (a positive one doubly negated), which ANDs them all.
   */
  void write(RewriteCond c, String name, CaddyText out) {
    CaddyText m = new CaddyText();
    String env = envMatch(c);
    if (env != null) {
      // one variable: its copy behind "=", which vars_regexp reads by name (never empty)
      List<Template.Part> parts = c.testString().parts();
      String var = ((Template.Variable) parts.get(0)).name().substring(4);
      out.open("not");
      if (!c.negated()) {
        out.open("not");
      }
      out.line("vars_regexp " + name + " htaccess_envm_" + var + " " + CaddyText.quote(env));
      if (!c.negated()) {
        out.close();
      }
      out.close();
      return;
    }
    if (readsEnv(c.testString()) || c.testString().source().equalsIgnoreCase("%{HTTPS}")) {
      // vars_regexp cannot read a {vars.*} placeholder, and Caddy has no on/off for HTTPS;
      // CEL can read the one and make the other
      out.open("not");
      out.open("not");
      out.line("expression " + CaddyText.quote(celTerm(c)));
      out.close();
      out.close();
      return;
    }
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("lLh".indexOf(t.test()) >= 0) {
        findings.add(
            new Finding(
                c.span(),
                false,
                "!-" + t.test() + ": Caddy cannot test for a symbolic link; taken as true"));
        return;
      }
      if (t.test() == 's') {
        findings.add(
            new Finding(c.span(), false, "-s: Caddy cannot test a file's size; tested as -f"));
      }
      String slash = t.test() == 'd' ? "/" : "";
      String subject = c.testString().source();
      if (subject.equals("%{REQUEST_FILENAME}") || subject.equals("%{SCRIPT_FILENAME}")) {
        m.line("file {path}" + slash);
      } else {
        String path = placeholders.expand(c.testString(), n -> "", n -> "");
        m.open("file");
        m.line("root /");
        m.line("try_files " + CaddyText.quote(path + slash));
        m.close();
      }
    } else {
      String subject = placeholders.expand(c.testString(), n -> "", n -> "");
      m.line("vars_regexp " + name + " " + CaddyText.quote(subject) + " " + regex(c));
    }
    out.open("not");
    if (!c.negated()) {
      out.open("not");
    }
    out.append(m);
    if (!c.negated()) {
      out.close();
    }
    out.close();
  }

  /** A regex or {@code =} condition's pattern as a quoted RE2 pattern. */
  private static String regex(RewriteCond c) {
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    if (c.pattern() instanceof CondPattern.Lexical l) {
      return CaddyText.quote(nc + (l.operand().isEmpty() ? "^$" : "^\\Q" + l.operand() + "\\E$"));
    }
    return CaddyText.quote(nc + Re2Syntax.of(((CondPattern.Regex) c.pattern()).regex()));
  }

  /** One condition of an {@code [OR]} group as a CEL term. */
  String celTerm(RewriteCond c) {
    String subject = placeholders.cel(c.testString());
    String not = c.negated() ? "!" : "";
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("lLh".indexOf(t.test()) >= 0) {
        findings.add(
            new Finding(
                c.span(),
                false,
                "!-" + t.test() + ": Caddy cannot test for a symbolic link; taken as true"));
        return "true";
      }
      String slash = t.test() == 'd' ? " + \"/\"" : "";
      return not + "file({'root': '/', 'try_files': [" + subject + slash + "]})";
    }
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    String regex =
        c.pattern() instanceof CondPattern.Lexical l
            ? (l.operand().isEmpty() ? "^$" : "^\\Q" + l.operand() + "\\E$")
            : Re2Syntax.of(((CondPattern.Regex) c.pattern()).regex());
    return not + "(" + subject + ").matches(" + CaddyText.celString(nc + regex) + ")";
  }
}
