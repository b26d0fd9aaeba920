package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.RegName;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.regex.PcrePattern;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code <Location>} or {@code <LocationMatch>} section of the virtual host, as the core's
 * location walk tests it: a regex against the URL path; a path with wildcards (apr_fnmatch_test) as
 * a wildcard, or else a prefix that, unless it ends in a slash, must end at a slash or at the end
 * of the path. The walk always compares with slashes merged.
 */
record LocationSection(
    String path,
    PcrePattern regex,
    Pattern wildcard,
    Section section,
    AliasRedirect directoryRedirect,
    ApExpression.Text alias) {

  /**
   * The section, with what mod_alias reads from it at translation: its last directory-form Redirect
   * and its last one-argument Alias (null when it has none).
   */
  static LocationSection of(String path, PcrePattern regex, Section section) {
    Pattern wildcard =
        regex == null && isWildcard(path)
            ? Pattern.compile(FilesSection.wildcardToRegex(path), Pattern.DOTALL)
            : null;
    AliasRedirect redirect = null;
    ApExpression.Text alias = null;
    for (ConfigNode n : section.children()) {
      if (!(n instanceof GenericDirective g)) {
        continue;
      }
      List<Argument> a = g.arguments();
      if (g.key().startsWith("redirect") && !g.key().equals("redirectmatch")) {
        try {
          AliasRedirect r = AliasRedirect.of(g.key(), a, true, g.span());
          if (r.directory()) {
            redirect = r;
          }
        } catch (IllegalArgumentException e) {
          // reported by the start-up check
        }
      } else if ((g.key().equals("alias") || g.key().equals("scriptalias")) && a.size() == 1) {
        try {
          alias = ApExpression.parseString(a.get(0).value());
        } catch (ApExpression.ExprException e) {
          // reported by the start-up check
        }
      }
    }
    return new LocationSection(path, regex, wildcard, section, redirect, alias);
  }

  boolean matches(String uri) {
    if (regex != null) {
      return regex.find(uri);
    }
    String merged = uri.contains("//") ? uri.replaceAll("/{2,}", "/") : uri;
    if (wildcard != null) {
      return wildcard.matcher(merged).matches();
    }
    int len = path.length();
    return merged.startsWith(path)
        && (len == 0
            || path.charAt(len - 1) == '/'
            || merged.length() == len
            || merged.charAt(len) == '/');
  }

  /**
   * The location walk's side effect for a regex section that matches: each named group that took
   * part becomes {@code MATCH_NAME} (upper case) in the environment (ap_regname).
   */
  void exportNamedGroups(String uri, Map<String, String> env) {
    if (regex != null) {
      env.putAll(RegName.matchVariables(regex, uri));
    }
  }

  /** apr_fnmatch_test: a '*' or '?', or a '[' closed by a ']' (a backslash escapes). */
  static boolean isWildcard(String p) {
    int nesting = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '?', '*' -> {
          return true;
        }
        case '\\' -> {
          if (++i >= p.length()) {
            return false;
          }
        }
        case '[' -> nesting++;
        case ']' -> {
          if (nesting > 0) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }
}
