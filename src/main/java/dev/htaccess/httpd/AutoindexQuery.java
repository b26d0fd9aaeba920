package dev.htaccess.httpd;

/**
 * The query string of a mod_autoindex listing as index_directory reads it: {@code C=} (sort key: N,
 * M, S or D), {@code O=} (A or D), {@code F=} (0, 1, 2) and {@code V=} (0, 1), each one character
 * followed by {@code &}, {@code ;} or the end; {@code P=} a pattern up to the next separator. At
 * the first thing it does not understand it ignores the rest.
 *
 * @param key the sort key, N by default
 * @param descending O=D
 * @param pattern the P= pattern, still %-encoded, or null
 */
public record AutoindexQuery(char key, boolean descending, String pattern) {

  public static AutoindexQuery parse(String args) {
    char key = 'N';
    boolean descending = false;
    String pattern = null;
    String q = args == null ? "" : args;
    int i = 0;
    while (i < q.length()) {
      char name = q.charAt(i);
      boolean eq = i + 1 < q.length() && q.charAt(i + 1) == '=';
      char value = i + 2 < q.length() ? q.charAt(i + 2) : '\0';
      boolean endsThere = i + 3 >= q.length() || q.charAt(i + 3) == '&' || q.charAt(i + 3) == ';';
      if (eq && name == 'C' && "NMSD".indexOf(value) >= 0 && value != '\0' && endsThere) {
        key = value;
        i += 4;
      } else if (eq && name == 'O' && (value == 'A' || value == 'D') && endsThere) {
        descending = value == 'D';
        i += 4;
      } else if (eq && name == 'F' && "012".indexOf(value) >= 0 && value != '\0' && endsThere) {
        i += 4;
      } else if (eq && name == 'V' && (value == '0' || value == '1') && endsThere) {
        i += 4;
      } else if (eq && name == 'P') {
        int end = i + 2;
        while (end < q.length() && q.charAt(end) != '&' && q.charAt(end) != ';') {
          end++;
        }
        pattern = end == i + 2 ? null : q.substring(i + 2, end);
        i = end + 1;
      } else {
        break; // a syntax error: the rest is ignored
      }
    }
    return new AutoindexQuery(key, descending, pattern);
  }
}
