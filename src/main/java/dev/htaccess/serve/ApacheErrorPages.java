package dev.htaccess.serve;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty itself detects (a malformed request line or header, a header too large)
 * with Apache's error page and Content-Type, so clients see the same bytes either way.
 */
final class ApacheErrorPages implements Request.Handler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer i
            ? i
            : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    try {
      CoreResponses.errorPage(response, status);
      callback.succeeded();
    } catch (Exception e) {
      callback.failed(e);
    }
    return true;
  }
}
