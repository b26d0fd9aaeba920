package dev.htaccess.serve;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.fastcgi.BackendException;
import dev.htaccess.httpd.HostHeader;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers each request with what the dry-run evaluator decides: a file (with validators and
 * ranges), a directory listing, a redirect, an error page (or the local ErrorDocument), or a
 * proxied response.
 */
final class SiteHandler extends Handler.Abstract {

  private final Evaluator defaultSite;
  private final Map<String, Evaluator> vhosts;
  private final ProxyForwarder proxy;
  private final AccessLogWriter log;
  private final boolean mirror;
  private final ErrorLog errorLog;
  private final ScriptGateway scripts;

  SiteHandler(
      Evaluator defaultSite,
      Map<String, Evaluator> vhosts,
      ProxyForwarder proxy,
      ScriptGateway scripts,
      AccessLogWriter log,
      PrintWriter errorLog,
      boolean mirror) {
    this.scripts = scripts;
    this.errorLog = new ErrorLog(errorLog);
    this.defaultSite = defaultSite;
    this.vhosts = vhosts;
    this.proxy = proxy;
    this.log = log;
    this.mirror = mirror;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    int limitStatus = apacheLimits(request);
    if (limitStatus != 0) {
      return answerEarly(request, response, callback, limitStatus);
    }
    if (request.getHttpURI().getFragment() != null) {
      // Apache refuses a request target with a fragment before any module sees it.
      return answerEarly(request, response, callback, 400);
    }
    if (method.equals("OPTIONS") && "*".equals(request.getHttpURI().getPath())) {
      response.getHeaders().put("Allow", ALLOW);
      response.getHeaders().put("Content-Length", "0");
      return answerEarly(request, response, callback, 200);
    }
    String original = request.getHeaders().get(NulTolerantConnectionFactory.ORIGINAL_TARGET);
    String target = original != null ? original : request.getHttpURI().getPathQuery();
    if (target == null || target.isEmpty()) {
      target = "/";
    }
    List<RequestSpec.Header> headers = new ArrayList<>();
    List<String[]> raw = new ArrayList<>();
    for (HttpField f : request.getHeaders()) {
      if (original != null && f.is(NulTolerantConnectionFactory.ORIGINAL_TARGET)) {
        continue;
      }
      headers.add(new RequestSpec.Header(f.getName(), f.getValue()));
      raw.add(new String[] {f.getName(), f.getValue()});
    }
    String host = request.getHeaders().get("Host");
    Evaluator site = defaultSite;
    if (host != null && !vhosts.isEmpty()) {
      site = vhosts.getOrDefault(HostHeader.parse(host, request.isSecure()).name(), defaultSite);
    }
    String remote = Request.getRemoteAddr(request);
    RequestSpec spec =
        new RequestSpec(method, RawText.fromText(target), headers, request.isSecure(), remote);
    int status;
    long bytes = 0;
    try {
      Evaluation e = site.evaluate(spec, TraceLevel.DECISIONS);
      Outcome o = e.outcome();
      if (o.status() == 500) {
        logCause(e, remote);
      }
      for (String cookie : o.setCookie()) {
        response
            .getHeaders()
            .add(
                "Set-Cookie",
                RawText.display(cookie)
                    .replaceAll("expires=<Date\\+(\\d+)s>", "expires=" + "\u0000$1"));
      }
      fixCookieDates(response);
      if (o.vary() != null) {
        response.getHeaders().add("Vary", o.vary());
      }
      if (o instanceof Outcome.Proxy p) {
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains("Transfer-Encoding");
        Path mirrorTo = mirror && method.equals("GET") ? mirrorPath(site, o) : null;
        JettySink sink = new JettySink(response, o);
        status =
            proxy.forward(
                RawText.display(p.url()),
                new ProxyForwarder.Incoming(
                    method,
                    ResponseDecorator.requestHeaders(raw, o),
                    host,
                    remote,
                    length,
                    chunked,
                    Content.Source.asInputStream(request)),
                sink,
                mirrorTo);
        if ((status == 502 || status == 503 || status == 504) && sink.out == null) {
          bytes = errorPage(response, status, o);
        } else {
          sink.close();
        }
      } else if (o instanceof Outcome.Redirect r) {
        status = o.status();
        response.setStatus(status);
        response.getHeaders().put("Location", RawText.display(r.location()));
        bytes = errorBody(response, status, RawText.display(r.location()), o);
      } else if (o instanceof Outcome.RunScript script) {
        if (script.call().method() != null) {
          // An ErrorDocument: a GET whose body was discarded (Content-Length 0, as Apache says).
          List<String[]> noBody = new ArrayList<>();
          for (String[] h : raw) {
            if (h[0].equalsIgnoreCase("Content-Length")) {
              noBody.add(new String[] {h[0], "0"});
            } else if (!h[0].equalsIgnoreCase("Transfer-Encoding")) {
              noBody.add(h);
            }
          }
          bytes =
              runScript(
                  request, response, script, site, noBody, target, script.call().method(), 10);
        } else {
          bytes = runScript(request, response, script, site, raw, target, method, 10);
        }
        status = response.getStatus();
      } else if (o instanceof Outcome.TraceEcho) {
        status = 200;
        bytes = trace(request, response);
      } else if (o instanceof Outcome.Options) {
        status = 200;
        response.setStatus(200);
        response.getHeaders().put("Allow", ALLOW);
        if (o.contentType() != null) {
          response.getHeaders().put("Content-Type", o.contentType());
        }
        response.getHeaders().put("Content-Length", "0");
        ResponseDecorator.apply(response.getHeaders(), o, 200, false, -1);
      } else if (o instanceof Outcome.ListDirectory listing) {
        status = o.status();
        bytes =
            listing(
                response, Path.of(RawText.display(listing.path())), RawText.display(o.uri()), o);
      } else if (o instanceof Outcome.ServeFile file) {
        bytes = serveFile(request, response, Path.of(RawText.display(file.path())), o);
        status = response.getStatus();
      } else {
        status = o.status();
        bytes = errorPage(response, status, o);
      }
    } catch (IOException | RuntimeException ex) {
      status = 500;
      // Apache logs why it answered 500; so does serve, with the request it was answering.
      errorLog.line(
          "core:error",
          remote,
          RawText.display(spec.target())
              + ": internal error: "
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
      if (!response.isCommitted()) {
        try {
          bytes = errorPage(response, 500);
        } catch (IOException ignored) {
          // the client is gone
        }
      }
    }
    return finish(request, callback, status, bytes);
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
  private long runScript(
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
    java.io.InputStream body = hasBody ? Content.Source.asInputStream(request) : null;
    if (body != null && request.getLength() < 0) {
      // A chunked body: Apache reads it whole and passes CONTENT_LENGTH (PHP reads no body
      // without one), and no Transfer-Encoding. Spooled to a temporary file, not to memory.
      Path spool = Files.createTempFile("htaccess-body", ".tmp");
      long length;
      try (java.io.InputStream chunked = body) {
        length = Files.copy(chunked, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        body = Files.newInputStream(spool, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
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
      raw = dechunked;
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
      return errorPage(response, status, o);
    } catch (CgiResponseHead.MalformedException e) {
      logLine("proxy_fcgi:error", Request.getRemoteAddr(request), e.getMessage());
      return errorPage(response, 500, o);
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
      Map<String, String> joined = new java.util.LinkedHashMap<>();
      for (String[] h : head.headers()) {
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
        java.io.InputStream in = answer.body();
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          bytes += n;
        }
      }
      return bytes;
    } finally {
      answer.resource().close();
    }
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
      response.getHeaders().put("Location", RawText.display(r.location()));
      return errorBody(response, o.status(), RawText.display(r.location()), o);
    }
    if (o instanceof Outcome.Proxy) {
      // Not modelled: Apache would process the script's local Location as a new request and
      // proxy it; serve answers 502 instead.
      return errorBody(response, 502, null, o);
    }
    if (o instanceof Outcome.ServeFile file && o.status() == 200) {
      return serveFile(request, response, Path.of(RawText.display(file.path())), o);
    }
    return errorPage(response, o.status() == 200 ? 500 : o.status(), o);
  }

  private void logLine(String module, String client, String message) {
    errorLog.line(module, client, message);
  }

  /** Apache's error-log line for a 500: which .htaccess line caused it, or the redirect loop. */
  private void logCause(Evaluation e, String remote) {
    for (TraceEvent t : e.trace()) {
      String line = null;
      if (t instanceof TraceEvent.ConfigError c) {
        SourceSpan s = c.span();
        line = (s == null ? "" : s.file() + ":" + s.line() + ":" + s.column() + ": ") + c.error();
      } else if (t instanceof TraceEvent.RecursionLimit r) {
        line = r.message();
      }
      if (line != null) {
        errorLog.line("core:error", remote, RawText.display(e.request().target()) + ": " + line);
        return;
      }
    }
  }

  /**
   * Several ranges: a multipart/byteranges body laid out as Apache's byterange filter lays it out
   * (CRLF before each boundary line, "Content-type" and "Content-range" part headers).
   */
  private static long multipart(
      Request request, Response response, Path file, FileResponder.Plan plan, String type)
      throws IOException {
    String boundary =
        Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1L << 60);
    List<byte[]> heads = new ArrayList<>();
    long length = 0;
    for (long[] r : plan.parts()) {
      String head =
          "\r\n--"
              + boundary
              + "\r\n"
              + (type == null ? "" : "Content-type: " + type + "\r\n")
              + "Content-range: bytes "
              + r[0]
              + "-"
              + r[1]
              + "/"
              + plan.size()
              + "\r\n\r\n";
      byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
      heads.add(bytes);
      length += bytes.length + r[1] - r[0] + 1;
    }
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    length += tail.length;
    response.getHeaders().put("Content-Type", "multipart/byteranges; boundary=" + boundary);
    response.getHeaders().put("Content-Length", Long.toString(length));
    if (request.getMethod().equals("HEAD")) {
      return 0;
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      for (int i = 0; i < heads.size(); i++) {
        long[] r = plan.parts().get(i);
        out.write(heads.get(i));
        FileResponder.copy(file, r[0], r[1] - r[0] + 1, out);
      }
      out.write(tail);
    }
    return length;
  }

  /** Files up to this size are read whole and written at once. */
  private static final int SMALL_FILE = 256 * 1024;

  /** Apache's LimitRequestLine (414), LimitRequestFieldSize and LimitRequestFields (400). */
  private static int apacheLimits(Request request) {
    String original = request.getHeaders().get(NulTolerantConnectionFactory.ORIGINAL_TARGET);
    String pathQuery = original != null ? original : request.getHttpURI().getPathQuery();
    int line =
        request.getMethod().length()
            + 2
            + (pathQuery == null ? 0 : pathQuery.length())
            + request.getConnectionMetaData().getProtocol().length();
    if (line > LIMIT_LINE) {
      return 414;
    }
    int count = 0;
    for (HttpField f : request.getHeaders()) {
      if (original != null && f.is(NulTolerantConnectionFactory.ORIGINAL_TARGET)) {
        continue;
      }
      count++;
      if (f.getName().length() + 2 + (f.getValue() == null ? 0 : f.getValue().length())
          > LIMIT_LINE) {
        return 400;
      }
    }
    return count > LIMIT_FIELDS ? 400 : 0;
  }

  private static final int LIMIT_LINE = 8190;
  private static final int LIMIT_FIELDS = 100;

  /** The methods Apache's core handler lists for a static resource. */
  private static final String ALLOW = "OPTIONS,HEAD,GET,POST,TRACE";

  private boolean answerEarly(Request request, Response response, Callback callback, int status) {
    long bytes = 0;
    try {
      if (status >= 400) {
        bytes = errorPage(response, status);
      } else {
        response.setStatus(status);
      }
    } catch (IOException e) {
      // the client is gone
    }
    return finish(request, callback, status, bytes);
  }

  /** Logs the exchange and completes it. */
  private boolean finish(Request request, Callback callback, int status, long bytes) {
    log.log(
        Request.getRemoteAddr(request),
        requestLine(request),
        status,
        bytes,
        request.getHeaders().get("Referer"),
        request.getHeaders().get("User-Agent"));
    callback.succeeded();
    return true;
  }

  /** The request line as received (an empty target shown as "/"). */
  private static String requestLine(Request request) {
    String original = request.getHeaders().get(NulTolerantConnectionFactory.ORIGINAL_TARGET);
    String target = original != null ? original : request.getHttpURI().getPathQuery();
    return request.getMethod()
        + " "
        + (target == null || target.isEmpty() ? "/" : target)
        + " "
        + request.getConnectionMetaData().getProtocol();
  }

  /** TRACE (Apache's TraceEnable defaults to on): the request line and headers, echoed. */
  private static long trace(Request request, Response response) throws IOException {
    StringBuilder echo = new StringBuilder(requestLine(request)).append("\r\n");
    for (HttpField f : request.getHeaders()) {
      echo.append(f.getName()).append(": ").append(f.getValue()).append("\r\n");
    }
    echo.append("\r\n");
    byte[] body = echo.toString().getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(200);
    response.getHeaders().put("Content-Type", "message/http");
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
    return body.length;
  }

  /** Turns the evaluator's relative cookie expiry into an HTTP date. */
  private static void fixCookieDates(Response response) {
    List<String> cookies = response.getHeaders().getValuesList("Set-Cookie");
    if (cookies.isEmpty()) {
      return;
    }
    response.getHeaders().remove("Set-Cookie");
    for (String c : cookies) {
      int i = c.indexOf("expires=\u0000");
      if (i >= 0) {
        int end = c.indexOf(';', i);
        String seconds = c.substring(i + 9, end < 0 ? c.length() : end);
        String date =
            FileResponder.HTTP_DATE.format(
                java.time.Instant.now().plusSeconds(Long.parseLong(seconds)));
        c = c.substring(0, i) + "expires=" + date + (end < 0 ? "" : c.substring(end));
      }
      response.getHeaders().add("Set-Cookie", c);
    }
  }

  private Path mirrorPath(Evaluator site, Outcome o) {
    String uri = RawText.display(o.uri());
    if (uri.contains("..") || uri.endsWith("/")) {
      return null;
    }
    Path root = Path.of(RawText.display(site.docrootPath()));
    Path file = root.resolve(uri.substring(1)).normalize();
    return file.startsWith(root) ? file : null;
  }

  private long serveFile(Request request, Response response, Path file, Outcome o)
      throws IOException {
    int status = o.status();
    FileResponder.Plan plan =
        FileResponder.plan(
            file,
            status,
            request.getMethod(),
            request.getHeaders().get("If-None-Match"),
            request.getHeaders().get("If-Modified-Since"),
            request.getHeaders().get("Range"));
    response.setStatus(plan.status());
    if (o.contentType() != null && plan.status() != 304 && plan.status() != 416) {
      response.getHeaders().put("Content-Type", o.contentType());
    }
    response.getHeaders().put("Last-Modified", plan.lastModified());
    response.getHeaders().put("ETag", plan.etag());
    response.getHeaders().put("Accept-Ranges", "bytes");
    ResponseDecorator.apply(response.getHeaders(), o, plan.status(), false, plan.modifiedMillis());
    if (plan.status() == 304) {
      return 0;
    }
    if (plan.status() == 416) {
      response.getHeaders().put("Content-Range", "bytes */" + plan.size());
      return errorPage(response, 416);
    }
    if (!plan.parts().isEmpty()) {
      return multipart(request, response, file, plan, o.contentType());
    }
    if (plan.status() == 206) {
      response
          .getHeaders()
          .put(
              "Content-Range",
              "bytes "
                  + plan.start()
                  + "-"
                  + (plan.start() + plan.length() - 1)
                  + "/"
                  + plan.size());
    }
    response.getHeaders().put("Content-Length", Long.toString(plan.length()));
    if (request.getMethod().equals("HEAD")) {
      return 0;
    }
    if (plan.length() <= SMALL_FILE) {
      // One write of the whole (often cached) body. Measured: a blocking write here beats
      // handing the buffer to Jetty with the callback (16k against 10k requests/s).
      // One last=true write: Jetty sends the headers and the body together and completes.
      byte[] body = FileResponder.read(file, plan);
      Content.Sink.write(response, true, java.nio.ByteBuffer.wrap(body));
      return plan.length();
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      FileResponder.copy(file, plan.start(), plan.length(), out);
    }
    return plan.length();
  }

  /**
   * mod_autoindex's plain list (no FancyIndexing): byte-ordered names, directories with a slash,
   * the parent as an absolute path, and files a request could not fetch ({@code .ht*}) left out.
   */
  private static long listing(Response response, Path dir, String uri, Outcome o)
      throws IOException {
    String shownUri =
        uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    StringBuilder html =
        new StringBuilder(
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\""
                    + " \"http://www.w3.org/TR/html4/strict.dtd\">\n<html>\n <head>\n  <title>Index of ")
            .append(html(shownUri))
            .append("</title>\n </head>\n <body>\n<h1>Index of ")
            .append(html(shownUri))
            .append("</h1>\n<ul>");
    if (!uri.equals("/")) {
      String parent = shownUri.substring(0, shownUri.lastIndexOf('/') + 1);
      html.append("<li><a href=\"").append(html(parent)).append("\"> Parent Directory</a></li>\n");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".ht")) {
          names.add(name + (Files.isDirectory(p) ? "/" : ""));
        }
      }
    }
    names.sort(SiteHandler::compareBytes);
    for (String link : names) {
      html.append("<li><a href=\"")
          .append(html(hrefEscape(link)))
          .append("\"> ")
          .append(html(link))
          .append("</a></li>\n");
    }
    html.append("</ul>\n</body></html>\n");
    byte[] body = html.toString().getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(200);
    response.getHeaders().put("Content-Type", "text/html;charset=ISO-8859-1");
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    ResponseDecorator.apply(response.getHeaders(), o, 200, false, -1);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
    return body.length;
  }

  private static int compareBytes(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Percent-escapes what cannot stand in a URL path (as ap_escape_uri does). */
  private static String hrefEscape(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '#' || c == '%' || c == '?' || c == '<'
          || c == '>') {
        out.append('%').append(String.format("%02x", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  static long errorPage(Response response, int status) throws IOException {
    return errorPage(response, status, null);
  }

  private static long errorPage(Response response, int status, Outcome o) throws IOException {
    return errorBody(response, status, null, o);
  }

  /** Apache's page for {@code status}; {@code location} for redirects. */
  private static long errorBody(Response response, int status, String location, Outcome o)
      throws IOException {
    String html = ErrorPages.html(status, response.getRequest().getMethod(), location);
    byte[] body = html.getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "text/html; charset=iso-8859-1");
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    ResponseDecorator.apply(response.getHeaders(), o, status, false, -1);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
    return body.length;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Writes the upstream answer into the Jetty response. */
  private static final class JettySink implements ProxyForwarder.Sink {
    private final Response response;
    private final Outcome outcome;
    private OutputStream out;

    JettySink(Response response, Outcome outcome) {
      this.response = response;
      this.outcome = outcome;
    }

    @Override
    public void status(int status) {
      response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
      response.getHeaders().add(name, value);
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
}
