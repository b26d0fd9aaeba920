package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/** Writes the upstream answer into the Jetty response. */
final class ProxySink implements ProxyForwarder.Sink {
  private final Response response;
  private final Outcome outcome;
  OutputStream out;

  ProxySink(Response response, Outcome outcome) {
    this.response = response;
    this.outcome = outcome;
  }

  @Override
  public void status(int status) {
    response.setStatus(status);
  }

  @Override
  public void header(String name, String value) {
    if (name.equalsIgnoreCase("Date")) {
      // The upstream's Date replaces the server's own (Apache sends a proxied answer's Date).
      response.getHeaders().put(name, value);
    } else {
      response.getHeaders().add(name, value);
    }
  }

  @Override
  public OutputStream body() {
    if (out == null) {
      ResponseDecorator.apply(response.getHeaders(), outcome, response.getStatus(), true, -1);
      out = Content.Sink.asOutputStream(response);
    }
    return out;
  }

  void close() throws IOException {
    if (out == null) {
      ResponseDecorator.apply(response.getHeaders(), outcome, response.getStatus(), true, -1);
    } else {
      out.close();
    }
  }
}
