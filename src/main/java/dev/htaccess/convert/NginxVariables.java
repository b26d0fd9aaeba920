package dev.htaccess.convert;

import java.util.Locale;
import java.util.Map;

/**
 * mod_rewrite's server variables as nginx variables, where nginx has one with the same value. Each
 * is the value Apache gives in a .htaccess (per-directory) context: {@code REQUEST_URI} is the
 * current decoded path (nginx's {@code $uri}), not the request line's target.
 */
final class NginxVariables {

  private NginxVariables() {}

  private static final Map<String, String> SAME =
      Map.ofEntries(
          Map.entry("REQUEST_URI", "$uri"),
          Map.entry("REQUEST_FILENAME", "$request_filename"),
          Map.entry("SCRIPT_FILENAME", "$request_filename"),
          Map.entry("QUERY_STRING", "$args"),
          Map.entry("HTTP_HOST", "$http_host"),
          Map.entry("HTTP_USER_AGENT", "$http_user_agent"),
          Map.entry("HTTP_REFERER", "$http_referer"),
          Map.entry("HTTP_COOKIE", "$http_cookie"),
          Map.entry("HTTP_ACCEPT", "$http_accept"),
          Map.entry("HTTP_FORWARDED", "$http_forwarded"),
          Map.entry("HTTP_PROXY_CONNECTION", "$http_proxy_connection"),
          Map.entry("REMOTE_ADDR", "$remote_addr"),
          Map.entry("REMOTE_PORT", "$remote_port"),
          Map.entry("REQUEST_METHOD", "$request_method"),
          Map.entry("SERVER_PORT", "$server_port"),
          Map.entry("SERVER_ADDR", "$server_addr"),
          Map.entry("SERVER_PROTOCOL", "$server_protocol"),
          Map.entry("DOCUMENT_ROOT", "$document_root"),
          Map.entry("SERVER_NAME", "$host"),
          Map.entry("THE_REQUEST", "$request"),
          Map.entry("REQUEST_SCHEME", "$scheme"),
          // mod_rewrite's HTTPS is "on" or "off"; nginx's $https is "on" or empty: a map at the
          // http level (NginxConverter.PRELUDE) gives Apache's values.
          Map.entry("HTTPS", "$htaccess_https"));

  /**
   * The nginx variable holding {@code %{name}}, or null when nginx has none with the same value.
   * {@code HTTP:Header} is the request header ({@code $http_header}, dashes as underscores).
   */
  static String of(String name) {
    if (name.regionMatches(true, 0, "HTTP:", 0, 5)) {
      String header = name.substring(5);
      if (header.isEmpty() || !header.matches("[A-Za-z0-9_-]+")) {
        return null;
      }
      return "$http_" + header.toLowerCase(Locale.ROOT).replace('-', '_');
    }
    return SAME.get(name.toUpperCase(Locale.ROOT));
  }
}
