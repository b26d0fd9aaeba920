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
import java.util.List;
import java.util.Set;

/**
 * One directory's mod_rewrite rules as nginx rewrite-module directives inside its {@code location}.
 * Two forms:
 *
 * <ul>
 *   <li><b>plain</b>, when every rule is unconditional (and a last front-controller rule may test
 *       {@code !-f}/{@code !-d}): {@code rewrite} lines on the full path, the per-directory prefix
 *       put in front of the pattern, and the front controller as {@code try_files};
 *   <li><b>chained</b> otherwise: the path relative to the directory in {@code $htaccess_path}
 *       (matched with the rule's own pattern, unchanged), each condition an {@code if} that adds
 *       its letter to {@code $htaccess_ok}, the captures saved to variables, and the action under
 *       one last {@code if} on the letters. nginx's {@code if} switches the request's configuration
 *       when it matches, which loses {@code try_files}: a chained location has none.
 * </ul>
 *
 * Both keep Apache's per-directory loop: {@code last} searches the locations again and runs the
 * rules again, as Apache re-runs a directory's rules after an internal redirect.
 */
final class RewriteTranslator {

  /** A rule with the conditions before it. */
  record Rule(List<RewriteCond> conds, RewriteRule rule) {}

  /**
   * What a directory's rules became.
   *
   * @param slashGuard for a front controller that tests only {@code !-f}, mod_dir's redirect of a
   *     directory requested without its slash, which its fixup still sends after the rewrite (a
   *     line before try_files), or null
   */
  record Result(
      NginxText text,
      String tryFiles,
      String frontController,
      boolean proxies,
      String slashGuard) {}

  private final String prefix;
  private final String base;
  private final List<Finding> findings;

  /** What converts, and the nginx variables, for the rules being translated. */
  private RuleSupport support;

  /** How their substitutions are written. */
  private SubstitutionWriter targets;

  /**
   * Whether the action {@link #action} last wrote ends the rules with an internal rewrite or a
   * proxy (which mod_dir's slash redirect still overrides), and the query its substitution has.
   */
  private boolean internalAction;

  private String lastQuery;

  /**
   * @param prefix the directory's URL path with a trailing slash ({@code /} for the document root)
   * @param base the RewriteBase, or null
   */
  /**
   * Whether some rule of the document root reads %{ENV:REDIRECT_...}: an internal rewrite must then
   * set REDIRECT_STATUS as Apache's internal redirect does, which only the chained form does.
   */
  private final boolean redirectEnvRead;

  /** The RewriteMaps the rules look up, as nginx maps. */
  private final NginxMaps maps;

  RewriteTranslator(
      String prefix, String base, List<Finding> findings, boolean redirectEnvRead, NginxMaps maps) {
    this.prefix = prefix;
    this.base = base;
    this.findings = findings;
    this.redirectEnvRead = redirectEnvRead;
    this.maps = maps;
  }

  Result translate(List<Rule> rules) {
    support = new RuleSupport(rules, maps);
    targets = new SubstitutionWriter(prefix, base, support, maps);
    List<Rule> kept = new ArrayList<>();
    NginxText out = new NginxText();
    for (Rule r : rules) {
      if (support.unsupported(r) == null) {
        kept.add(r);
      } else {
        out.comment(source(r.rule()) + "\ncannot convert: " + support.unsupported(r));
        findings.add(new Finding(r.rule().span(), true, support.unsupported(r)));
      }
    }
    boolean plain = true;
    for (int i = 0; i < kept.size(); i++) {
      Rule r = kept.get(i);
      boolean last = i == kept.size() - 1;
      if (!(plainRule(r) || (last && frontController(r) != null))) {
        plain = false;
      }
    }
    if (plain) {
      String tryFiles = null;
      if (slashRedirectFirst(kept)) {
        out.comment(
            "mod_dir: a directory without its slash is redirected, whatever the rules rewrite it"
                + " to");
        out.line(
            "if (-d $htaccess_slashless) { return 301 \"$scheme://$http_host$uri/$is_args$args\"; }");
      }
      for (int i = 0; i < kept.size(); i++) {
        Rule r = kept.get(i);
        String front = i == kept.size() - 1 && !plainRule(r) ? frontController(r) : null;
        out.comment(source(r));
        if (front != null) {
          tryFiles = front;
          out.comment("  -> the try_files line of this location");
        } else {
          plainRewrite(r, out);
        }
      }
      String frontPath = null;
      String slashGuard = null;
      if (tryFiles != null) {
        RewriteRule front = kept.get(kept.size() - 1).rule();
        String t = front.substitution().source();
        frontPath = targets.absolute(t.contains("?") ? t.substring(0, t.indexOf('?')) : t);
        if (!tryFiles.contains("$uri/")) {
          // a directory is not a file: rewritten, and then redirected by mod_dir
          slashGuard =
              "if (-d $htaccess_slashless) { return 301 \"$scheme://$http_host$uri/"
                  + SubstitutionWriter.queryAfter(
                      front, t.contains("?") ? t.substring(t.indexOf('?') + 1) : null)
                  + "\"; }";
        }
      }
      return new Result(out, tryFiles, frontPath, false, slashGuard);
    }
    out.comment("the path relative to this directory, which the rules' patterns match");
    out.line("set $htaccess_path \"\";");
    relativePath(out);
    // The environment after an internal redirect (each set twice: nginx knows a variable only
    // where some set names it, and a rewrite's last keeps the values, as a redirect keeps them).
    List<String> redirected = new ArrayList<>(List.of("REDIRECT_STATUS"));
    support.envNames().stream().sorted().forEach(n -> redirected.add("REDIRECT_" + n));
    for (String n : redirected) {
      out.line("set $htaccess_env_" + n + " \"${htaccess_env_" + n + "}\";");
    }
    out.comment("mod_dir: a directory without its slash, which an internal rewrite does not save");
    out.line("set $htaccess_slash \"\";");
    out.line("if (-d $request_filename) { set $htaccess_slash \"/\"; }");
    out.line("if ($uri ~ \"/$\") { set $htaccess_slash \"\"; }");
    out.line("set $htaccess_round_uri $uri;");
    boolean proxies = false;
    for (Rule r : kept) {
      out.comment(source(r));
      chained(r, out);
      proxies |= r.rule().has(RuleFlagKind.PROXY);
    }
    return new Result(out, null, null, proxies, null);
  }

  /**
   * Whether mod_dir's redirect of a directory requested without its slash can be written before
   * plain rules: some rule rewrites internally (mod_dir's fixup still redirects after it) and none
   * answers itself or changes the query the redirect carries.
   */
  private static boolean slashRedirectFirst(List<Rule> plainRules) {
    boolean internal = false;
    for (Rule r : plainRules) {
      RewriteRule rule = r.rule();
      if (rule.has(RuleFlagKind.REDIRECT)
          || rule.has(RuleFlagKind.QUERY_DISCARD)
          || rule.substitution().source().contains("?")) {
        return false;
      }
      internal |= !rule.noSubstitution();
    }
    return internal;
  }

  private void relativePath(NginxText out) {
    out.line(
        "if ($uri ~ "
            + NginxText.quote("^" + PatternPrefix.quoteLiteral(prefix) + "(.*)$")
            + ") { set $htaccess_path $1; }");
  }

  // ---- the plain form ----

  private boolean plainRule(Rule r) {
    RewriteRule rule = r.rule();
    if (!r.conds().isEmpty()
        || rule.negated()
        || PatternPrefix.of(prefix, rule.pattern()) == null) {
      return false;
    }
    for (RuleFlag f : rule.flags()) {
      if (!RuleSupport.PLAIN_FLAGS.contains(f.kind())) {
        return false;
      }
    }
    if (rule.has(RuleFlagKind.REDIRECT)
        && SubstitutionWriter.redirectStatus(rule) != 301
        && SubstitutionWriter.redirectStatus(rule) != 302) {
      return false;
    }
    if (!envOnly(rule)) {
      return false; // setting a variable needs an if
    }
    if (rule.noSubstitution()) {
      return !rule.has(RuleFlagKind.REDIRECT);
    }
    if (redirectEnvRead && !rule.has(RuleFlagKind.REDIRECT) && !rule.has(RuleFlagKind.END)) {
      return false; // an internal redirect that must set REDIRECT_STATUS
    }
    if (SubstitutionWriter.climbsAboveRoot(targets.absolute(rule.substitution().source()))) {
      return false;
    }
    List<Template.Part> parts = rule.substitution().parts();
    return !parts.isEmpty()
        && parts.get(0) instanceof Template.Literal
        && parts.stream()
            .allMatch(
                p ->
                    p instanceof Template.Literal
                        || (p instanceof Template.RuleBackref b && b.group() > 0)
                        || p instanceof Template.Variable);
  }

  /** A rule that only sets variables nginx passes to FastCGI anyway ({@code HTTP_X} from X). */
  private static boolean envOnly(RewriteRule rule) {
    for (RuleFlag f : rule.flags()) {
      if (f.kind() == RuleFlagKind.ENV && !passThroughEnv(f.value())) {
        return false;
      }
    }
    return true;
  }

  private static boolean passThroughEnv(String value) {
    if (value == null) {
      return false;
    }
    int colon = value.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String name = value.substring(0, colon);
    String v = value.substring(colon + 1);
    return name.startsWith("HTTP_")
        && v.equalsIgnoreCase("%{HTTP:" + name.substring(5).replace('_', '-') + "}");
  }

  private void plainRewrite(Rule r, NginxText out) {
    RewriteRule rule = r.rule();
    if (rule.noSubstitution() && !rule.has(RuleFlagKind.LAST) && !rule.has(RuleFlagKind.END)) {
      out.comment("  nginx passes each request header to FastCGI as HTTP_* itself: nothing to do");
      return;
    }
    String regex = PatternPrefix.of(prefix, rule.pattern());
    if (rule.has(RuleFlagKind.NO_CASE)) {
      regex = "(?i)" + regex;
    }
    if (rule.noSubstitution()) {
      out.line("rewrite " + NginxText.quote(regex) + " $uri break;");
      return;
    }
    String[] split =
        targets.split(
            rule.substitution(), new SubstitutionWriter.Captures(n -> "$" + n, n -> ""), out);
    String target = SubstitutionWriter.replacement(rule, targets.absolute(split[0]), split[1]);
    String flag;
    if (rule.has(RuleFlagKind.REDIRECT)) {
      flag = SubstitutionWriter.redirectStatus(rule) == 301 ? " permanent" : " redirect";
    } else if (rule.has(RuleFlagKind.END)) {
      flag = " break";
    } else if (rule.has(RuleFlagKind.LAST)) {
      flag = " last";
    } else {
      flag = "";
    }
    out.line("rewrite " + NginxText.quote(regex) + " " + NginxText.quote(target) + flag + ";");
  }

  /**
   * The try_files line for a front controller ({@code !-f} and {@code !-d} on REQUEST_FILENAME, or
   * {@code !-f} with a pattern that matches every path, to a fixed script), or null.
   */
  private String frontController(Rule r) {
    RewriteRule rule = r.rule();
    Set<Character> tests = new java.util.HashSet<>();
    for (RewriteCond c : r.conds()) {
      if (!(c.pattern() instanceof CondPattern.FileTest t)
          || !c.negated()
          || !c.flags().isEmpty()
          || !c.testString().source().equals("%{REQUEST_FILENAME}")) {
        return null;
      }
      tests.add(t.test());
    }
    String p = rule.pattern();
    boolean everyPath = Set.of("^", ".*", "^.*$", "^(.*)$", "(.*)", "^(.*)").contains(p);
    boolean nonEmpty = Set.of(".", "^(.+)$", ".+", "^.+$", "(.+)").contains(p);
    boolean filesAndDirs = tests.equals(Set.of('f', 'd'));
    boolean filesOnly = tests.equals(Set.of('f'));
    if (!(filesAndDirs && (everyPath || nonEmpty)) && !(filesOnly && everyPath)) {
      return null;
    }
    if (rule.negated() || rule.noSubstitution() || !rule.substitution().isLiteral()) {
      return null;
    }
    for (RuleFlag f : rule.flags()) {
      if (f.kind() != RuleFlagKind.LAST && f.kind() != RuleFlagKind.NO_CASE) {
        return null;
      }
    }
    String target = rule.substitution().source();
    if (target.contains("://") || target.contains("$") || target.contains("#")) {
      return null;
    }
    String path = targets.absolute(target);
    String uri;
    if (path.contains("?")) {
      uri = path.endsWith("?") ? path.substring(0, path.length() - 1) : path;
    } else {
      uri = path + "$is_args$args";
    }
    return "try_files $uri " + (filesAndDirs ? "$uri/ " : "") + NginxText.quote(uri) + ";";
  }

  // ---- the chained form ----

  private void chained(Rule r, NginxText out) {
    RewriteRule rule = r.rule();
    out.line("set $htaccess_ok \"\";");
    String op = (rule.negated() ? "!" : "") + (rule.has(RuleFlagKind.NO_CASE) ? "~*" : "~");
    Set<Integer> ruleGroups = new java.util.TreeSet<>();
    Set<Integer> condGroups = new java.util.TreeSet<>();
    RuleSupport.referencedGroups(r, ruleGroups, condGroups);
    StringBuilder saveRule = new StringBuilder();
    if (!rule.negated()) {
      for (int n : ruleGroups) {
        if (n > 0) {
          saveRule.append(" set $htaccess_r").append(n).append(" \"$").append(n).append("\";");
        }
      }
    }
    out.line(
        "if ($htaccess_path "
            + op
            + " "
            + NginxText.quote(rule.pattern())
            + ") { set $htaccess_ok \"m\";"
            + saveRule
            + " }");
    // %N are the captures of the last regex condition that matched and was evaluated (Apache
    // skips the rest of an [OR] group once one matched): kept up to date in $htaccess_pN.
    for (int n : condGroups) {
      out.line("set $htaccess_p" + n + " \"\";");
    }
    StringBuilder wanted = new StringBuilder("^m");
    StringBuilder group = new StringBuilder();
    for (int k = 0; k < r.conds().size(); k++) {
      RewriteCond c = r.conds().get(k);
      char letter = (char) ('a' + k);
      String subject = subject(c, out);
      String test = condTest(c, subject);
      boolean captures = c.pattern() instanceof CondPattern.Regex && !c.negated();
      StringBuilder save = new StringBuilder();
      if (captures) {
        for (int n : condGroups) {
          save.append(" set $htaccess_c").append(k).append('_').append(n);
          save.append(" \"").append(n == 0 ? subject : "$" + n).append("\";");
        }
      }
      out.line(
          "if (" + test + ") { set $htaccess_ok \"${htaccess_ok}" + letter + "\";" + save + " }");
      if (captures && !condGroups.isEmpty()) {
        String evaluated =
            group.length() == 0 ? String.valueOf(letter) : "^(?!.*[" + group + "]).*" + letter;
        StringBuilder take = new StringBuilder();
        for (int n : condGroups) {
          take.append(" set $htaccess_p").append(n).append(" \"${htaccess_c");
          take.append(k).append('_').append(n).append("}\";");
        }
        out.line("if ($htaccess_ok ~ " + NginxText.quote(evaluated) + ") {" + take + " }");
      }
      group.append(letter);
      if (!c.has(CondFlag.Kind.OR_NEXT) || k == r.conds().size() - 1) {
        wanted.append(group.length() == 1 ? group.toString() : "[" + group + "]+");
        group.setLength(0);
      }
    }
    wanted.append("$");
    SubstitutionWriter.Captures captures = CHAINED;
    NginxText before = new NginxText(); // nginx allows no if inside an if
    NginxText act = new NginxText();
    for (RuleFlag f : rule.flags()) {
      if (f.kind() == RuleFlagKind.ENV) {
        env(f, rule, captures, act);
      }
    }
    internalAction = false;
    String same = action(rule, captures, act, before);
    if (internalAction) {
      // Apache: mod_dir's fixup runs after mod_rewrite's and redirects a directory requested
      // without its slash, whatever the rules rewrote it to (or proxied it to); with the query
      // they left.
      SubstitutionWriter.appendedQuery(rule, lastQuery, before);
      before.line("set $htaccess_test \"${htaccess_ok}${htaccess_slash}\";");
      before.line(
          "if ($htaccess_test ~ "
              + NginxText.quote(wanted.substring(0, wanted.length() - 1) + "/$")
              + ") { return 301 \"$scheme://$http_host${htaccess_round_uri}/"
              + SubstitutionWriter.queryAfter(rule, lastQuery)
              + "\"; }");
    }
    out.append(before);
    if (same != null) {
      // Apache ends the round when the rewritten path is the path it had (no internal
      // redirect); nginx would search the locations again, and loop.
      // (Apache compares the walk's filename, which is the path only when every directory on
      // the way exists: else the rest is path info, the two differ, and Apache loops to 500.)
      out.line("set $htaccess_same \"\";");
      out.line("if ($uri = " + NginxText.quote(same) + ") { set $htaccess_same \"=\"; }");
      out.line("set $htaccess_parent \"\";");
      out.line("if ($uri ~ \"^(.*)/[^/]*$\") { set $htaccess_parent \"$1\"; }");
      out.line("if (!-d \"$document_root$htaccess_parent/\") { set $htaccess_same \"\"; }");
      out.line("set $htaccess_ok \"${htaccess_ok}${htaccess_same}\";");
      out.line(
          "if ($htaccess_ok ~ "
              + NginxText.quote(wanted.substring(0, wanted.length() - 1) + "=$")
              + ") { break; }");
    }
    out.open("if ($htaccess_ok ~ " + NginxText.quote(wanted.toString()) + ")");
    out.append(act);
    out.close();
    if (!rule.noSubstitution()
        && !rule.has(RuleFlagKind.LAST)
        && !rule.has(RuleFlagKind.END)
        && !rule.has(RuleFlagKind.PASS_THROUGH)
        && !rule.has(RuleFlagKind.REDIRECT)
        && !rule.has(RuleFlagKind.PROXY)) {
      relativePath(out); // the next rule matches the rewritten path
    }
  }

  private static final SubstitutionWriter.Captures CHAINED =
      new SubstitutionWriter.Captures(n -> "${htaccess_r" + n + "}", n -> "${htaccess_p" + n + "}");

  /** The test string as one nginx variable (set first when it is made of several parts). */
  private String subject(RewriteCond c, NginxText out) {
    List<Template.Part> parts = c.testString().parts();
    if (parts.size() == 1 && parts.get(0) instanceof Template.Variable v) {
      return support.variable(v.name());
    }
    String value = targets.expand(c.testString(), CHAINED, out);
    out.line("set $htaccess_test " + NginxText.quote(value) + ";");
    return "$htaccess_test";
  }

  private String condTest(RewriteCond c, String subject) {
    String not = c.negated() ? "!" : "";
    if (c.pattern() instanceof CondPattern.FileTest t) {
      if ("lLh".indexOf(t.test()) >= 0) {
        // nginx cannot test for a link: "not a link" is taken as true
        findings.add(
            new Finding(
                c.span(),
                false,
                "!-" + t.test() + ": nginx cannot test for a symbolic link; taken as true"));
        return "$htaccess_ok ~ \"\"";
      }
      if (t.test() == 's') {
        findings.add(
            new Finding(c.span(), false, "-s: nginx cannot test a file's size; tested as -f"));
        return not + "-f " + subject;
      }
      return not + "-" + t.test() + " " + subject;
    }
    if (c.pattern() instanceof CondPattern.Lexical l) {
      return subject + " " + (c.negated() ? "!=" : "=") + " " + NginxText.quote(l.operand());
    }
    String regex = ((CondPattern.Regex) c.pattern()).regex();
    String op = not + (c.has(CondFlag.Kind.NO_CASE) ? "~*" : "~");
    return subject + " " + op + " " + NginxText.quote(regex);
  }

  private void env(
      RuleFlag f, RewriteRule rule, SubstitutionWriter.Captures captures, NginxText out) {
    if (passThroughEnv(f.value())) {
      out.comment("[" + f.text() + "]: nginx passes the header to FastCGI as HTTP_* itself");
      return;
    }
    String value = f.value() == null ? "" : f.value();
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    String v = colon < 0 ? "1" : value.substring(colon + 1);
    if (name.startsWith("!") || !name.matches("[A-Za-z0-9_]+")) {
      findings.add(new Finding(rule.span(), true, "the environment flag [" + f.text() + "]"));
      return;
    }
    Template t = TemplateParser.parse(v);
    for (Template.Part p : t.parts()) {
      if (support.partUnsupported(p) != null) {
        findings.add(
            new Finding(rule.span(), true, "[" + f.text() + "]: " + support.partUnsupported(p)));
        return;
      }
    }
    findings.add(
        new Finding(
            rule.span(),
            false,
            "["
                + f.text()
                + "] sets an environment variable; nginx has none: it becomes $htaccess_env_"
                + name
                + " (pass it on with fastcgi_param where a script needs it)"));
    out.line(
        "set $htaccess_env_"
            + name
            + " "
            + NginxText.quote(targets.expand(t, captures, out))
            + ";");
  }

  /**
   * Writes the rule's action; returns the path an internal {@code last} rewrite goes to (for the
   * same-path check), or null.
   */
  private String action(
      RewriteRule rule, SubstitutionWriter.Captures captures, NginxText out, NginxText before) {
    if (rule.has(RuleFlagKind.FORBIDDEN)) {
      out.line("return 403;");
      return null;
    }
    if (rule.has(RuleFlagKind.GONE)) {
      out.line("return 410;");
      return null;
    }
    if (rule.noSubstitution() && rule.has(RuleFlagKind.REDIRECT)) {
      int status = SubstitutionWriter.redirectStatus(rule);
      // R with a status that is not a redirect answers that status; a redirect goes to the URL
      out.line(
          status >= 300 && status < 400
              ? "return " + status + " \"$scheme://$http_host$uri$is_args$args\";"
              : "return " + status + ";");
      return null;
    }
    if (rule.noSubstitution()) {
      if (rule.has(RuleFlagKind.LAST) || rule.has(RuleFlagKind.END)) {
        out.line("break;");
      }
      return null;
    }
    String[] split = targets.split(rule.substitution(), captures, before);
    String path = targets.runtimeAbsolute(rule.substitution(), split[0], before);
    String query = split[1];
    boolean url = path.matches("(?i)https?://.*");
    lastQuery = query;
    if (rule.has(RuleFlagKind.PROXY)) {
      internalAction = true;
      out.line(
          "proxy_pass "
              + NginxText.quote(SubstitutionWriter.withQuery(rule, path, query, before))
              + ";");
      out.line("break;");
      return null;
    }
    if (rule.has(RuleFlagKind.REDIRECT) || url) {
      if (url && !rule.has(RuleFlagKind.REDIRECT)) {
        findings.add(SubstitutionWriter.urlWithoutRedirect(rule));
      }
      int status = rule.has(RuleFlagKind.REDIRECT) ? SubstitutionWriter.redirectStatus(rule) : 302;
      out.line(
          "return "
              + status
              + " "
              + NginxText.quote(SubstitutionWriter.withQuery(rule, path, query, before))
              + ";");
      return null;
    }
    if (SubstitutionWriter.climbsAboveRoot(path)) {
      // Apache refuses an internal redirect to a path above the document root (400)
      out.line("return 400;");
      return null;
    }
    String flag =
        rule.has(RuleFlagKind.END)
            ? " break"
            : rule.has(RuleFlagKind.LAST) || rule.has(RuleFlagKind.PASS_THROUGH) ? " last" : "";
    internalAction = !flag.isEmpty();
    if (flag.equals(" last")) {
      // Apache's internal redirect: REDIRECT_STATUS, and each variable renamed REDIRECT_name
      out.line("set $htaccess_env_REDIRECT_STATUS \"200\";");
      for (String n : new java.util.TreeSet<>(support.envNames())) {
        out.line("set $htaccess_env_REDIRECT_" + n + " \"${htaccess_env_" + n + "}\";");
        out.line("set $htaccess_env_" + n + " \"\";");
      }
    }
    out.line(
        "rewrite ^ "
            + NginxText.quote(SubstitutionWriter.replacement(rule, path, query))
            + flag
            + ";");
    return flag.equals(" last") ? path : null;
  }

  private static String source(Rule r) {
    StringBuilder s = new StringBuilder();
    for (RewriteCond c : r.conds()) {
      s.append(line(c.span().file(), c.span().line(), c.name(), c.arguments())).append('\n');
    }
    return s.append(source(r.rule())).toString();
  }

  private static String source(RewriteRule rule) {
    return line(rule.span().file(), rule.span().line(), rule.name(), rule.arguments());
  }

  static String line(
      String file, int line, String name, List<dev.htaccess.model.Argument> arguments) {
    StringBuilder s = new StringBuilder(file + ":" + line + ": " + name);
    for (dev.htaccess.model.Argument a : arguments) {
      s.append(' ').append(a.raw());
    }
    return s.toString();
  }
}
