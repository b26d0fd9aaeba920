package dev.htaccess.httpd;

import java.util.Set;

/** The request methods httpd 2.4 knows (http_protocol.c registers them; others are 501). */
public final class HttpMethods {

  private HttpMethods() {}

  /** The methods httpd registers; a method outside this set (names are case-sensitive) is 501. */
  /**
   * The Allow header the core sends for a static resource (the default handler's methods and
   * TRACE), in the reply to OPTIONS and with a 405 or 501.
   */
  public static final String ALLOW = "OPTIONS,HEAD,GET,POST,TRACE";

  public static final Set<String> REGISTERED =
      Set.of(
          "GET",
          "PUT",
          "POST",
          "DELETE",
          "CONNECT",
          "OPTIONS",
          "TRACE",
          "PATCH",
          "PROPFIND",
          "PROPPATCH",
          "MKCOL",
          "COPY",
          "MOVE",
          "LOCK",
          "UNLOCK",
          "VERSION-CONTROL",
          "CHECKOUT",
          "UNCHECKOUT",
          "CHECKIN",
          "UPDATE",
          "LABEL",
          "REPORT",
          "MKWORKSPACE",
          "MKACTIVITY",
          "BASELINE-CONTROL",
          "MERGE",
          "HEAD");

  /** True for the methods with which the default handler reads the file: GET, HEAD and POST. */
  public static boolean readsFile(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("POST");
  }

  /**
   * What the default handler answers a method when there is no file to send: 200 for OPTIONS and
   * TRACE (the core answers them), 405 for the other registered methods, 501 for the rest.
   */
  public static int defaultHandlerStatus(String method) {
    if (method.equals("OPTIONS") || method.equals("TRACE")) {
      return 200;
    }
    return REGISTERED.contains(method) ? 405 : 501;
  }
}
