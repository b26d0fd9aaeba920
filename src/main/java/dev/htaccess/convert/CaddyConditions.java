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

  /**
   * The key of a flag (of kind NV, which changes nothing here) that marks a condition negated for a
   * variant: "did not match" of a negated condition is its regex matching, which sets no %N.
   */
  private static final String FLIPPED = "htaccess-flipped";

  /** The condition without [OR], negated when {@code flip}. */
  private static RewriteCond plain(RewriteCond c, boolean flip) {
    List<CondFlag> flags = new ArrayList<>();
    for (CondFlag f : c.flags()) {
      if (f.kind() != CondFlag.Kind.OR_NEXT) {
        flags.add(f);
      }
    }
    if (flip) {
      flags.add(new CondFlag(CondFlag.Kind.NO_VARY, FLIPPED, c.span()));
    }
    return new RewriteCond(
        c.name(),
        c.arguments(),
        c.testString(),
        c.negated() != flip,
        c.pattern(),
        c.rawPattern(),
        flags,
        c.span());
  }

  /** The condition whose groups %N are (the last regex one not negated), or -1. */
  static int capturingCondition(RewriteTranslator.Rule r) {
    int capturing = -1;
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      boolean flipped = c.flags().stream().anyMatch(f -> FLIPPED.equals(f.key()));
      if (!c.negated() && !flipped && c.pattern() instanceof CondPattern.Regex) {
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

  String unsupported(RewriteCond c) {
    for (CondFlag f : c.flags()) {
      if (f.kind() == null) {
        return "the condition flag [" + f.key() + "]";
      }
    }
    for (Template.Part p : c.testString().allParts()) {
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
   * One condition as a matcher, each its own {@code not} block (a positive one doubly negated):
   * Caddy ORs the entries of one matcher type within a set and merges a set's {@code not}s, so this
   * ANDs them. Caddy 2.6's {@code vars_regexp} is unreliable (a placeholder key is read as
   * "&lt;nil&gt;" first, and a value that does not match is tried as the variable's own name), so a
   * regex is a CEL {@code matches}, except for the condition whose groups %N are ({@code
   * captures}): {@code path_regexp} on REQUEST_URI, {@code header_regexp} on a header (when the
   * pattern cannot match an empty one, which a missing header is to Apache), else the test string
   * copied into a variable ({@code pre}, run before the rule) whose name the pattern cannot match
   * ({@link #safeVariable}).
   */
  void write(RewriteCond c, String name, boolean captures, CaddyText out, CaddyText pre) {
    CaddyText m = new CaddyText();
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("lLh".indexOf(t.test()) >= 0) {
        findings.add(symlinkFinding(c, t));
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
    } else if (captures) {
      m.line(capturingMatcher(c, name, pre)); // (only a condition not negated captures)
    } else {
      notBlock(out, CaddyRules.one("expression " + CaddyText.quote(celTerm(c))), true);
      return; // the term has its own negation
    }
    notBlock(out, m, !c.negated());
  }

  /** A matcher set's lines in a {@code not} block, doubly when {@code positive}. */
  static void notBlock(CaddyText out, CaddyText matcher, boolean positive) {
    out.open("not");
    if (positive) {
      out.open("not");
    }
    out.append(matcher);
    if (positive) {
      out.close();
    }
    out.close();
  }

  /** The matcher of the condition %N are read from (see {@link #write}), or null. */
  private String capturingMatcher(RewriteCond c, String name, CaddyText pre) {
    String regex = regexBody(c, true);
    List<Template.Part> parts = c.testString().parts();
    String header = parts.size() == 1 ? headerName(parts.get(0)) : null;
    if (parts.size() == 1
        && parts.get(0) instanceof Template.Variable v
        && v.name().equalsIgnoreCase("REQUEST_URI")) {
      return "path_regexp " + name + " " + CaddyText.quote(regex);
    }
    if (header != null && !matchesEmpty(regex)) {
      return "header_regexp " + name + " " + header + " " + CaddyText.quote(regex);
    }
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    String variable = safeVariable("htaccess_cond_" + name, nc + regex);
    findings.add(
        new Finding(
            c.span(),
            false,
            "%N from a copy of the test string: Caddy's vars_regexp expands {placeholders} in"
                + " the request's own text there"));
    pre.line(
        "vars "
            + variable
            + " "
            + CaddyText.quote(
                readsEnvAlone(c)
                    ? "{vars.htaccess_env_" + envVariable(c) + "}"
                    : placeholders.expand(c.testString(), n -> "", n -> "")));
    return "vars_regexp " + name + " " + variable + " " + CaddyText.quote(nc + regex);
  }

  /**
   * A name for a variable that {@code vars_regexp} tests with {@code regex}: Caddy 2.6 tries the
   * regex on the variable's name too when its value does not match, so the name must be one the
   * regex cannot match; null when none of the candidates is.
   */
  static String safeVariable(String preferred, String regex) {
    java.util.regex.Pattern p;
    try {
      p = java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      return null;
    }
    for (String name : List.of(preferred, "~", "-", "_", "0", "@", "%", "#", "!")) {
      if (!p.matcher(name).find()) {
        return name;
      }
    }
    return null;
  }

  /** The header a {@code %{HTTP_X}} or {@code %{HTTP:X}} reads, or null. */
  private static String headerName(Template.Part p) {
    if (!(p instanceof Template.Variable v)) {
      return null;
    }
    String n = v.name();
    if (n.regionMatches(true, 0, "HTTP:", 0, 5)) {
      return n.substring(5);
    }
    if (n.regionMatches(true, 0, "HTTP_", 0, 5) && !n.equalsIgnoreCase("HTTPS")) {
      return n.substring(5).replace('_', '-');
    }
    return null;
  }

  /**
   * Why the condition %N are read from cannot be the capturing matcher, or null: its pattern must
   * go behind the "=" of its copy (or be on REQUEST_URI or a header).
   */
  static String capturingUnsupported(RewriteCond c) {
    if (!(c.pattern() instanceof CondPattern.Regex)) {
      return null;
    }
    String re2 = Re2Syntax.unsupported(((CondPattern.Regex) c.pattern()).regex(), true);
    if (re2 != null) {
      return "%N of a condition whose pattern has " + re2;
    }
    String regex = regexBody(c, true);
    List<Template.Part> parts = c.testString().parts();
    boolean direct =
        parts.size() == 1
            && (parts.get(0) instanceof Template.Variable v
                && (v.name().equalsIgnoreCase("REQUEST_URI")
                    || (headerName(v) != null && !matchesEmpty(regex))));
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    return direct || safeVariable("htaccess_cond", nc + regex) != null
        ? null
        : "%N of a condition whose pattern matches any variable name (Caddy 2.6's vars_regexp"
            + " also tries the name)";
  }

  private static boolean readsEnvAlone(RewriteCond c) {
    return c.testString().parts().size() == 1 && readsEnv(c.testString());
  }

  private static String envVariable(RewriteCond c) {
    return ((Template.Variable) c.testString().parts().get(0)).name().substring(4);
  }

  private static boolean matchesEmpty(String regex) {
    try {
      return java.util.regex.Pattern.compile(regex).matcher("").find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return true;
    }
  }

  private static Finding symlinkFinding(RewriteCond c, CondPattern.FileTest t) {
    return new Finding(
        c.span(),
        false,
        "!-" + t.test() + ": Caddy cannot test for a symbolic link; taken as true");
  }

  /** A regex or {@code =} condition's pattern for RE2, without a case flag. */
  private static String regexBody(RewriteCond c) {
    return regexBody(c, false);
  }

  /** As {@link #regexBody(RewriteCond)}, for the condition %N are read from when captures. */
  private static String regexBody(RewriteCond c, boolean captures) {
    if (c.pattern() instanceof CondPattern.Lexical l) {
      return l.operand().isEmpty() ? "^$" : "^\\Q" + l.operand() + "\\E$";
    }
    return Re2Syntax.of(((CondPattern.Regex) c.pattern()).regex(), captures);
  }

  /** One condition as a CEL term. */
  String celTerm(RewriteCond c) {
    String subject = placeholders.cel(c.testString());
    String not = c.negated() ? "!" : "";
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("lLh".indexOf(t.test()) >= 0) {
        findings.add(symlinkFinding(c, t));
        return "true";
      }
      String slash = t.test() == 'd' ? " + \"/\"" : "";
      return not + "file({'root': '/', 'try_files': [" + subject + slash + "]})";
    }
    String nc = c.has(CondFlag.Kind.NO_CASE) ? "(?i)" : "";
    return not + "(" + subject + ").matches(" + CaddyText.celString(nc + regexBody(c)) + ")";
  }
}
