package dev.htaccess.eval;

import dev.htaccess.httpd.Expiry;
import java.util.List;

/**
 * What Apache finally does with a request: one of a closed set of answers, each with the fields
 * every answer has ({@link Common}). Serve, the renderers and the expectation checker dispatch on
 * the kind with one switch. The fields map onto the oracle's ({@code ../shared/oracle}): status,
 * location, uri, query, proxy, filename, content_type, set_cookie.
 */
public sealed interface Outcome {

  /**
   * The fields of every outcome.
   *
   * @param status the response status
   * @param uri the final {@code r->uri} (decoded path)
   * @param query the final {@code r->args} (raw), or null when there is none
   * @param filename the final {@code r->filename} relative to the document root, or null when it is
   *     not a path under it
   * @param contentType the Content-Type header, or null
   * @param setCookie the Set-Cookie headers in order
   * @param vary the Vary header Apache adds for headers tested by conditions, or null
   * @param headers mod_headers' operations on the response, in order
   * @param expiry mod_expires' expiry for the response, or null
   * @param requestHeaders mod_headers' RequestHeader operations (for the upstream or the script)
   */
  record Common(
      int status,
      String uri,
      String query,
      String filename,
      String contentType,
      List<String> setCookie,
      String vary,
      List<ResponseHeader> headers,
      Expiry expiry,
      List<ResponseHeader> requestHeaders) {

    public Common {
      setCookie = List.copyOf(setCookie);
      headers = List.copyOf(headers);
      requestHeaders = List.copyOf(requestHeaders);
    }

    /**
     * These fields without mod_rewrite's Vary: a redirect or an error page the core writes
     * (ap_send_error_response) goes out with the error headers only, and Vary was among the normal
     * ones (measured: a [R], an [F] and a 404 after a condition on a header have none).
     */
    Common withoutVary() {
      return new Common(
          status,
          uri,
          query,
          filename,
          contentType,
          setCookie,
          null,
          headers,
          expiry,
          requestHeaders);
    }

    Common withResponseHeaders(
        List<ResponseHeader> headers, Expiry expiry, List<ResponseHeader> requestHeaders) {
      return new Common(
          status,
          uri,
          query,
          filename,
          contentType,
          setCookie,
          vary,
          headers,
          expiry,
          requestHeaders);
    }
  }

  /** The fields every outcome has. */
  Common common();

  /** The response status. */
  default int status() {
    return common().status();
  }

  /** The final {@code r->uri}. */
  default String uri() {
    return common().uri();
  }

  /** The final {@code r->args}, or null. */
  default String query() {
    return common().query();
  }

  /** The final {@code r->filename} relative to the document root, or null. */
  default String filename() {
    return common().filename();
  }

  /** The Content-Type header, or null. */
  default String contentType() {
    return common().contentType();
  }

  /** The Set-Cookie headers. */
  default List<String> setCookie() {
    return common().setCookie();
  }

  /** The Vary header, or null. */
  default String vary() {
    return common().vary();
  }

  /** The Location header of a redirect, else null. */
  default String location() {
    return this instanceof Redirect r ? r.location() : null;
  }

  /** The URL requested upstream for a proxied request, else null. */
  default String proxy() {
    return this instanceof Proxy p ? p.url() : null;
  }

  /**
   * A file's content: the file the request maps to (200), or a local ErrorDocument (with the
   * error's status).
   *
   * @param path the file's absolute path (a byte string)
   */
  record ServeFile(Common common, String path) implements Outcome {}

  /**
   * mod_autoindex's listing of a directory (Options Indexes, no index file).
   *
   * @param path the directory's absolute path
   */
  record ListDirectory(Common common, String path) implements Outcome {}

  /** An external redirect (or an ErrorDocument that is a full URL). */
  record Redirect(Common common, String location) implements Outcome {}

  /** mod_proxy takes the request ([P], ProxyPass) and fetches it from {@code url}. */
  record Proxy(Common common, String url) implements Outcome {}

  /** A script handler (php-fpm through mod_proxy_fcgi, or php-cgi) takes the request. */
  record RunScript(Common common, ScriptCall call) implements Outcome {}

  /** The core's answer to OPTIONS: the Allow header, no body. */
  record Options(Common common) implements Outcome {}

  /** The core's answer to TRACE: the request echoed back as message/http. */
  record TraceEcho(Common common) implements Outcome {}

  /** An answer with no content of its own: Apache's page for the status (an error, mostly). */
  record Status(Common common) implements Outcome {}
}
