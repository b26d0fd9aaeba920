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
 * route}. Each rule is a named matcher (its pattern on the whole path with the directory's prefix
 * in front, {@code path_regexp}; a pattern that cannot be put so, a CEL test of the relative path
 * that {@code vars htaccess_path} holds; the conditions from {@link CaddyConditions}) and a {@code
 * route} with what it does. {@code [L]} sets {@code htaccess_stop}, which every rule's matcher
 * tests; the round loop around the directories ({@link CaddyConverter}) does what Apache's internal
 * redirect does.
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
        CaddyText pre = new CaddyText();
        matchers.open("@" + vid);
        matcher(v, vid, matchers, pre);
        if (variants.size() > 1) {
          matchers.line("not vars htaccess_fired 1");
        }
        matchers.close();
        CaddyText act = new CaddyText();
        if (variants.size() > 1) {
          act.line("vars htaccess_fired 1"); // one variant fires, as the rule does once
        }
        moves |= action(v, vid, act);
        body.append(pre); // the test strings a capturing condition reads, copied first
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
    String re2 = Re2Syntax.unsupported(rule.pattern(), usesGroups(r));
    if (re2 != null) {
      return "the pattern has " + re2;
    }
    Set<Integer> usedGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, usedGroups, new java.util.TreeSet<>());
    if (wholePathPattern(r) == null && !usedGroups.isEmpty() && !rule.negated()) {
      return "$N of a pattern that cannot be put on the whole path (an alternation of anchors:"
          + " tested by a CEL expression, which keeps no captures)";
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
    if (!condGroups.isEmpty() && capturing >= 0) {
      RewriteCond c = r.conds().get(capturing);
      if (c.testString().source().equalsIgnoreCase("%{HTTPS}")) {
        return "%N of a condition on %{HTTPS} (Caddy has no on/off for it)";
      }
      String why = CaddyConditions.capturingUnsupported(c);
      if (why != null) {
        return why;
      }
    }
    if (or && !condGroups.isEmpty()) {
      return "%N with [OR] conditions (Caddy's CEL expression keeps no captures)";
    }
    if (r.rule().arguments().stream().anyMatch(a -> a.raw().contains("{$"))
        || r.conds().stream()
            .flatMap(c -> c.arguments().stream())
            .anyMatch(a -> a.raw().contains("{$"))) {
      return "{$ (Caddy replaces {$NAME} with an environment variable anywhere in the file)";
    }
    String source = rule.substitution().source();
    if (source.endsWith("?") && source.indexOf('?') < source.length() - 1) {
      return "a substitution with a ? before its trailing one (Apache keeps it in the path, or"
          + " splits at the last with [QSA])";
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
    String pattern = Re2Syntax.of(r.rule().pattern(), usesGroups(r));
    if (pattern == null || groupOffset(r) == 0 || PatternPrefix.of(prefix, pattern) == null) {
      return pattern == null ? null : PatternPrefix.of(prefix, pattern); // (a | stays visible)
    }
    return pattern.startsWith("^")
        ? PatternPrefix.of(prefix, "^(" + pattern.substring(1) + ")")
        : PatternPrefix.of(prefix, "(" + pattern + ")");
  }

  /** Whether the substitution, the tests or the flags use a $N of the rule's pattern. */
  private static boolean usesGroups(RewriteTranslator.Rule r) {
    Set<Integer> groups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, groups, new java.util.TreeSet<>());
    return !groups.isEmpty();
  }

  /** 1 when the rule uses $0 (see {@link #wholePathPattern}), else 0. */
  private static int groupOffset(RewriteTranslator.Rule r) {
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, ruleGroups, new java.util.TreeSet<>());
    return ruleGroups.contains(0) ? 1 : 0;
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

  private void matcher(RewriteTranslator.Rule r, String rid, CaddyText out, CaddyText pre) {
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
      // CEL reads the variable (Caddy 2.6's vars_regexp does not read one reliably)
      CaddyConditions.notBlock(
          out,
          one(
              "expression "
                  + CaddyText.quote(
                      (rule.negated() ? "!" : "")
                          + "string({vars.htaccess_path}).matches("
                          + CaddyText.celString(nc + Re2Syntax.of(rule.pattern()))
                          + ")")),
          true);
    }
    out.line("not vars htaccess_stop 1");
    Set<Integer> condGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, new java.util.TreeSet<>(), condGroups);
    int capturing = condGroups.isEmpty() ? -1 : CaddyConditions.capturingCondition(r);
    List<String> group = new ArrayList<>();
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      boolean chained = c.has(CondFlag.Kind.OR_NEXT) && k < r.conds().size() - 1;
      if (!chained && group.isEmpty()) {
        conditions.write(c, rid + "c" + k, k == capturing, out, pre);
        continue;
      }
      group.add(conditions.celTerm(c));
      if (!chained) {
        CaddyConditions.notBlock(
            out, one("expression " + CaddyText.quote(String.join(" || ", group))), true);
        group.clear();
      }
    }
  }

  static CaddyText one(String line) {
    CaddyText t = new CaddyText();
    t.line(line);
    return t;
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
    if ((rule.has(RuleFlagKind.REDIRECT) || url)
        && !rule.has(RuleFlagKind.NO_ESCAPE)
        && rule.substitution().parts().stream()
            .anyMatch(
                p -> p instanceof Template.RuleBackref || p instanceof Template.CondBackref)) {
      findings.add(
          new Finding(
              rule.span(),
              false,
              "a redirect with $N or %N: Apache escapes the capture in the Location, Caddy"
                  + " writes it as it is"));
    }
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
    // trailing ?, as mod_rewrite does
    String rewritten = Query.of(rule, query).rewrite(path);
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
    Query q = Query.of(rule, query);
    String written = q.text() == null || q.text().isEmpty() ? location : location + "?" + q.text();
    if (q.old()) {
      out.line(
          "redir @htaccess_query "
              + CaddyText.quote(written + (q.text() == null ? "?" : "&") + "{query}")
              + " "
              + status);
    }
    out.line("redir " + CaddyText.quote(written) + " " + status);
  }

  /**
   * The query string a substitution leaves, as mod_rewrite's splitout_queryargs does.
   *
   * @param text the new query ("" for none), or null for no new one
   * @param old whether the old query is kept (text null) or appended after an {@code &}
   */
  private record Query(String text, boolean old) {

    /**
     * @param split the substitution's query after its first {@code ?}, or null
     */
    static Query of(RewriteRule rule, String split) {
      boolean append = rule.has(RuleFlagKind.QUERY_APPEND);
      boolean discard = rule.has(RuleFlagKind.QUERY_DISCARD);
      if (rule.substitution().source().endsWith("?")) {
        // a trailing ?: with [QSA] the split is at it and the old query appended to nothing
        // (kept); without, the query is dropped ([QSD] drops the old one first either way)
        return append && !discard ? new Query(null, true) : new Query("", false);
      }
      if (split == null) {
        return discard ? new Query("", false) : new Query(null, true);
      }
      return new Query(split, append && !discard);
    }

    /** The target of Caddy's rewrite, whose query rules are mod_rewrite's. */
    String rewrite(String path) {
      if (text == null) {
        return path;
      }
      return path + "?" + text + (old ? "&{query}" : ""); // (an & before an empty query goes)
    }
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
