package dev.htaccess.eval;

import java.util.Locale;
import java.util.Map;

/**
 * A request a script handler takes: what mod_proxy_fcgi (or mod_php) is handed once Apache's
 * request processing is done. Strings are byte strings (one char per byte).
 *
 * @param handler the handler name: {@code proxy:fcgi://host:port/}, {@code
 *     proxy:unix:/path.sock|fcgi://...}, or a PHP handler name such as {@code
 *     application/x-httpd-php}
 * @param scriptFilename the script's absolute path ({@code r->filename}); it need not exist
 * @param pathInfo PATH_INFO, possibly empty
 * @param pathTranslated PATH_TRANSLATED (a subrequest's filename plus path info), or null
 * @param env the request's environment at handler time: SetEnvIf, [E=], SetEnv, and the {@code
 *     REDIRECT_} variables of internal redirects
 * @param passAuth CGIPassAuth On: the Authorization header is passed as HTTP_AUTHORIZATION
 */
public record ScriptCall(
    String handler,
    String scriptFilename,
    String pathInfo,
    String pathTranslated,
    Map<String, String> env,
    boolean passAuth) {

  public ScriptCall {
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }

  /**
   * True for handlers that run a script: mod_proxy_fcgi's {@code proxy:...fcgi://} handlers, and
   * the handler names PHP's Apache module answers to ({@code application/x-httpd-php}, {@code
   * php-script}, versioned variants such as {@code application/x-httpd-php82}), which {@code serve}
   * sends to its PHP backend.
   */
  public static boolean isScriptHandler(String handler) {
    String h = handler.toLowerCase(Locale.ROOT);
    if (h.startsWith("proxy:")) {
      return h.contains("fcgi://");
    }
    return h.startsWith("application/x-httpd-php")
        || h.startsWith("x-httpd-php")
        || h.matches("php[0-9.]*-script");
  }

  /**
   * The FastCGI address of a {@code proxy:} handler ({@code host:port} or {@code unix:path}), else
   * null.
   */
  public String fastCgiAddress() {
    String h = handler;
    if (!h.regionMatches(true, 0, "proxy:", 0, 6)) {
      return null;
    }
    String rest = h.substring(6);
    if (rest.regionMatches(true, 0, "unix:", 0, 5)) {
      int bar = rest.indexOf('|');
      return bar < 0 ? rest : rest.substring(0, bar);
    }
    if (rest.regionMatches(true, 0, "fcgi://", 0, 7)) {
      String hostPort = rest.substring(7);
      int slash = hostPort.indexOf('/');
      if (slash >= 0) {
        hostPort = hostPort.substring(0, slash);
      }
      return hostPort.contains(":") ? hostPort : hostPort + ":8000";
    }
    return null;
  }

  ScriptCall withTranslation(String translated, Map<String, String> finalEnv) {
    return new ScriptCall(handler, scriptFilename, pathInfo, translated, finalEnv, passAuth);
  }
}
