package dev.htaccess.eval.proxy;

import dev.htaccess.eval.trace.TraceEvent.Refusal.Reason;
import dev.htaccess.httpd.InetLiterals;
import dev.htaccess.httpd.ProxySchemes;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.source.RawText;

/**
 * mod_proxy's fixup (ap_proxy_canon_url): a {@code unix:/path|} prefix is put aside as the socket
 * to connect to, then mod_proxy_http's canon handler rewrites an http, https, ws or wss URL into
 * its canonical form: scheme and host in lower case, the default port and any user information
 * dropped, the path escaped (every {@code %} too: a reverse proxy does not decode), the query
 * appended. URLs of other schemes are left as they are, for their own handlers.
 */
public final class ProxyCanon {

  /** The outcome: the canonical URL, or the status mod_proxy answers instead. */
  public sealed interface Result {}

  /**
   * The URL mod_proxy's scheme handler gets.
   *
   * @param udsPath the Unix socket to connect to ({@code unix:} URLs), or null
   */
  public record Canonical(String url, String udsPath) implements Result {}

  /** The request is refused while the URL is canonicalised. */
  public record Refused(int status, Reason reason) implements Result {}

  /** What the path keeps unescaped ({@code enc_path}); {@code /} is always kept. */
  private static final String PATH_ALLOWED = "~$-_.+!*'(),;:@&=";

  private static final String UPPER_HEX = "0123456789ABCDEF";

  private ProxyCanon() {}

  /** Canonicalises the target with mod_proxy_http loaded (or not). */
  public static Result canonicalise(ProxyTarget target, boolean proxyHttpLoaded) {
    String url = target.url();
    String uds = null;
    if (url.regionMatches(true, 0, "unix:", 0, 5) && url.indexOf('|', 5) >= 0) {
      int bar = url.indexOf('|', 5);
      uds = socketPath(url.substring(5, bar));
      String origin = url.substring(bar + 1);
      int colon = origin.indexOf(':');
      if (uds == null || colon < 0) {
        return new Refused(400, Reason.PROXY_BAD_UDS);
      }
      url = withLocalhost(origin, colon);
    }
    String scheme = proxyHttpLoaded ? ProxySchemes.httpScheme(url) : null;
    if (scheme == null) {
      int colon = url.indexOf(':');
      return colon <= 0 ? new Refused(400, Reason.PROXY_BAD_URL) : new Canonical(url, uds);
    }
    Result r = httpCanon(scheme, url.substring(scheme.length() + 1), target);
    return r instanceof Canonical c ? new Canonical(c.url(), uds) : r;
  }

  /** The socket of {@code unix:PATH}, as apr_uri_parse reads it: a path, no host; or null. */
  private static String socketPath(String spec) {
    String path = spec;
    if (spec.startsWith("//")) {
      int slash = spec.indexOf('/', 2);
      if (slash != 2 && !(slash < 0 && spec.length() == 2)) {
        return null; // a host name: not a socket path
      }
      path = slash < 0 ? "" : spec.substring(slash);
    }
    return path.isEmpty() ? null : path;
  }

  /**
   * The origin URL after the socket, with {@code localhost} as its host when it has none ({@code
   * scheme:}, {@code scheme:/path}, {@code scheme:///path}, {@code scheme://}).
   */
  private static String withLocalhost(String origin, int colon) {
    int n = origin.length();
    if (colon + 1 == n) {
      return origin + "//localhost";
    }
    char c1 = origin.charAt(colon + 1);
    char c2 = colon + 2 < n ? origin.charAt(colon + 2) : '\0';
    char c3 = colon + 3 < n ? origin.charAt(colon + 3) : '\0';
    if (c1 == '/' && (c2 != '/' || c3 == '/' || c3 == '\0')) {
      String scheme = origin.substring(0, colon);
      String path = c2 != '/' ? origin.substring(colon + 1) : origin.substring(colon + 3);
      return scheme + "://localhost" + path;
    }
    return origin;
  }

  /** proxy_http_canon on {@code rest}, the URL after {@code scheme:}. */
  private static Result httpCanon(String scheme, String rest, ProxyTarget target) {
    if (!rest.startsWith("//")) {
      return new Refused(400, Reason.PROXY_BAD_URL);
    }
    int slash = rest.indexOf('/', 2);
    String netloc = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
    String rawPath = slash < 0 ? "" : rest.substring(slash + 1);
    int at = netloc.lastIndexOf('@');
    if (at >= 0) {
      // user information is checked, then dropped: it is not sent upstream
      if (!validEscapes(netloc.substring(0, at))) {
        return new Refused(400, Reason.PROXY_BAD_URL);
      }
      netloc = netloc.substring(at + 1);
    }
    HostPort hp = HostPort.parse(netloc);
    if (hp == null) {
      return new Refused(400, Reason.PROXY_BAD_URL);
    }
    String path;
    String search = null;
    if (target.noCanon()) {
      path = rawPath;
    } else if (target.noEncode()) {
      path = rawPath;
      search = target.args();
    } else {
      path = escapePath(rawPath);
      search = target.args();
    }
    if ((target.noCanon() || target.noEncode()) && !visible(path)) {
      return new Refused(403, Reason.PROXY_PATH_CONTROLS);
    }
    if (search != null && !visible(search)) {
      return new Refused(403, Reason.PROXY_QUERY_CONTROLS);
    }
    int port = hp.port() == 0 ? ProxySchemes.defaultPort(scheme) : hp.port();
    String host = hp.host().indexOf(':') >= 0 ? "[" + hp.host() + "]" : hp.host();
    String sport = port == ProxySchemes.defaultPort(scheme) ? "" : ":" + port;
    return new Canonical(
        scheme + "://" + host + sport + "/" + path + (search != null ? "?" + search : ""), null);
  }

  /** A host and port as apr_parse_addr_port reads them (port 0: none given). */
  private record HostPort(String host, int port) {

    static HostPort parse(String s) {
      int last = s.length() - 1;
      int ch = last;
      while (ch >= 0 && Character.isDigit(s.charAt(ch)) && s.charAt(ch) < 0x80) {
        ch--;
      }
      if (ch < 0) {
        return null; // only a port (or nothing): no host
      }
      int port = 0;
      if (s.charAt(ch) == ':' && ch < last) {
        port = portNumber(s.substring(ch + 1));
        if (ch == 0 || port == 0) {
          return null;
        }
        last = ch - 1;
      }
      String host = s.substring(0, last + 1);
      if (host.startsWith("[")) {
        int end = host.indexOf(']');
        if (end != host.length() - 1 || host.indexOf('%') >= 0) {
          return null; // no closing bracket at the end, or a scope id
        }
        host = host.substring(1, end);
        if (!InetLiterals.isIpv6(host)) {
          return null;
        }
      }
      return new HostPort(RawText.asciiLower(host), port);
    }

    /** atoi, then the range check: 0 for a port out of 1..65535. */
    private static int portNumber(String digits) {
      long value = 0;
      for (int i = 0; i < digits.length() && value <= 65535; i++) {
        value = value * 10 + (digits.charAt(i) - '0');
      }
      return value >= 1 && value <= 65535 ? (int) value : 0;
    }
  }

  /** ap_proxy_canonenc for a reverse proxy's path: nothing decoded, upper-case escapes. */
  static String escapePath(String path) {
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/' || UrlEscaping.isAlnum(c) || PATH_ALLOWED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(UPPER_HEX.charAt((c >> 4) & 0xf)).append(UPPER_HEX.charAt(c & 0xf));
      }
    }
    return out.toString();
  }

  /** Whether user information decodes (every {@code %} followed by two hex digits). */
  private static boolean validEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%') {
        if (i + 2 >= s.length()
            || !UrlEscaping.isHex(s.charAt(i + 1))
            || !UrlEscaping.isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean visible(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!UrlEscaping.isVcharOrObsText(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
