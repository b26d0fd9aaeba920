package dev.htaccess.httpd;

import dev.htaccess.source.RawText;

/**
 * A request's host and port as the virtual host sees them (UseCanonicalName Off): the Host header,
 * or the server's name when there is none.
 *
 * @param name the host name in lower case, brackets kept for an IPv6 literal ({@code [::1]})
 * @param port the port after the last colon, or the scheme's default
 * @param explicitPort whether the header named a port
 */
public record HostHeader(String name, int port, boolean explicitPort) {

  /**
   * Splits {@code host[:port]}. A colon inside an IPv6 literal's brackets is not a port separator,
   * and a "port" that is not all digits (or too long to be one) stays part of the name.
   */
  public static HostHeader parse(String header, boolean https) {
    int defaultPort = https ? 443 : 80;
    int colon = header.lastIndexOf(':');
    if (colon > 0
        && header.indexOf(']') < colon
        && colon < header.length() - 1
        && colon >= header.length() - 10
        && allDigits(header, colon + 1)) {
      return new HostHeader(
          RawText.asciiLower(header.substring(0, colon)),
          Integer.parseInt(header.substring(colon + 1)),
          true);
    }
    return new HostHeader(RawText.asciiLower(header), defaultPort, false);
  }

  private static boolean allDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
