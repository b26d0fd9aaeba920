package dev.htaccess.convert;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
import dev.htaccess.syntax.TemplateParser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One directory's mod_rewrite rules as Caddy handlers, run in order inside the directory's {@code
 * route}. Each rule is a named matcher (its own pattern, unchanged, on the path relative to the
 * directory, which {@code vars htaccess_path} holds; each condition one more matcher; {@code [OR]}
 * groups one CEL expression) and a {@code route} with what it does. {@code [L]} sets {@code
 * htaccess_stop}, which every rule's matcher tests; the round loop around the directories ({@link
 * CaddyConverter}) does what Apache's internal redirect does.
 */
final class CaddyRules {

  private static final Set<RuleFlagKind> FLAGS =
      EnumSet.of(
          RuleFlagKind.LAST,
          RuleFlagKind.END,
          RuleFlagKind.NO_CASE,
          RuleFlagKind.QUERY_APPEND,
          RuleFlagKind.QUERY_DISCARD,
          RuleFlagKind.NO_ESCAPE,
          RuleFlagKind.REDIRECT,
          RuleFlagKind.FORBIDDEN,
          RuleFlagKind.GONE,
          RuleFlagKind.NO_SUBREQUESTS,
          RuleFlagKind.ENV,
          RuleFlagKind.TYPE);

  private final String id;
  private final String prefix;
  private final String base;
  private final CaddyPlaceholders placeholders;
  private final List<Finding> findings;

  /**
   * @param id the directory's name in matcher names ({@code d0})
   * @param prefix the directory's URL path with a trailing slash
   * @param base the RewriteBase, or null
   */
  CaddyRules(
      String id,
      String prefix,
      String base,
      CaddyPlaceholders placeholders,
      List<Finding> findings) {
    this.id = id;
    this.prefix = prefix;
    this.base = base;
    this.placeholders = placeholders;
    this.findings = findings;
  }

  /**
   * Writes the rules: their named matchers to {@code matchers} (the site's), what they do to {@code
   * body} (the directory's route in each round).
   */
  void write(List<RewriteTranslator.Rule> rules, CaddyText matchers, CaddyText body) {
    matchers.line(
        "@"
            + id
            + "rel path_regexp "
            + id
            + "rel "
            + CaddyText.quote("(?s)^" + PatternPrefix.quoteLiteral(prefix) + "(.*)$"));
    matchers.line("@" + id + "empty path " + prefix);
    relativePath(body);
    for (int m = 0; m < rules.size(); m++) {
      RewriteTranslator.Rule r = rules.get(m);
      String rid = id + "r" + m;
      body.comment(source(r));
      List<RewriteTranslator.Rule> variants = orVariants(r);
      String why = null;
      for (RewriteTranslator.Rule v : variants) {
        why = why != null ? why : unsupported(v);
      }
      if (why != null) {
        body.comment("cannot convert: " + why);
        findings.add(new Finding(r.rule().span(), true, why));
        continue;
      }
      boolean moves = false;
      for (int k = 0; k < variants.size(); k++) {
        RewriteTranslator.Rule v = variants.get(k);
        String vid = variants.size() == 1 ? rid : rid + "v" + k;
        matchers.open("@" + vid);
        matcher(v, vid, matchers);
        if (variants.size() > 1) {
          matchers.line("not vars htaccess_fired 1");
        }
        matchers.close();
        CaddyText act = new CaddyText();
        if (variants.size() > 1) {
          act.line("vars htaccess_fired 1"); // one variant fires, as the rule does once
        }
        moves |= action(v, vid, act);
        if (!act.isEmpty()) {
          body.open("route @" + vid);
          body.append(act);
          body.close();
        }
      }
      if (variants.size() > 1) {
        body.line("vars htaccess_fired 0");
      }
      if (moves && !stops(r.rule())) {
        relativePath(body); // the next rule matches the rewritten path
      }
    }
  }

  /**
   * The rule once, or, when %N may come from a condition of an {@code [OR]} group (the last one
   * that matched; Apache tests no further member once one matched), once per member of each such
   * group: that member matching and the ones before it not, so that each variant's conditions are
   * all ANDed and %N are the last matching one's. At most 16 variants.
   */
  private static List<RewriteTranslator.Rule> orVariants(RewriteTranslator.Rule r) {
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

  private void relativePath(CaddyText body) {
    body.line("vars htaccess_path {path}");
    body.line("vars @" + id + "rel htaccess_path {re." + id + "rel.1}");
    body.line("vars htaccess_empty 0");
    body.line("vars @" + id + "empty htaccess_empty 1");
  }

  private static boolean stops(RewriteRule rule) {
    return rule.has(RuleFlagKind.LAST) || rule.has(RuleFlagKind.END);
  }

  // ---- what converts ----

  private String unsupported(RewriteTranslator.Rule r) {
    RewriteRule rule = r.rule();
    for (RuleFlag f : rule.flags()) {
      if (!FLAGS.contains(f.kind())) {
        return "the flag [" + f.text() + "] has no Caddy counterpart";
      }
      if (f.kind() == RuleFlagKind.ENV && envName(f) == null) {
        return "the environment flag [" + f.text() + "]";
      }
      if (f.kind() == RuleFlagKind.ENV) {
        String why = placeholders.unsupported(TemplateParser.parse(envValue(f)));
        if (why != null) {
          return "[" + f.text() + "]: " + why;
        }
      }
    }
    RuleFlag type = rule.flag(RuleFlagKind.TYPE);
    if (type != null
        && (!rule.noSubstitution()
            || type.value() == null
            || !type.value().matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+"))) {
      return "[" + type.text() + "] other than a literal type on a rule without substitution";
    }
    RuleFlag redirect = rule.flag(RuleFlagKind.REDIRECT);
    if (redirect != null
        && redirect.value() != null
        && !redirect.value().isEmpty()
        && !redirect.value().matches("[0-9]{3}|permanent|temp|seeother")) {
      return "the redirect status " + redirect.value();
    }
    String re2 = Re2Syntax.unsupported(rule.pattern());
    if (re2 != null) {
      return "the pattern has " + re2;
    }
    if (wholePathPattern(r) == null && (rule.negated() || matchesEmpty(rule.pattern()))) {
      return "a pattern that matches the empty path (or negated) and that cannot be put on the"
          + " whole path (Caddy's vars_regexp cannot test an empty variable)";
    }
    boolean or = false;
    for (RewriteCond c : r.conds()) {
      String why = condUnsupported(c);
      if (why != null) {
        return why;
      }
      or |= c.has(CondFlag.Kind.OR_NEXT);
    }
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    Set<Integer> condGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, ruleGroups, condGroups);
    int capturing = capturingCondition(r);
    if (!condGroups.isEmpty()
        && capturing >= 0
        && ((readsEnv(r.conds().get(capturing).testString())
                && envMatch(r.conds().get(capturing)) == null)
            || r.conds().get(capturing).testString().source().equalsIgnoreCase("%{HTTPS}"))) {
      return "%N of a condition on %{ENV:...} or %{HTTPS} (tested by a CEL expression, which"
          + " keeps no captures)";
    }
    if (or && !condGroups.isEmpty()) {
      return "%N with [OR] conditions (Caddy's CEL expression keeps no captures)";
    }
    if (!rule.noSubstitution()) {
      String why = placeholders.unsupported(rule.substitution());
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /**
   * The rule's pattern on the whole path ({@link PatternPrefix}), which path_regexp matches; null
   * when the pattern cannot be put so, and the relative path is matched instead. When $0 is used
   * the pattern is put inside a group first ({@link #groupOffset}: that group is the whole match
   * without the directory's prefix, and Apache's groups come one later).
   */
  private String wholePathPattern(RewriteTranslator.Rule r) {
    String pattern = Re2Syntax.of(r.rule().pattern());
    if (groupOffset(r) == 0) {
      return PatternPrefix.of(prefix, pattern);
    }
    return pattern.startsWith("^")
        ? PatternPrefix.of(prefix, "^(" + pattern.substring(1) + ")")
        : PatternPrefix.of(prefix, "(" + pattern + ")");
  }

  /** 1 when the rule uses $0 (see {@link #wholePathPattern}), else 0. */
  private static int groupOffset(RewriteTranslator.Rule r) {
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, ruleGroups, new java.util.TreeSet<>());
    return ruleGroups.contains(0) ? 1 : 0;
  }

  /** The condition whose groups %N are (the last regex one not negated), or -1. */
  private static int capturingCondition(RewriteTranslator.Rule r) {
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
  private static boolean readsEnv(Template t) {
    return t.parts().stream()
        .anyMatch(
            p -> p instanceof Template.Variable v && v.name().regionMatches(true, 0, "ENV:", 0, 4));
  }

  /**
   * For a condition on one %{ENV:name} alone, its pattern put behind the "=" of the variable's
   * matching copy; else null.
   */
  private static String envMatch(RewriteCond c) {
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

  /** Whether the pattern matches the empty string (Java's regex reads these patterns alike). */
  private static boolean matchesEmpty(String pattern) {
    try {
      return java.util.regex.Pattern.compile(pattern).matcher("").find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return true; // unknown: treated as the case that cannot be converted
    }
  }

  private String condUnsupported(RewriteCond c) {
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

  /** A variable set from the header of the same name. */
  static boolean passThroughEnv(String value) {
    if (value == null || value.indexOf(':') < 0) {
      return false;
    }
    String name = value.substring(0, value.indexOf(':'));
    String v = value.substring(value.indexOf(':') + 1);
    return name.startsWith("HTTP_")
        && v.equalsIgnoreCase("%{HTTP:" + name.substring(5).replace('_', '-') + "}");
  }

  /** The variable an [E=] flag sets ({@code !name} unsets it), or null when not a plain name. */
  static String envName(RuleFlag f) {
    String v = f.value() == null ? "" : f.value();
    int colon = v.indexOf(':');
    String name = colon < 0 ? v : v.substring(0, colon);
    if (name.startsWith("!")) {
      name = name.substring(1);
    }
    return name.matches("[A-Za-z0-9_-]+") ? name : null;
  }

  /** The value an [E=] flag sets: empty for {@code !name} and for a name alone. */
  private static String envValue(RuleFlag f) {
    String v = f.value() == null ? "" : f.value();
    int colon = v.indexOf(':');
    return colon < 0 || v.startsWith("!") ? "" : v.substring(colon + 1);
  }

  // ---- the matcher ----

  private void matcher(RewriteTranslator.Rule r, String rid, CaddyText out) {
    RewriteRule rule = r.rule();
    String nc = rule.has(RuleFlagKind.NO_CASE) ? "(?i)" : "";
    String whole = wholePathPattern(r);
    if (whole != null) {
      out.line(
          (rule.negated() ? "not " : "")
              + "path_regexp "
              + rid
              + " "
              + CaddyText.quote(nc + whole));
    } else {
      // Caddy 2.6's vars_regexp reads a variable by its name (a {vars.*} placeholder there does
      // not work), and matches an empty one as if it held its own name: the empty path is left
      // to the patterns that cannot match it (unsupported says so)
      out.line(
          "vars_regexp "
              + rid
              + " htaccess_path "
              + CaddyText.quote(nc + Re2Syntax.of(rule.pattern())));
      out.line("not vars htaccess_empty 1");
    }
    out.line("not vars htaccess_stop 1");
    List<String> group = new ArrayList<>();
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      boolean chained = c.has(CondFlag.Kind.OR_NEXT) && k < r.conds().size() - 1;
      if (!chained && group.isEmpty()) {
        condition(c, rid + "c" + k, out);
        continue;
      }
      group.add(celTerm(c));
      if (!chained) {
        out.open("not");
        out.open("not");
        out.line("expression " + CaddyText.quote(String.join(" || ", group)));
        out.close();
        out.close();
        group.clear();
      }
    }
  }

  /**
   * One condition as a matcher, its captures named {@code name}. Caddy ORs the entries of one
   * matcher type within a set ({@code vars_regexp} and {@code file} alike) and merges every {@code
   * not} of a set into one negation of the OR of their sets: so each condition is its own {@code
   * not} block (a positive one doubly negated), which ANDs them all.
   */
  private void condition(RewriteCond c, String name, CaddyText out) {
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
  private String celTerm(RewriteCond c) {
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

  // ---- the action ----

  /** Writes what the rule does; true when it may change the path and go on to the next rule. */
  private boolean action(RewriteTranslator.Rule r, String rid, CaddyText out) {
    RewriteRule rule = r.rule();
    int capturing = capturingCondition(r);
    String condId = capturing < 0 ? null : rid + "c" + capturing;
    int offset = wholePathPattern(r) != null ? groupOffset(r) : 0;
    java.util.function.IntFunction<String> ruleGroup =
        n -> rule.negated() ? "" : "{re." + rid + "." + (n + offset) + "}";
    java.util.function.IntFunction<String> condGroup =
        n -> condId == null ? "" : "{re." + condId + "." + n + "}";
    for (RuleFlag f : rule.flags()) {
      if (f.kind() == RuleFlagKind.ENV && passThroughEnv(f.value())) {
        out.comment("[" + f.text() + "]: FastCGI gets every header as HTTP_* anyway");
      } else if (f.kind() == RuleFlagKind.ENV) {
        // Caddy's variables stand for the environment (%{ENV:name} reads them)
        String value = placeholders.expand(TemplateParser.parse(envValue(f)), ruleGroup, condGroup);
        out.line("vars htaccess_env_" + envName(f) + " " + CaddyText.quote(value));
        out.line("vars htaccess_envm_" + envName(f) + " " + CaddyText.quote("=" + value));
      }
    }
    if (rule.has(RuleFlagKind.TYPE)) {
      // [T]: the type of what is served (mod_mime's is set before; this one wins)
      out.line("vars htaccess_forced 1");
      out.line(
          "vars htaccess_type "
              + CaddyText.quote(
                  rule.flag(RuleFlagKind.TYPE).value().toLowerCase(java.util.Locale.ROOT)));
    }
    if (rule.has(RuleFlagKind.FORBIDDEN)) {
      out.line("respond 403");
      return false;
    }
    if (rule.has(RuleFlagKind.GONE)) {
      out.line("respond 410");
      return false;
    }
    if (rule.noSubstitution()) {
      if (rule.has(RuleFlagKind.REDIRECT)) {
        int status = SubstitutionWriter.redirectStatus(rule);
        redirect(out, status, "{scheme}://{hostport}{path}", null, rule);
        return false;
      }
      stop(rule, out);
      return false;
    }
    String[] split = split(rule.substitution(), ruleGroup, condGroup);
    List<Template.Part> parts = rule.substitution().parts();
    boolean runtime = !(parts.get(0) instanceof Template.Literal) && !split[0].startsWith("{path}");
    String path;
    // Apache ends the loop when a relative substitution names the file the round started with
    // (below directories that exist); one that starts with a slash is an internal redirect
    // whatever it names.
    String absolute;
    if (runtime) {
      // a $N or %{VAR} first: absolute or not only when the request comes
      String b = base != null ? base : prefix;
      out.line("vars htaccess_target " + CaddyText.quote(split[0]));
      out.line("vars htaccess_absolute 1");
      out.line("vars @htaccess_relative htaccess_absolute 0");
      absolute = null;
      out.line(
          "vars @htaccess_relative htaccess_target "
              + CaddyText.quote((b.endsWith("/") ? b : b + "/") + "{vars.htaccess_target}"));
      path = "{vars.htaccess_target}";
    } else if (split[0].startsWith("{path}")) {
      path = split[0];
      absolute = null;
    } else {
      path = SubstitutionWriter.absolute(base, prefix, split[0]);
      absolute = split[0].startsWith("/") ? null : "vars htaccess_absolute 0";
    }
    String query = split[1];
    boolean url = path.matches("(?i)https?://.*");
    if (runtime && rule.has(RuleFlagKind.REDIRECT)) {
      int status = SubstitutionWriter.redirectStatus(rule);
      out.open("route @htaccess_url");
      redirect(out, status, path, query, rule);
      out.close();
      redirect(out, status, "{scheme}://{hostport}" + path, query, rule);
      return false;
    }
    if (rule.has(RuleFlagKind.REDIRECT) || url) {
      if (url && !rule.has(RuleFlagKind.REDIRECT)) {
        findings.add(
            new Finding(
                rule.span(),
                false,
                "a URL substitution without [R]: Apache redirects (302) unless the URL names this"
                    + " server, when it rewrites to its path; converted as the redirect"));
      }
      int status = rule.has(RuleFlagKind.REDIRECT) ? SubstitutionWriter.redirectStatus(rule) : 302;
      redirect(out, status, url ? path : "{scheme}://{hostport}" + path, query, rule);
      return false;
    }
    if (SubstitutionWriter.climbsAboveRoot(path)) {
      out.line("respond 400"); // Apache refuses an internal redirect above the document root
      return false;
    }
    stop(rule, out);
    if (!runtime) {
      out.line(absolute == null ? "vars htaccess_absolute 1" : absolute);
    }
    String target;
    if (query == null) {
      target = rule.has(RuleFlagKind.QUERY_DISCARD) ? path + "?" : path;
    } else if (query.isEmpty()) {
      target = path + "?";
    } else {
      // Caddy's rewrite keeps the query without a ?, replaces it with ?q and empties it with a
      // trailing ?, as mod_rewrite does; an & before an empty {query} is dropped.
      target = path + "?" + query + (rule.has(RuleFlagKind.QUERY_APPEND) ? "&{query}" : "");
    }
    out.line("rewrite * " + CaddyText.quote(target)); // a first /path would be a matcher
    return true;
  }

  private static void stop(RewriteRule rule, CaddyText out) {
    if (stops(rule)) {
      out.line("vars htaccess_stop 1");
    }
    if (rule.has(RuleFlagKind.END)) {
      out.line("vars htaccess_end 1");
    }
  }

  /** A redirect with the query as mod_rewrite leaves it (kept without a ?, unless [QSD]). */
  private static void redirect(
      CaddyText out, int status, String location, String query, RewriteRule rule) {
    if (status < 300 || status > 399) {
      out.line("respond " + status); // R with a status that is not a redirect answers it
      return;
    }
    boolean keep = query == null && !rule.has(RuleFlagKind.QUERY_DISCARD);
    boolean append = query != null && !query.isEmpty() && rule.has(RuleFlagKind.QUERY_APPEND);
    String written = query == null || query.isEmpty() ? location : location + "?" + query;
    if (keep || append) {
      out.line(
          "redir @htaccess_query "
              + CaddyText.quote(written + (keep ? "?" : "&") + "{query}")
              + " "
              + status);
    }
    out.line("redir " + CaddyText.quote(written) + " " + status);
  }

  /**
   * The substitution expanded and split at its first literal {@code ?}: path, and query or null.
   */
  private String[] split(
      Template t,
      java.util.function.IntFunction<String> ruleGroup,
      java.util.function.IntFunction<String> condGroup) {
    StringBuilder path = new StringBuilder();
    StringBuilder query = null;
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l && query == null && l.text().indexOf('?') >= 0) {
        int q = l.text().indexOf('?');
        path.append(l.text(), 0, q);
        query = new StringBuilder(l.text().substring(q + 1));
        continue;
      }
      String one = placeholders.expand(new Template("", List.of(p)), ruleGroup, condGroup);
      (query == null ? path : query).append(one);
    }
    return new String[] {path.toString(), query == null ? null : query.toString()};
  }

  static String source(RewriteTranslator.Rule r) {
    StringBuilder s = new StringBuilder();
    for (RewriteCond c : r.conds()) {
      s.append(RewriteTranslator.line(c.span().file(), c.span().line(), c.name(), c.arguments()))
          .append('\n');
    }
    RewriteRule rule = r.rule();
    return s.append(
            RewriteTranslator.line(
                rule.span().file(), rule.span().line(), rule.name(), rule.arguments()))
        .toString();
  }
}
