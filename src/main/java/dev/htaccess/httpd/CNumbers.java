package dev.htaccess.httpd;

/** Numbers read the way Apache's C code reads them. */
public final class CNumbers {

  private CNumbers() {}

  /**
   * C's {@code atoi}: leading white space (C's isspace), an optional sign, then ASCII digits; 0
   * when there are none, clamped to the int range instead of overflowing.
   */
  public static int atoi(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long value = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      value = Math.min(Integer.MAX_VALUE, value * 10 + (s.charAt(i) - '0'));
      i++;
    }
    return (int) (negative ? -value : value);
  }

  /** C's isspace in the C locale: space, tab, newline, vertical tab, form feed, return. */
  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }
}
