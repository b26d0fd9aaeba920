package dev.htaccess.convert;

import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.model.Template;
import java.util.List;

/**
 * A rule's substitution as nginx strings: expanded ($N, %N and %{VAR} as nginx variables), made
 * absolute as mod_rewrite makes it (RewriteBase or the directory), and with the query string as
 * mod_rewrite leaves it, for an internal rewrite (nginx's own query rules) or for a redirect or a
 * proxy (written out).
 */
final class SubstitutionWriter {

  private final String prefix;
  private final String base;
  private final RuleSupport support;
  private final NginxMaps maps;

  SubstitutionWriter(String prefix, String base, RuleSupport support, NginxMaps maps) {
    this.prefix = prefix;
    this.base = base;
    this.support = support;
    this.maps = maps;
  }

  /**
   * The substitution's path made absolute as mod_rewrite makes it: at conversion time when it
   * starts with literal text, else by an {@code if} on the expanded value (a $N or %{VAR} may or
   * may not start with a slash).
   */
  String runtimeAbsolute(Template t, String path, NginxText out) {
    if (!t.parts().isEmpty() && t.parts().get(0) instanceof Template.Literal) {
      return absolute(path);
    }
    String b = base != null ? base : prefix;
    out.line("set $htaccess_target " + NginxText.quote(path) + ";");
    out.line(
        "if ($htaccess_target !~ \"^/|^[A-Za-z][A-Za-z0-9+.-]*://\") { set $htaccess_target "
            + NginxText.quote((b.endsWith("/") ? b : b + "/") + "${htaccess_target}")
            + "; }");
    return "${htaccess_target}";
  }

  /**
   * The substitution expanded and split at its first literal {@code ?}: path, and query or null.
   *
   * @param before where the map lookups it makes are written, before it is used
   */
  String[] split(Template t, Captures captures, NginxText before) {
    return split(t, p -> expand(new Template("", List.of(p)), captures, before));
  }

  /**
   * A substitution split at its first literal {@code ?}, each part written by {@code expandOne}:
   * path, and query or null.
   */
  static String[] split(Template t, java.util.function.Function<Template.Part, String> expandOne) {
    StringBuilder path = new StringBuilder();
    StringBuilder query = null;
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l && query == null && l.text().indexOf('?') >= 0) {
        int q = l.text().indexOf('?');
        path.append(l.text(), 0, q);
        query = new StringBuilder(l.text().substring(q + 1));
        continue;
      }
      (query == null ? path : query).append(expandOne.apply(p));
    }
    return new String[] {path.toString(), query == null ? null : query.toString()};
  }

  /** What a URL substitution without [R] becomes, reported. */
  static Finding urlWithoutRedirect(RewriteRule rule) {
    return new Finding(
        rule.span(),
        false,
        "a URL substitution without [R]: Apache redirects (302) unless the URL names this"
            + " server, when it rewrites to its path; converted as the redirect");
  }

  /**
   * The replacement of an internal rewrite, written for nginx's own query rules: a replacement with
   * a {@code ?} gets the old arguments appended unless it ends in {@code ?}.
   */
  static String replacement(RewriteRule rule, String path, String query) {
    if (query == null) {
      return rule.has(RuleFlagKind.QUERY_DISCARD) ? path + "?" : path;
    }
    if (query.isEmpty()) {
      return path + "?"; // an empty query: none
    }
    return path + "?" + query + (rule.has(RuleFlagKind.QUERY_APPEND) ? "" : "?");
  }

  /**
   * The query part ({@code ?...} or nothing) of a URL that carries the query string mod_rewrite
   * leaves in {@code r->args}. With [QSA] the old query follows an {@code &} when there is one:
   * {@link #appendedQuery} must have been written before.
   */
  static String queryAfter(RewriteRule rule, String query) {
    if (query == null) {
      return rule.has(RuleFlagKind.QUERY_DISCARD) ? "" : "$is_args$args";
    }
    if (query.isEmpty()) {
      return "";
    }
    return "?" + query + (rule.has(RuleFlagKind.QUERY_APPEND) ? "${htaccess_qsa}" : "");
  }

  /** For [QSA] with a query: {@code $htaccess_qsa}, the old query after an {@code &}, if any. */
  static void appendedQuery(RewriteRule rule, String query, NginxText before) {
    if (query != null && !query.isEmpty() && rule.has(RuleFlagKind.QUERY_APPEND)) {
      before.line("set $htaccess_qsa \"\";");
      before.line("if ($args != \"\") { set $htaccess_qsa \"&$args\"; }");
    }
  }

  /**
   * A redirect's or a proxy's URL with the query string as mod_rewrite leaves it.
   *
   * @param before where what the URL needs is set first
   */
  static String withQuery(RewriteRule rule, String path, String query, NginxText before) {
    appendedQuery(rule, query, before);
    return path + queryAfter(rule, query);
  }

  /** Whether the literal start of a path has more {@code ..} segments than directories. */
  static boolean climbsAboveRoot(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    int depth = 0;
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.contains("$") || segment.contains("?")) {
        return false; // a variable: known only when the request comes
      }
      if (segment.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /** A relative substitution made absolute as mod_rewrite does: RewriteBase or the directory. */
  String absolute(String target) {
    return absolute(base, prefix, target);
  }

  /**
   * A relative substitution made absolute as mod_rewrite does.
   *
   * @param base the RewriteBase, or null
   * @param prefix the directory's URL path
   */
  static String absolute(String base, String prefix, String target) {
    if (target.startsWith("/") || target.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      return target;
    }
    String b = base != null ? base : prefix;
    return b.endsWith("/") ? b + target : b + "/" + target;
  }

  static int redirectStatus(RewriteRule rule) {
    RuleFlag f = rule.flag(RuleFlagKind.REDIRECT);
    String v = f == null || f.value() == null ? "" : f.value();
    switch (v) {
      case "":
      case "temp":
        return 302;
      case "permanent":
        return 301;
      case "seeother":
        return 303;
      default:
        return Integer.parseInt(v);
    }
  }

  /** How $N and %N are written in an nginx string. */
  record Captures(
      java.util.function.IntFunction<String> rule, java.util.function.IntFunction<String> cond) {}

  /**
   * The template as an nginx string.
   *
   * @param before where its map lookups are written, before the string is used
   */
  String expand(Template t, Captures captures, NginxText before) {
    StringBuilder out = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Literal l) {
        out.append(l.text());
      } else if (p instanceof Template.RuleBackref b) {
        out.append(b.group() == 0 ? "${htaccess_path}" : captures.rule().apply(b.group()));
      } else if (p instanceof Template.CondBackref b) {
        out.append(captures.cond().apply(b.group()));
      } else if (p instanceof Template.Variable v) {
        String n = support.variable(v.name());
        out.append("${").append(n.substring(1)).append('}');
      } else if (p instanceof Template.MapLookup m) {
        String key = expand(m.key(), captures, before);
        String defaultValue =
            m.defaultValue() == null ? "" : expand(m.defaultValue(), captures, before);
        out.append(maps.lookup(m.map(), key, defaultValue, before));
      }
    }
    return out.toString();
  }
}
