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
 * @param method the method the script sees when it is not the request's: GET for an ErrorDocument
 *     (whose request has no body), else null
 * @param redirectUrl after an internal redirect, the previous request's URI (REDIRECT_URL), else
 *     null
 * @param redirectQuery the previous request's query string (REDIRECT_QUERY_STRING), or null
 * @param serverName SERVER_NAME: the Host header's name in lower case (UseCanonicalName Off), else
 *     the site's name
 * @param serverPort SERVER_PORT: the Host header's port, else the scheme's
 */
public record ScriptCall(
    String handler,
    String scriptFilename,
    String pathInfo,
    String pathTranslated,
    Map<String, String> env,
    boolean passAuth,
    String method,
    String redirectUrl,
    String redirectQuery,
    String serverName,
    int serverPort) {

  public ScriptCall {
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }

  /**
   * True for mod_proxy_fcgi's handlers ({@code proxy:fcgi://...}, {@code
   * proxy:unix:...|fcgi://...}). Other handler names run a script only when they are the PHP
   * handler {@code serve} was given: Apache with php-fpm alone serves a file whose handler is
   * {@code application/x-httpd-php} as a plain file (measured), while Debian's php-cgi setup runs
   * exactly that handler through an Action.
   */
  public static boolean isScriptHandler(String handler) {
    String h = handler.toLowerCase(Locale.ROOT);
    return h.startsWith("proxy:") && h.contains("fcgi://");
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

  /** A script handler's call for a file, before what only the end of the request tells. */
  static ScriptCall of(String handler, String scriptFilename, String pathInfo, boolean passAuth) {
    return new ScriptCall(
        handler, scriptFilename, pathInfo, null, Map.of(), passAuth, null, null, null, null, 0);
  }

  /** The call with what is known only when the request's processing is over. */
  ScriptCall completed(
      String translated,
      Map<String, String> finalEnv,
      String method,
      String redirectUrl,
      String redirectQuery,
      String serverName,
      int serverPort) {
    return new ScriptCall(
        handler,
        scriptFilename,
        pathInfo,
        translated,
        finalEnv,
        passAuth,
        method,
        redirectUrl,
        redirectQuery,
        serverName,
        serverPort);
  }
}
