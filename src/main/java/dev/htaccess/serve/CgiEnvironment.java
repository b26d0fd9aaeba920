package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.ScriptCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CGI/1.1 environment Apache hands a script (util_script.c's ap_add_common_vars and
 * ap_add_cgi_vars, as mod_proxy_fcgi and mod_cgi call them), in Apache's order: the request's
 * environment variables, the request headers as {@code HTTP_*}, the server and connection, then the
 * CGI variables. Values are byte strings (one char per byte). Checked against what Apache 2.4 sends
 * php-fpm (a FastCGI listener that records the parameters; see the README).
 */
final class CgiEnvironment {

  private CgiEnvironment() {}

  /** What the connection and server contribute; the rest comes from the evaluation. */
  record Connection(
      String method,
      String originalTarget,
      List<String[]> headers,
      boolean https,
      String remoteAddr,
      int remotePort,
      String localAddr,
      String serverName,
      int serverPort,
      String documentRoot,
      String path) {}

  /** SERVER_SOFTWARE: PHP applications look for "Apache" here (WordPress does, for rewrites). */
  static final String SERVER_SOFTWARE = "Apache/2.4 (htaccess serve)";

  /**
   * @param scriptFilenamePrefix what precedes the file name in SCRIPT_FILENAME: mod_proxy_fcgi
   *     sends {@code proxy:fcgi://host:port/path}, which php-fpm strips; empty for php-cgi
   */
  static List<String[]> build(
      Outcome o, ScriptCall call, Connection c, String scriptFilenamePrefix, boolean fastCgi) {
    Map<String, String> e = new LinkedHashMap<>();
    e.putAll(call.env());
    if (c.https()) {
      e.put("HTTPS", "on");
    }
    if (fastCgi) {
      // mod_proxy_fcgi closes its backend connection after each request, and says so here.
      e.put("proxy-nokeepalive", "1");
    }
    Map<String, String> fromHeaders = new LinkedHashMap<>();
    for (String[] h : c.headers()) {
      String name = h[0];
      String lower = name.toLowerCase(Locale.ROOT);
      String key;
      if (lower.equals("content-type")) {
        key = "CONTENT_TYPE";
      } else if (lower.equals("content-length")) {
        key = "CONTENT_LENGTH";
      } else if (lower.equals("authorization") || lower.equals("proxy-authorization")) {
        if (!call.passAuth()) {
          continue;
        }
        key = httpName(name);
      } else if (lower.equals("proxy")) {
        continue; // httpoxy: Apache never passes a Proxy header as HTTP_PROXY
      } else {
        key = httpName(name);
      }
      if (key == null) {
        continue; // a name with characters other than letters, digits and '-' is dropped
      }
      fromHeaders.merge(key, h[1], (a, b) -> a + ", " + b);
    }
    // Repeated headers are joined; a header replaces a variable of the same name.
    e.putAll(fromHeaders);
    e.put("PATH", c.path());
    e.put("SERVER_SIGNATURE", "");
    e.put("SERVER_SOFTWARE", SERVER_SOFTWARE);
    e.put("SERVER_NAME", c.serverName());
    e.put("SERVER_ADDR", c.localAddr());
    e.put("SERVER_PORT", Integer.toString(c.serverPort()));
    e.put("REMOTE_ADDR", c.remoteAddr());
    e.put("DOCUMENT_ROOT", c.documentRoot());
    e.put("REQUEST_SCHEME", c.https() ? "https" : "http");
    e.put("CONTEXT_PREFIX", "");
    e.put("CONTEXT_DOCUMENT_ROOT", c.documentRoot());
    e.put("SERVER_ADMIN", "[no address given]");
    e.put("SCRIPT_FILENAME", scriptFilenamePrefix + call.scriptFilename());
    e.put("REMOTE_PORT", Integer.toString(c.remotePort()));
    if (call.redirectUrl() != null) {
      e.put("REDIRECT_URL", call.redirectUrl());
      if (call.redirectQuery() != null) {
        e.put("REDIRECT_QUERY_STRING", call.redirectQuery());
      }
    }
    e.put("GATEWAY_INTERFACE", "CGI/1.1");
    e.put("SERVER_PROTOCOL", "HTTP/1.1");
    e.put("REQUEST_METHOD", c.method());
    e.put("QUERY_STRING", o.query() == null ? "" : o.query());
    e.put("REQUEST_URI", c.originalTarget());
    String uri = o.uri();
    String pathInfo = call.pathInfo();
    if (!pathInfo.isEmpty() && uri.endsWith(pathInfo)) {
      e.put("SCRIPT_NAME", uri.substring(0, uri.length() - pathInfo.length()));
    } else {
      e.put("SCRIPT_NAME", uri);
    }
    if (!pathInfo.isEmpty()) {
      e.put("PATH_INFO", pathInfo);
      if (call.pathTranslated() != null) {
        e.put("PATH_TRANSLATED", call.pathTranslated());
      }
    }
    List<String[]> out = new ArrayList<>(e.size());
    for (Map.Entry<String, String> x : e.entrySet()) {
      out.add(new String[] {x.getKey(), x.getValue()});
    }
    return out;
  }

  /** {@code User-Agent} → {@code HTTP_USER_AGENT}; null for names Apache drops. */
  static String httpName(String header) {
    StringBuilder b = new StringBuilder("HTTP_");
    for (int i = 0; i < header.length(); i++) {
      char ch = header.charAt(i);
      if (ch == '-') {
        b.append('_');
      } else if (ch < 0x80 && Character.isLetterOrDigit(ch)) {
        b.append(Character.toUpperCase(ch));
      } else {
        return null;
      }
    }
    return b.toString();
  }
}
