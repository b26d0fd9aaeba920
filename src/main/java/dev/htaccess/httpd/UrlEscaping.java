package dev.htaccess.httpd;

/**
 * Apache's URL escaping and unescaping, on byte strings. Apache writes escapes with lower-case hex
 * digits (server/util.c), and so do we.
 */
public final class UrlEscaping {

  private static final String HEX = "0123456789abcdef";

  private UrlEscaping() {}

  public static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static void hex(StringBuilder out, char c) {
    out.append('%').append(HEX.charAt((c >> 4) & 0xf)).append(HEX.charAt(c & 0xf));
  }

  /** {@code ap_escape_uri}: escapes all but alphanumerics and {@code $-_.+!*'(),:;@&=/~}. */
  public static String escapePath(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean safe = isAlnum(c) || "$-_.+!*'(),:;@&=/~".indexOf(c) >= 0;
      if (!safe && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (safe) {
          out.append(c);
        } else {
          hex(out, c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** True when {@code c} is a visible character or obs-text (not a control and not a space). */
  public static boolean isVcharOrObsText(char c) {
    return c > 0x20 && c != 0x7f;
  }

  /**
   * mod_rewrite's escaping of back-references for the B flags: {@code escapes} (null for all),
   * {@code noEscapes} (BNE), {@code noPlus} (BNP), {@code controlsOnly} (BCTLS).
   */
  public static String escapeBackref(
      String s, String escapes, String noEscapes, boolean noPlus, boolean controlsOnly) {
    StringBuilder out = new StringBuilder(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean selected =
          (controlsOnly ? !isVcharOrObsText(c) : escapes == null)
              || (escapes != null && escapes.indexOf(c) >= 0);
      if (selected && (noEscapes == null || noEscapes.indexOf(c) < 0)) {
        if (isAlnum(c) || c == '_') {
          out.append(c);
        } else if (c == ' ' && !noPlus) {
          out.append('+');
        } else {
          hex(out, c);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The result of {@link #unescapePath}: the decoded path, or an HTTP status for an error. */
  public record Unescaped(String path, int errorStatus) {}

  /**
   * {@code ap_unescape_url} with {@code AllowEncodedSlashes Off}: a bad escape is 400; an escaped
   * slash or NUL is 404 (the decoding still goes on, so r->uri shows the decoded text).
   */
  public static Unescaped unescapePath(String s) {
    if (s.indexOf('%') < 0) {
      return new Unescaped(s, 0);
    }
    StringBuilder out = new StringBuilder(s.length());
    int error = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        char d =
            (char)
                (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        if (d == '/' || d == '\0') {
          error = error == 0 ? 404 : error;
        }
        out.append(d);
        i += 2;
      } else {
        error = 400;
        out.append(c);
      }
    }
    return new Unescaped(out.toString(), error);
  }

  /** Decodes %XX escapes, leaving bad ones as they are (for variables and query strings). */
  public static String unescapeLenient(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        out.append(
            (char)
                (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16)));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  public static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
