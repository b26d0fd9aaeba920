package dev.htaccess.eval;

/**
 * Renders the {@code [CO=name:value:domain:lifetime:path:secure:httponly:samesite]} flag as a
 * Set-Cookie header, as mod_rewrite's do_expand_cookie does.
 */
final class CookieFlag {

  private CookieFlag() {}

  static String render(String spec, String host) {
    String sep = ":";
    String s = spec;
    if (s.startsWith(";")) {
      sep = ";";
      s = s.substring(1);
    }
    String[] f = s.split(java.util.regex.Pattern.quote(sep), -1);
    if (f.length < 2) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append(f[0]).append('=').append(f[1]).append("; path=");
    String domain = f.length > 2 ? f[2] : "";
    String lifetime = f.length > 3 ? f[3] : "";
    String path = f.length > 4 && !f[4].isEmpty() ? f[4] : "/";
    out.setLength(0);
    out.append(f[0]).append('=').append(f[1]).append("; path=").append(path);
    if (!domain.isEmpty()) {
      out.append("; domain=").append(domain);
    }
    if (!lifetime.isEmpty()) {
      long minutes = CompiledRule.atoi(lifetime);
      out.append("; expires=<Date+").append(minutes * 60).append("s>");
    }
    if (f.length > 5
        && (f[5].equalsIgnoreCase("true") || f[5].equalsIgnoreCase("secure") || f[5].equals("1"))) {
      out.append("; secure");
    }
    if (f.length > 6
        && (f[6].equalsIgnoreCase("true")
            || f[6].equalsIgnoreCase("httponly")
            || f[6].equals("1"))) {
      out.append("; HttpOnly");
    }
    if (f.length > 7 && !f[7].isEmpty() && !f[7].equals("0") && !f[7].equalsIgnoreCase("false")) {
      out.append("; SameSite=").append(f[7]);
    }
    return out.toString();
  }
}
