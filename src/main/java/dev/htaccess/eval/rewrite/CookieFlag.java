package dev.htaccess.eval.rewrite;

import dev.htaccess.httpd.CNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the {@code [CO=name:value:domain:lifetime:path:secure:httponly:samesite]} flag as a
 * Set-Cookie header, following mod_rewrite's add_cookie: fields are split like strtok (empty fields
 * collapse), a leading {@code ;} switches the separator, name, value and domain are required, and a
 * zero lifetime means a session cookie.
 */
final class CookieFlag {

  private CookieFlag() {}

  /** The cookie's name, or null when the flag is incomplete (Apache then sets nothing). */
  static String name(String spec) {
    List<String> f = fields(spec);
    return f.size() >= 3 ? f.get(0) : null;
  }

  /**
   * The Set-Cookie value, or null. The expiry is written relative to the response's Date, as {@code
   * expires=<Date+Ns>} (the oracle's form), since a dry run has no clock of its own.
   */
  static String render(String spec) {
    List<String> f = fields(spec);
    if (f.size() < 3) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    String path = f.size() > 4 ? f.get(4) : "/";
    out.append(f.get(0)).append('=').append(f.get(1)).append("; path=").append(path);
    out.append("; domain=").append(f.get(2));
    if (f.size() > 3) {
      long minutes = CNumbers.atoi(f.get(3));
      if (minutes != 0) {
        out.append("; expires=<Date+").append(minutes * 60).append("s>");
      }
    }
    if (f.size() > 5 && isTrue(f.get(5), "secure")) {
      out.append("; secure");
    }
    if (f.size() > 6 && isTrue(f.get(6), "HttpOnly")) {
      out.append("; HttpOnly");
    }
    if (f.size() > 7 && !f.get(7).equals("0") && !f.get(7).equalsIgnoreCase("false")) {
      out.append("; SameSite=").append(f.get(7));
    }
    return out.toString();
  }

  private static boolean isTrue(String v, String word) {
    return v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase(word);
  }

  private static List<String> fields(String spec) {
    char sep = ':';
    String s = spec;
    if (s.startsWith(";")) {
      sep = ';';
      s = s.substring(1);
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && s.charAt(i) == sep) {
        i++;
      }
      int start = i;
      while (i < s.length() && s.charAt(i) != sep) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
