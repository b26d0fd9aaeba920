package dev.htaccess.httpd;

import dev.htaccess.regex.PcreMatch;

/**
 * ap_pregsub (util.c, regsub_core): a replacement with {@code $0}..{@code $9} filled in from a
 * match (an unset group gives nothing) and a backslash making the next character literal. Used by
 * RedirectMatch, AliasMatch, ProxyPassMatch and mod_headers' edit.
 */
public final class Pregsub {

  private Pregsub() {}

  public static String substitute(String template, PcreMatch m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      char next = i + 1 < template.length() ? template.charAt(i + 1) : '\0';
      if (c == '$' && next >= '0' && next <= '9') {
        String g = m.group(next - '0');
        if (g != null) {
          out.append(g);
        }
        i++;
      } else if (c == '\\' && i + 1 < template.length()) {
        out.append(next);
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
