package dev.htaccess.httpd;

/**
 * What httpd lets through as a response header value (http_filters.c, check_header): no control
 * character but TAB, except a CRLF followed by a space or TAB (an obsolete line folding). A
 * response with any other value is not sent: the request is aborted with a 500.
 */
public final class HeaderValues {

  private HeaderValues() {}

  /** Whether httpd would send {@code value} (a byte string) as a header value. */
  public static boolean sendable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        boolean fold =
            c == '\r'
                && i + 2 < value.length()
                && value.charAt(i + 1) == '\n'
                && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t');
        if (!fold) {
          return false;
        }
        i++; // the LF of the folding
      }
    }
    return true;
  }

  /**
   * Whether httpd would send a header of this name: an HTTP token (ap_scan_http_token, under the
   * default strict HttpProtocolOptions); an empty name or one with a space aborts the response.
   */
  public static boolean sendableName(String name) {
    return RequestHead.isToken(name);
  }
}
