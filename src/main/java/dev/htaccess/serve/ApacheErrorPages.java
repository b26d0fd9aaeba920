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
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    if (status == 400 && path != null && path.contains("%00")) {
      // Jetty refuses an encoded NUL outright; Apache's URL unescaping answers 404 for it.
      status = 404;
    }
    try {
      SiteHandler.errorPage(response, status);
      callback.succeeded();
    } catch (Exception e) {
      callback.failed(e);
    }
    return true;
  }
}
