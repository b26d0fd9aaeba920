package dev.htaccess.httpd;

import dev.htaccess.source.RawText;

/**
 * mod_vhost_alias's format strings ({@code VirtualDocumentRoot /srv/%-2/%1}): what the directive
 * accepts, and the directory a host name makes of one. The name is split at its dots into parts (at
 * most 19 dots count, as in the module); {@code %N} is part N, {@code %-N} part N from the end,
 * {@code %N+} part N and the rest, {@code %0} the whole name; {@code .M} after it takes character M
 * of that (from the end with {@code .-M}, with the rest with {@code M+}); a part or character that
 * is not there is {@code _}; {@code %p} is the port and {@code %%} a percent sign. The name's
 * characters are put in lower case, and a trailing slash is dropped.
 */
public final class VhostAliasFormat {

  private VhostAliasFormat() {}

  /** The module's MAXDOTS: dots past the 19th do not split the name. */
  private static final int MAX_DOTS = 19;

  /**
   * Apache's error for a format the directive refuses, or null when it takes it ({@code none}, in
   * any case, turns the directive off).
   */
  public static String error(String format) {
    if (!format.startsWith("/")) {
      return format.equalsIgnoreCase("none")
          ? null
          : "format string must be an absolute path, or 'none'";
    }
    int p = 0;
    int n = format.length();
    while (p < n) {
      if (format.charAt(p++) != '%') {
        continue;
      }
      if (p < n && (format.charAt(p) == 'p' || format.charAt(p) == '%')) {
        p++;
        continue;
      }
      p = part(format, p); // N
      if (p >= 0 && p < n && format.charAt(p) == '.') {
        p = part(format, p + 1); // .M
      }
      if (p < 0) {
        return "syntax error in format string";
      }
    }
    return null;
  }

  /** After {@code -}, a digit and {@code +} (the first and last optional) at {@code p}; -1 else. */
  private static int part(String format, int p) {
    int n = format.length();
    if (p < n && format.charAt(p) == '-') {
      p++;
    }
    if (p >= n || !isDigit(format.charAt(p))) {
      return -1;
    }
    p++;
    return p < n && format.charAt(p) == '+' ? p + 1 : p;
  }

  /** Whether the format turns the directive off ({@code none}). */
  public static boolean isNone(String format) {
    return !format.startsWith("/");
  }

  /**
   * The document root {@code format} makes of {@code name} (the server name, or the local IP
   * address for the IP variants) and {@code port}. The format must be one {@link #error} accepts.
   */
  public static String interpolate(String format, String name, int port) {
    // dots[0] is "just before the name", dots[ndots] its end, the others the dots between parts
    int[] dots = new int[MAX_DOTS + 1];
    int ndots = 0;
    dots[ndots++] = -1;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) == '.' && ndots < MAX_DOTS) {
        dots[ndots++] = i;
      }
    }
    dots[ndots] = name.length();
    StringBuilder out = new StringBuilder();
    int m = 0;
    int len = format.length();
    while (m < len) {
      char c = format.charAt(m);
      if (c != '%') {
        out.append(c);
        m++;
        continue;
      }
      m++;
      if (format.charAt(m) == '%') {
        out.append('%');
        m++;
        continue;
      }
      if (format.charAt(m) == 'p') {
        out.append(port);
        m++;
        continue;
      }
      boolean nDash = false;
      boolean nPlus = false;
      boolean mDash = false;
      boolean mPlus = false;
      int nth;
      int mth = 0;
      if (format.charAt(m) == '-') {
        nDash = true;
        m++;
      }
      nth = format.charAt(m++) - '0';
      if (m < len && format.charAt(m) == '+') {
        nPlus = true;
        m++;
      }
      if (m < len && format.charAt(m) == '.') {
        m++;
        if (format.charAt(m) == '-') {
          mDash = true;
          m++;
        }
        mth = format.charAt(m++) - '0';
        if (m < len && format.charAt(m) == '+') {
          mPlus = true;
          m++;
        }
      }
      // the part: [start, end) of the name, or "_" when there is none
      String text = name;
      int start = dots[0] + 1;
      int end = dots[ndots];
      if (nth != 0) {
        if (nth > ndots) {
          text = "_";
          start = 0;
          end = 1;
        } else if (!nDash) {
          start = dots[nth - 1] + 1;
          if (!nPlus) {
            end = dots[nth];
          }
        } else {
          if (!nPlus) {
            start = dots[ndots - nth] + 1;
          }
          end = dots[ndots - nth + 1];
        }
      }
      if (mth != 0) {
        if (mth > end - start) {
          text = "_";
          start = 0;
          end = 1;
        } else if (!mDash) {
          start = start + mth - 1;
          if (!mPlus) {
            end = start + 1;
          }
        } else {
          if (!mPlus) {
            start = end - mth;
          }
          end = end - mth + 1;
        }
      }
      out.append(RawText.asciiLower(text.substring(start, end)));
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) == '/') {
      out.setLength(out.length() - 1); // "no double slashes": the URI adds its own
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
