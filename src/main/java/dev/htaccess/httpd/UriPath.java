package dev.htaccess.httpd;

/**
 * What the core does to a request's URL path before any module sees it
 * (ap_process_request_internal), for a client's request and alike for every internal redirect and
 * subrequest: ap_normalize_path with {@code %}-escapes of unreserved characters decoded, repeated
 * slashes merged (MergeSlashes On) and {@code ..} not allowed above the root, then
 * ap_unescape_url_ex keeping what the first pass left and refusing an encoded slash
 * (AllowEncodedSlashes Off). The path is a byte string and is changed in place as httpd changes its
 * buffer, so a refused path reads as httpd left it.
 */
public final class UriPath {

  private UriPath() {}

  /**
   * The processed path.
   *
   * @param uri {@code r->uri} after the processing (as far as it went)
   * @param status 0, or the status that refuses the path: 400 for a bad escape or a {@code ..}
   *     above the root, 404 for an encoded slash or NUL
   */
  public record Result(String uri, int status) {}

  /** Processes a path as it came in a request line or an internal redirect (escaped). */
  public static Result process(String path) {
    StringBuilder buffer = new StringBuilder(path);
    if (!normalize(buffer)) {
      return new Result(buffer.toString(), 400);
    }
    int status = unescape(buffer);
    return new Result(buffer.toString(), status);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static char hexPair(CharSequence s, int i) {
    return (char) (Character.digit(s.charAt(i), 16) * 16 + Character.digit(s.charAt(i + 1), 16));
  }

  private static char at(StringBuilder p, int i) {
    return i < p.length() ? p.charAt(i) : '\0';
  }

  private static boolean slashOrEnd(char c) {
    return c == '/' || c == '\0';
  }

  /**
   * ap_normalize_path(DECODE_UNRESERVED | MERGE_SLASHES | NOT_ABOVE_ROOT): false when the path is
   * refused (it is still normalized as far as httpd normalizes it).
   */
  static boolean normalize(StringBuilder p) {
    if (p.length() == 0 || p.charAt(0) != '/') {
      return p.length() == 1 && p.charAt(0) == '*';
    }
    boolean ok = true;
    int l = 1;
    int w = 1;
    while (l < p.length()) {
      if (p.charAt(l) == '%') {
        if (isHex(at(p, l + 1)) && isHex(at(p, l + 2))) {
          char c = hexPair(p, l + 1);
          if (isUnreserved(c)) {
            l += 2;
            p.setCharAt(l, c);
          }
        } else {
          ok = false; // an invalid escape
        }
      }
      if (w == 0 || p.charAt(w - 1) == '/') {
        if (p.charAt(l) == '/') {
          do {
            l++;
          } while (l < p.length() && p.charAt(l) == '/');
          continue;
        }
        if (p.charAt(l) == '.') {
          if (slashOrEnd(at(p, l + 1))) {
            l++;
            if (l < p.length()) {
              l++;
            }
            continue;
          }
          int n = l + 1;
          boolean dotDot = at(p, n) == '.';
          if (!dotDot && at(p, n) == '%' && at(p, n + 1) == '2') {
            char e = at(p, n + 2);
            if (e == 'e' || e == 'E') {
              n += 2;
              dotDot = true;
            }
          }
          if (dotDot && slashOrEnd(at(p, n + 1))) {
            if (w > 1) {
              do {
                w--;
              } while (w > 0 && p.charAt(w - 1) != '/');
            } else {
              ok = false; // above the root
            }
            l = n + 1;
            if (l < p.length()) {
              l++;
            }
            continue;
          }
        }
      }
      p.setCharAt(w++, p.charAt(l++));
    }
    p.setLength(w);
    return ok;
  }

  /**
   * ap_unescape_url_ex(KEEP_UNRESERVED | FORBID_SLASHES): 400 for a bad escape, 404 for an encoded
   * slash or NUL (decoding goes on), else 0.
   */
  static int unescape(StringBuilder p) {
    if (p.indexOf("%") < 0) {
      return 0;
    }
    boolean badEscape = false;
    boolean badPath = false;
    StringBuilder out = new StringBuilder(p.length());
    for (int y = 0; y < p.length(); y++) {
      char c = p.charAt(y);
      if (c != '%') {
        out.append(c);
      } else if (!isHex(at(p, y + 1)) || !isHex(at(p, y + 2))) {
        badEscape = true;
        out.append('%');
      } else {
        char decoded = hexPair(p, y + 1);
        if (decoded == '\0' || decoded == '/') {
          badPath = true;
          out.append(decoded);
          y += 2;
        } else if (isUnreserved(decoded)) {
          out.append(p, y, y + 3);
          y += 2;
        } else {
          out.append(decoded);
          y += 2;
        }
      }
    }
    p.setLength(0);
    p.append(out);
    return badEscape ? 400 : badPath ? 404 : 0;
  }
}
