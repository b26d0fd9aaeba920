package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import dev.htaccess.httpd.HttpMethods;
import dev.htaccess.httpd.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The answers Apache's core writes itself: its error pages (and the page of a redirect), and the
 * echo of a TRACE request.
 */
final class CoreResponses {

  private CoreResponses() {}

  /** The request line as received (an empty target shown as "/"). */
  static String requestLine(Request request) {
    String original = request.getHeaders().get(NulTolerantConnectionFactory.ORIGINAL_TARGET);
    String target = original != null ? original : request.getHttpURI().getPathQuery();
    return request.getMethod()
        + " "
        + (target == null || target.isEmpty() ? "/" : target)
        + " "
        + request.getConnectionMetaData().getProtocol();
  }

  /** TRACE (Apache's TraceEnable defaults to on): the request line and headers, echoed. */
  static long trace(Request request, Response response) throws IOException {
    StringBuilder echo = new StringBuilder(requestLine(request)).append("\r\n");
    for (HttpField f : request.getHeaders()) {
      echo.append(f.getName()).append(": ").append(f.getValue()).append("\r\n");
    }
    echo.append("\r\n");
    byte[] body = echo.toString().getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(200);
    response.getHeaders().put("Content-Type", MediaTypes.TRACE);
    // ap_send_http_trace writes the echo as it goes, without a length (measured: no
    // Content-Length, chunked to an HTTP/1.1 client): the headers go out first.
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.flush();
      out.write(body);
    }
    return body.length;
  }

  static long errorPage(Response response, int status) throws IOException {
    return errorPage(response, status, null);
  }

  static long errorPage(Response response, int status, Outcome o) throws IOException {
    return errorBody(response, status, null, o);
  }

  /** Apache's page for {@code status}; {@code location} for redirects. */
  static long errorBody(Response response, int status, String location, Outcome o)
      throws IOException {
    String html = ErrorPages.html(status, response.getRequest().getMethod(), location);
    byte[] body = html.getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", MediaTypes.ERROR_PAGE);
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    if (status == 405 || status == 501) {
      // ap_send_error_response says which methods would do.
      response.getHeaders().put("Allow", HttpMethods.ALLOW);
    }
    ResponseDecorator.apply(response.getHeaders(), o, status, false, -1);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
    return body.length;
  }

  static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
