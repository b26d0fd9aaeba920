package dev.htaccess.eval;

import java.util.List;
import java.util.Locale;

/**
 * One request to simulate, as a client would send it.
 *
 * @param method the request method, e.g. {@code GET}
 * @param target the request target exactly as sent (a byte string), %-escapes included
 * @param headers the request headers in order (a Host header is added when none is given)
 * @param https whether the connection is TLS
 * @param remoteAddr the client's address
 */
public record RequestSpec(
    String method, String target, List<Header> headers, boolean https, String remoteAddr) {

  public RequestSpec {
    headers = List.copyOf(headers);
  }

  /** A request header. */
  public record Header(String name, String value) {}

  /** The first header with this name (case-insensitive), or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** The method in upper case. */
  public String upperMethod() {
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 0x80) {
        return method.toUpperCase(Locale.ROOT);
      }
    }
    return method; // as sent, almost always
  }
}
