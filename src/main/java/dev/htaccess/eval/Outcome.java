package dev.htaccess.eval;

import java.util.List;

/**
 * What Apache finally does with a request, in the oracle's terms ({@code ../shared/oracle}).
 *
 * @param status the response status
 * @param location the Location header, or null
 * @param uri the final {@code r->uri} (decoded path)
 * @param query the final {@code r->args} (raw), or null when there is none
 * @param proxy the absolute URL requested upstream, or null
 * @param filename the final {@code r->filename} relative to the document root, or null when it is
 *     not a path under it
 * @param contentType the Content-Type header, or null
 * @param setCookie the Set-Cookie headers in order
 * @param vary the Vary header Apache adds for headers tested by conditions, or null
 * @param servedPath the file (or, for a listing, directory) whose content the response carries: the
 *     file served, or the local ErrorDocument; null when there is none
 * @param script the script handler's call when one takes the request (serve with PHP), or null
 */
public record Outcome(
    int status,
    String location,
    String uri,
    String query,
    String proxy,
    String filename,
    String contentType,
    List<String> setCookie,
    String vary,
    String servedPath,
    List<ResponseHeader> headers,
    Expiry expiry,
    List<ResponseHeader> requestHeaders,
    ScriptCall script) {

  public Outcome {
    setCookie = List.copyOf(setCookie);
    headers = List.copyOf(headers);
    requestHeaders = List.copyOf(requestHeaders);
  }

  /** An outcome before mod_headers and mod_expires had their say. */
  public Outcome(
      int status,
      String location,
      String uri,
      String query,
      String proxy,
      String filename,
      String contentType,
      List<String> setCookie,
      String vary,
      String servedPath) {
    this(
        status,
        location,
        uri,
        query,
        proxy,
        filename,
        contentType,
        setCookie,
        vary,
        servedPath,
        List.of(),
        null,
        List.of(),
        null);
  }

  Outcome withResponseHeaders(
      List<ResponseHeader> headers, Expiry expiry, List<ResponseHeader> requestHeaders) {
    return new Outcome(
        status,
        location,
        uri,
        query,
        proxy,
        filename,
        contentType,
        setCookie,
        vary,
        servedPath,
        headers,
        expiry,
        requestHeaders,
        script);
  }

  Outcome withScript(ScriptCall script) {
    return new Outcome(
        status,
        location,
        uri,
        query,
        proxy,
        filename,
        contentType,
        setCookie,
        vary,
        servedPath,
        headers,
        expiry,
        requestHeaders,
        script);
  }
}
