package dev.htaccess.httpd;

import dev.htaccess.source.RawText;

/**
 * A request's host and port as the core reads the Host header (vhost.c, fix_hostname, with
 * HttpProtocolOptions' default Strict): the port split off (apr_parse_addr_port), the name lower-
 * cased and its trailing dot dropped, and the header refused (a 400) when the port is not 1-65535,
 * the name is purely numeric, holds a character other than letters, digits, {@code -}, {@code _}
 * and single dots, is a dotted quad with a leading zero, or has a top-level label that does not
 * start with a letter. IPv6 literals are written in brackets.
 *
 * @param name the host name as Apache keeps it (r->hostname): lower case, no trailing dot, an IPv6
 *     literal in brackets
 * @param port the port after the name, or the scheme's default
 * @param explicitPort whether the header named a port
 * @param valid false when Apache refuses the header with a 400
 */
public record HostHeader(String name, int port, boolean explicitPort, boolean valid) {

  /** The scheme's default port. */
  public static int defaultPort(boolean https) {
    return https ? 443 : 80;
  }

  /** Reads a Host header's value. */
  public static HostHeader parse(String header, boolean https) {
    int defaultPort = defaultPort(https);
    if (header.isEmpty()) {
      // RFC 2616 allows a blank Host: the server's name is used.
      return new HostHeader("", defaultPort, false, true);
    }
    if (allDigits(header, 0, header.length())) {
      return invalid(header, defaultPort);
    }
    String host;
    String portText;
    boolean v6 = header.charAt(0) == '[';
    if (v6) {
      int close = header.indexOf(']');
      if (close < 0) {
        return invalid(header, defaultPort);
      }
      host = header.substring(1, close);
      String rest = header.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return invalid(header, defaultPort);
      }
      portText = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = header.lastIndexOf(':');
      host = colon < 0 ? header : header.substring(0, colon);
      portText = colon < 0 ? null : header.substring(colon + 1);
    }
    int port = defaultPort;
    if (portText != null) {
      port = port(portText);
      if (port == 0) {
        return invalid(header, defaultPort);
      }
    }
    String name = v6 ? v6Literal(host) : nonV6(host);
    if (name == null) {
      return invalid(header, defaultPort);
    }
    return new HostHeader(v6 ? "[" + name + "]" : name, port, portText != null, true);
  }

  private static HostHeader invalid(String header, int defaultPort) {
    return new HostHeader(RawText.asciiLower(header), defaultPort, false, false);
  }

  /** apr_parse_addr_port's port: digits only, 1 to 65535; 0 when it is not one. */
  private static int port(String text) {
    if (text.isEmpty() || !allDigits(text, 0, text.length())) {
      return 0;
    }
    long value = 0;
    for (int i = 0; i < text.length() && value <= 65535; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value >= 1 && value <= 65535 ? (int) value : 0;
  }

  /** fix_hostname_v6_literal: hex digits, colons (one "::" at most) and IPv4 dots; lower case. */
  private static String v6Literal(String host) {
    if (host.isEmpty() || host.indexOf('%') >= 0) {
      return null;
    }
    boolean doubleColon = false;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      char next = i + 1 < host.length() ? host.charAt(i + 1) : '\0';
      if (Character.digit(c, 16) >= 0 && c < 0x80) {
        continue;
      }
      if (c == ':') {
        if (next == ':') {
          if (doubleColon) {
            return null;
          }
          doubleColon = true;
        } else if (next == '.') {
          return null;
        }
      } else if (c == '.') {
        if (next == ':' || next == '.') {
          return null;
        }
      } else {
        return null;
      }
    }
    return RawText.asciiLower(host);
  }

  /** fix_hostname_non_v6 and strict_hostname_check: the name Apache keeps, or null. */
  private static String nonV6(String host) {
    if (host.isEmpty()) {
      return null;
    }
    String lower = RawText.asciiLower(host);
    if (lower.contains("..") || lower.indexOf('/') >= 0 || lower.indexOf('\\') >= 0) {
      return null;
    }
    String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    return strict(name) ? name : null;
  }

  private static boolean strict(String host) {
    boolean dottedDecimal = true;
    boolean leadingZeroes = false;
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if ((c >= 'a' && c <= 'z') || c == '-' || c == '_') {
        dottedDecimal = false;
      } else if (c == '.') {
        dots++;
        if (i + 2 < host.length() && host.charAt(i + 1) == '0' && isDigit(host.charAt(i + 2))) {
          leadingZeroes = true;
        }
      } else if (!isDigit(c)) {
        return false;
      }
    }
    if (dottedDecimal) {
      if (host.startsWith(".")
          || (host.length() > 1 && host.charAt(0) == '0' && isDigit(host.charAt(1)))) {
        leadingZeroes = true;
      }
      return !leadingZeroes && dots == 3;
    }
    // The top-level label must start with a letter (RFC 1123 2.1).
    int lastDot = host.lastIndexOf('.');
    return lastDot < 0
        || lastDot == host.length() - 1
        || (host.charAt(lastDot + 1) >= 'a' && host.charAt(lastDot + 1) <= 'z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return to > from;
  }
}
