package dev.htaccess.serve;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.fastcgi.BackendException;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Runs the script a script handler took, as mod_proxy_fcgi (or mod_cgi) does, and answers with its
 * output; a local redirect from php-cgi is followed as mod_cgi follows it.
 */
final class ScriptResponder {

  private final ScriptGateway scripts;
  private final ErrorLog errorLog;

  ScriptResponder(ScriptGateway scripts, ErrorLog errorLog) {
    this.scripts = scripts;
    this.errorLog = errorLog;
  }

  /** The PATH Apache passes to scripts: its own. */
  private static final String PATH =
      System.getenv("PATH") == null ? "/usr/local/bin:/usr/bin:/bin" : System.getenv("PATH");

  /**
   * Runs the script a script handler took, as mod_proxy_fcgi (or mod_cgi) does: the CGI
   * environment, the request body streamed in, the script's headers honoured and its body streamed
   * out. A backend that cannot be reached is 503, one that does not answer in time 504, one that
   * breaks the protocol 502.
   */
  long runScript(
      Request request,
      Response response,
      Outcome.RunScript o,
      Evaluator site,
      List<String[]> raw,
      String target,
      String method,
      int redirectsLeft)
      throws IOException {
    boolean hasBody =
        method.equals(request.getMethod())
            && (request.getLength() > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    InputStream body = hasBody ? Content.Source.asInputStream(request) : null;
    if (body != null && request.getLength() < 0) {
      Spooled spooled = spool(body, raw);
      body = spooled.body();
      raw = spooled.headers();
    }
    CgiEnvironment.Connection c =
        new CgiEnvironment.Connection(
            method,
            target,
            raw,
            request.isSecure(),
            Request.getRemoteAddr(request),
            Request.getRemotePort(request),
            Request.getLocalAddr(request),
            o.call().serverName(),
            o.call().serverPort(),
            site.docrootPath(),
            PATH);
    ScriptGateway.Answer answer;
    try {
      answer = scripts.run(o, c, body);
    } catch (BackendException e) {
      int status =
          switch (e.kind()) {
            case UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case PROTOCOL -> 502;
          };
      logLine(
          e.kind() == BackendException.Kind.UNAVAILABLE ? "proxy:error" : "proxy_fcgi:error",
          Request.getRemoteAddr(request),
          e.getMessage());
      return CoreResponses.errorPage(response, status, o);
    } catch (CgiResponseHead.MalformedException e) {
      logLine("proxy_fcgi:error", Request.getRemoteAddr(request), e.getMessage());
      return CoreResponses.errorPage(response, 500, o);
    }
    try {
      CgiResponseHead head = answer.head();
      String location = head.header("Location");
      if (answer.cgi() && head.status() == 0 && location != null) {
        if (location.startsWith("/") && redirectsLeft > 0) {
          // mod_cgi: a local Location without Status is fetched with GET in the script's place.
          answer.resource().close();
          return cgiInternalRedirect(request, response, site, raw, location, redirectsLeft - 1);
        }
      }
      // mod_cgi makes any other Location without Status a 302; mod_proxy_fcgi keeps the status.
      int status =
          head.status() != 0 ? head.status() : location != null && answer.cgi() ? 302 : o.status();
      response.setStatus(status);
      return write(response, o, answer, status, method);
    } finally {
      answer.resource().close();
    }
  }

  /** A request body read whole, and the headers that now describe it. */
  private record Spooled(InputStream body, List<String[]> headers) {}

  /**
   * A chunked body: Apache reads it whole and passes CONTENT_LENGTH (PHP reads no body without
   * one), and no Transfer-Encoding. Spooled to a temporary file, not to memory.
   */
  private static Spooled spool(InputStream body, List<String[]> raw) throws IOException {
    Path spool = Files.createTempFile("htaccess-body", ".tmp");
    long length;
    InputStream spooled;
    try (InputStream chunked = body) {
      length = Files.copy(chunked, spool, StandardCopyOption.REPLACE_EXISTING);
      spooled = Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
    List<String[]> dechunked = new ArrayList<>();
    for (String[] h : raw) {
      if (!h[0].equalsIgnoreCase("Transfer-Encoding")) {
        dechunked.add(h);
      }
    }
    dechunked.add(new String[] {"Content-Length", Long.toString(length)});
    return new Spooled(spooled, dechunked);
  }

  /** The script's headers (re-framed, repeated ones joined) and its body, streamed. */
  private static long write(
      Response response,
      Outcome.RunScript o,
      ScriptGateway.Answer answer,
      int status,
      String method)
      throws IOException {
    Map<String, String> joined = new LinkedHashMap<>();
    for (String[] h : answer.head().headers()) {
      String lower = h[0].toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")
          || lower.equals("transfer-encoding")
          || lower.equals("connection")) {
        continue; // the body is re-framed
      }
      if (lower.equals("set-cookie")) {
        response.getHeaders().add(h[0], h[1]);
      } else {
        joined.merge(h[0], h[1], (a, b) -> a + ", " + b);
      }
    }
    joined.forEach((k, v) -> response.getHeaders().add(k, v));
    ResponseDecorator.apply(response.getHeaders(), o, status, false, -1);
    if (method.equals("HEAD") || status == 304 || status == 204) {
      return 0;
    }
    long bytes = 0;
    byte[] buf = new byte[32 * 1024];
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      int n;
      InputStream in = answer.body();
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        bytes += n;
      }
    }
    return bytes;
  }

  /**
   * mod_cgi's internal redirect: the URL the script named is processed as a new GET request (its
   * own rewrites, access checks and handler) and answered in place of the script's output.
   */
  private long cgiInternalRedirect(
      Request request,
      Response response,
      Evaluator site,
      List<String[]> raw,
      String location,
      int redirectsLeft)
      throws IOException {
    List<RequestSpec.Header> headers = new ArrayList<>();
    for (String[] h : raw) {
      headers.add(new RequestSpec.Header(h[0], h[1]));
    }
    RequestSpec spec =
        new RequestSpec(
            "GET",
            RawText.fromText(location),
            headers,
            request.isSecure(),
            Request.getRemoteAddr(request));
    Outcome o = site.evaluate(spec, TraceLevel.DECISIONS).outcome();
    if (o instanceof Outcome.RunScript script) {
      return runScript(request, response, script, site, raw, location, "GET", redirectsLeft);
    }
    if (o instanceof Outcome.Redirect r) {
      response.setStatus(o.status());
      response.getHeaders().put("Location", r.location()); // the bytes as they are
      return CoreResponses.errorBody(response, o.status(), r.location(), o);
    }
    if (o instanceof Outcome.Proxy) {
      // Not modelled: Apache would process the script's local Location as a new request and
      // proxy it; serve answers 502 instead.
      return CoreResponses.errorBody(response, 502, null, o);
    }
    if (o instanceof Outcome.ServeFile file && o.status() == 200) {
      return StaticResponses.serveFile(request, response, Path.of(RawText.display(file.path())), o);
    }
    return CoreResponses.errorPage(response, o.status() == 200 ? 500 : o.status(), o);
  }

  private void logLine(String module, String client, String message) {
    errorLog.line(module, client, message);
  }
}
