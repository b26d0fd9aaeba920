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
    return substitute(template, m.subject(), m);
  }

  /**
   * The same with the match's offsets applied to {@code source}, which may be another string than
   * the one matched (mod_setenvif keeps the match of an earlier rule; {@code m} may be null, for
   * none). Where the offsets run past the end of it Apache reads memory beyond the string; what it
   * showed is the value cut there, which is what this gives.
   */
  public static String substitute(String template, String source, PcreMatch m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      char next = i + 1 < template.length() ? template.charAt(i + 1) : '\0';
      if (c == '$' && next >= '0' && next <= '9') {
        i++;
        int so = m == null ? -1 : m.start(next - '0');
        int eo = m == null ? -1 : m.end(next - '0');
        if (so >= 0 && so < eo) {
          if (eo > source.length()) {
            out.append(source, Math.min(so, source.length()), source.length());
            return out.toString();
          }
          out.append(source, so, eo);
        }
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
