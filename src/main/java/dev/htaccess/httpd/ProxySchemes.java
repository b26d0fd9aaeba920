package dev.htaccess.httpd;

import dev.htaccess.source.RawText;
import java.util.Map;
import java.util.Optional;

/**
 * Which of mod_proxy's submodules takes a URL of each scheme, and the facts of the schemes
 * mod_proxy_http handles itself. Without the submodule of its scheme loaded, a request that
 * mod_proxy is handed is a 500 (AH01144, "No protocol handler was valid").
 */
public final class ProxySchemes {

  /** The submodule (canonical module name) whose scheme handler takes each scheme. */
  private static final Map<String, String> HANDLER =
      Map.ofEntries(
          Map.entry("http", "proxy_http"),
          Map.entry("https", "proxy_http"),
          // since 2.4.47 mod_proxy_http also handles the WebSocket schemes (and their Upgrade)
          Map.entry("ws", "proxy_http"),
          Map.entry("wss", "proxy_http"),
          Map.entry("ftp", "proxy_ftp"),
          Map.entry("fcgi", "proxy_fcgi"),
          Map.entry("ajp", "proxy_ajp"),
          Map.entry("scgi", "proxy_scgi"),
          Map.entry("uwsgi", "proxy_uwsgi"),
          Map.entry("h2", "proxy_http2"),
          Map.entry("h2c", "proxy_http2"),
          Map.entry("balancer", "proxy_balancer"));

  private ProxySchemes() {}

  /** The submodule that handles {@code scheme} (any case), if any does. */
  public static Optional<String> handler(String scheme) {
    return Optional.ofNullable(HANDLER.get(RawText.asciiLower(scheme)));
  }

  /**
   * mod_proxy_http's get_url_scheme: the lower-case scheme of a URL it canonicalises and forwards
   * ({@code http:}, {@code https:}, {@code ws:}, {@code wss:}, in any case), or null.
   */
  public static String httpScheme(String url) {
    for (String s : new String[] {"https", "http", "wss", "ws"}) {
      if (url.length() > s.length()
          && url.regionMatches(true, 0, s, 0, s.length())
          && url.charAt(s.length()) == ':') {
        return s;
      }
    }
    return null;
  }

  /** Whether the scheme runs over TLS. */
  public static boolean secure(String scheme) {
    return scheme.equals("https") || scheme.equals("wss");
  }

  /** The port a URL of the scheme means when it names none. */
  public static int defaultPort(String scheme) {
    return secure(scheme) ? 443 : 80;
  }
}
