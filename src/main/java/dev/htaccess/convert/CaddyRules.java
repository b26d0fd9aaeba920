package dev.htaccess.convert;

import dev.htaccess.model.CondFlag;
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
  private final CaddyConditions conditions;

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
    this.conditions = new CaddyConditions(placeholders, findings);
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
      List<RewriteTranslator.Rule> variants = CaddyConditions.orVariants(r);
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
      String why = conditions.unsupported(c);
      if (why != null) {
        return why;
      }
      or |= c.has(CondFlag.Kind.OR_NEXT);
    }
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    Set<Integer> condGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, ruleGroups, condGroups);
    int capturing = CaddyConditions.capturingCondition(r);
    if (!condGroups.isEmpty()
        && capturing >= 0
        && ((CaddyConditions.readsEnv(r.conds().get(capturing).testString())
                && CaddyConditions.envMatch(r.conds().get(capturing)) == null)
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

  /** Whether the pattern matches the empty string (Java's regex reads these patterns alike). */
  private static boolean matchesEmpty(String pattern) {
    try {
      return java.util.regex.Pattern.compile(pattern).matcher("").find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return true; // unknown: treated as the case that cannot be converted
    }
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
        conditions.write(c, rid + "c" + k, out);
        continue;
      }
      group.add(conditions.celTerm(c));
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

  // ---- the action ----

  /** Writes what the rule does; true when it may change the path and go on to the next rule. */
  private boolean action(RewriteTranslator.Rule r, String rid, CaddyText out) {
    RewriteRule rule = r.rule();
    int capturing = CaddyConditions.capturingCondition(r);
    String condId = capturing < 0 ? null : rid + "c" + capturing;
    int offset = wholePathPattern(r) != null ? groupOffset(r) : 0;
    java.util.function.IntFunction<String> ruleGroup =
        n -> rule.negated() ? "" : "{re." + rid + "." + (n + offset) + "}";
    java.util.function.IntFunction<String> condGroup =
        n -> condId == null ? "" : "{re." + condId + "." + n + "}";
    environmentAndType(rule, ruleGroup, condGroup, out);
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
    Target target = target(rule, split[0], out);
    String path = target.path();
    boolean runtime = target.runtime();
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
        findings.add(SubstitutionWriter.urlWithoutRedirect(rule));
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
    if (target.absoluteLine() != null) {
      out.line(target.absoluteLine());
    }
    // Caddy's rewrite keeps the query without a ?, replaces it with ?q and empties it with a
    // trailing ?, as mod_rewrite does; an & before an empty {query} is dropped.
    String rewritten =
        query == null
            ? path + (rule.has(RuleFlagKind.QUERY_DISCARD) ? "?" : "")
            : query.isEmpty()
                ? path + "?"
                : path + "?" + query + (rule.has(RuleFlagKind.QUERY_APPEND) ? "&{query}" : "");
    out.line("rewrite * " + CaddyText.quote(rewritten)); // a first /path would be a matcher
    return true;
  }

  /** What [E=] and [T=] set when the rule matches: Caddy variables. */
  private void environmentAndType(
      RewriteRule rule,
      java.util.function.IntFunction<String> ruleGroup,
      java.util.function.IntFunction<String> condGroup,
      CaddyText out) {
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
  }

  /**
   * Where an internal rewrite or a redirect goes.
   *
   * @param path the absolute path or URL, as a Caddy string
   * @param runtime whether the substitution starts with $N or %{VAR}: absolute or not only when the
   *     request comes ({@code vars htaccess_target} holds it, made absolute)
   * @param absoluteLine what sets {@code htaccess_absolute} for the loop's end, or null when {@code
   *     runtime} (set with the target)
   */
  private record Target(String path, boolean runtime, String absoluteLine) {}

  /**
   * The substitution's path made absolute as mod_rewrite makes it. Apache ends the loop when a
   * relative substitution names the file the round started with (below directories that exist); one
   * that starts with a slash is an internal redirect whatever it names.
   */
  private Target target(RewriteRule rule, String expanded, CaddyText out) {
    List<Template.Part> parts = rule.substitution().parts();
    boolean runtime = !(parts.get(0) instanceof Template.Literal) && !expanded.startsWith("{path}");
    if (runtime) {
      String b = base != null ? base : prefix;
      out.line("vars htaccess_target " + CaddyText.quote(expanded));
      out.line("vars htaccess_absolute 1");
      out.line("vars @htaccess_relative htaccess_absolute 0");
      out.line(
          "vars @htaccess_relative htaccess_target "
              + CaddyText.quote((b.endsWith("/") ? b : b + "/") + "{vars.htaccess_target}"));
      return new Target("{vars.htaccess_target}", true, null);
    }
    if (expanded.startsWith("{path}")) {
      return new Target(expanded, false, "vars htaccess_absolute 1");
    }
    return new Target(
        SubstitutionWriter.absolute(base, prefix, expanded),
        false,
        expanded.startsWith("/") ? "vars htaccess_absolute 1" : "vars htaccess_absolute 0");
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
    return SubstitutionWriter.split(
        t, p -> placeholders.expand(new Template("", List.of(p)), ruleGroup, condGroup));
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
