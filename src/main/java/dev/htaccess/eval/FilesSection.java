package dev.htaccess.eval;

import dev.htaccess.httpd.RegName;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.regex.PcrePattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code <Files>} or {@code <FilesMatch>} section with its pattern compiled: a regular expression
 * for FilesMatch and {@code <Files ~ "...">}, otherwise a shell wildcard matched as apr_fnmatch
 * does with APR_FNM_PATHNAME (no wildcard matches a slash; a leading dot is an ordinary character).
 */
record FilesSection(
    Section section, PcrePattern pattern, Pattern wildcard, List<SetEnvIfRule> setEnvIf) {

  static FilesSection of(Section s) {
    List<SetEnvIfRule> rules = setEnvIfRules(s);
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    boolean regex = s.key().equals("filesmatch");
    if (!regex && arg.equals("~") && s.arguments().size() > 1) {
      regex = true;
      arg = s.arguments().get(1).value();
    }
    if (regex) {
      return new FilesSection(s, PcrePattern.compile(arg, false), null, rules);
    }
    return new FilesSection(s, null, Pattern.compile(wildcardToRegex(arg), Pattern.DOTALL), rules);
  }

  /**
   * The section's SetEnvIf and BrowserMatch rules, in their own configuration record: the header
   * parser runs them after the directory's, for a file the section matches. (One Apache refuses
   * made the file fail when it was read.)
   */
  private static List<SetEnvIfRule> setEnvIfRules(Section s) {
    List<SetEnvIfRule> rules = new ArrayList<>();
    Map<String, Object> names = new HashMap<>();
    for (ConfigNode n : s.children()) {
      if (n instanceof GenericDirective g
          && (g.key().startsWith("setenvif") || g.key().startsWith("browsermatch"))) {
        try {
          rules.add(SetEnvIfRule.of(g.key(), g.arguments(), names));
        } catch (IllegalArgumentException e) {
          // reported when the file was read
        }
      }
    }
    return List.copyOf(rules);
  }

  /**
   * The file walk's side effect for a regex section that matches: each named group that took part
   * becomes {@code MATCH_NAME} (upper case) in the environment (ap_regname).
   */
  void exportNamedGroups(String baseName, Map<String, String> env) {
    if (pattern != null) {
      env.putAll(RegName.matchVariables(pattern, baseName));
    }
  }

  boolean matches(String baseName) {
    return pattern != null ? pattern.find(baseName) : wildcard.matcher(baseName).matches();
  }

  static String wildcardToRegex(String w) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      switch (c) {
        case '*' -> out.append("[^/]*");
        case '?' -> out.append("[^/]");
        case '[' -> {
          int end = w.indexOf(']', i + 2);
          if (end < 0) {
            out.append("\\[");
          } else {
            String body = w.substring(i + 1, end);
            boolean negate = body.startsWith("!") || body.startsWith("^");
            if (negate) {
              body = body.substring(1);
            }
            out.append('[').append(negate ? "^" : "");
            for (char b : body.toCharArray()) {
              if (b == '\\' || b == '[' || b == '&' || b == '^') {
                out.append('\\');
              }
              out.append(b);
            }
            out.append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < w.length()) {
            out.append(Pattern.quote(String.valueOf(w.charAt(++i))));
          } else {
            out.append("\\\\");
          }
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
