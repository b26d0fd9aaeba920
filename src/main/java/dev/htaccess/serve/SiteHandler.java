package dev.htaccess.serve;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.httpd.HostHeader;
import dev.htaccess.httpd.HttpMethods;
import dev.htaccess.httpd.Limits;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpField;
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
  private final Mirror mirror;
  private final MirrorOriginals originals;
  private final ErrorLog errorLog;
  private final ScriptResponder scriptResponder;

  SiteHandler(
      Evaluator defaultSite,
      Map<String, Evaluator> vhosts,
      ProxyForwarder proxy,
      ScriptGateway scripts,
      AccessLogWriter log,
      PrintWriter errorLog,
      MirrorSettings mirror) {
    this.errorLog = new ErrorLog(errorLog);
    this.scriptResponder = new ScriptResponder(scripts, this.errorLog);
    this.defaultSite = defaultSite;
    this.vhosts = vhosts;
    this.proxy = proxy;
    this.log = log;
    this.mirror = new Mirror(mirror);
    this.originals = new MirrorOriginals(this.mirror, proxy, this.errorLog);
  }

  /** What was sent: the status, and the bytes of the body. */
  private record Sent(int status, long bytes) {}

  /**
   * The request as the evaluator and the responders need it.
   *
   * @param target the request target as received (the original one when Jetty's parser would have
   *     refused it)
   * @param raw the headers as name/value pairs, for the upstream and the script
   */
  private record Incoming(
      String method,
      String target,
      List<RequestSpec.Header> headers,
      List<String[]> raw,
      String host,
      String remote) {

    static Incoming of(Request request) {
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
      return new Incoming(
          request.getMethod(),
          target,
          headers,
          raw,
          request.getHeaders().get("Host"),
          Request.getRemoteAddr(request));
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int early = earlyStatus(request, response);
    if (early != 0) {
      return answerEarly(request, response, callback, early);
    }
    Incoming in = Incoming.of(request);
    if (mirror.isLoop(in.raw())) {
      // this server's own upstream request came back to it (the origin is this server)
      errorLog.line(
          "proxy:error", in.remote(), in.target() + ": the mirror's request came back to it");
      long bytes = 0;
      try {
        bytes = CoreResponses.errorPage(response, 508);
      } catch (IOException ignored) {
        // the client is gone
      }
      return finish(request, callback, 508, bytes);
    }
    Evaluator site = defaultSite;
    if (in.host() != null && !vhosts.isEmpty()) {
      site =
          vhosts.getOrDefault(HostHeader.parse(in.host(), request.isSecure()).name(), defaultSite);
    }
    RequestSpec spec =
        new RequestSpec(
            in.method(),
            RawText.fromText(in.target()),
            in.headers(),
            request.isSecure(),
            in.remote());
    Sent sent;
    try {
      if (mirror.settings().derivatives()
          && mirror.settings().mode() == MirrorSettings.Mode.DOWNLOAD
          && in.method().equals("GET")) {
        originals.fetchOriginal(
            site,
            new RequestSpec(
                in.method(),
                RawText.fromText(in.target()),
                in.headers(),
                request.isSecure(),
                in.remote()),
            in.raw(),
            in.host());
      }
      Evaluation e = site.evaluate(spec, TraceLevel.DECISIONS);
      Outcome o = e.outcome();
      if (o.status() == 500) {
        logCause(e, in.remote());
      }
      for (String cookie : o.setCookie()) {
        response
            .getHeaders()
            .add(
                "Set-Cookie",
                cookie // the bytes as they are: Jetty writes header values as ISO-8859-1
                    .replaceAll("expires=<Date\\+(\\d+)s>", "expires=" + "\u0000$1"));
      }
      fixCookieDates(response);
      if (o.vary() != null) {
        response.getHeaders().add("Vary", o.vary());
      }
      sent = respond(request, response, site, o, in);
    } catch (IOException | RuntimeException ex) {
      if (response.isCommitted()) {
        // The body broke off: the upstream died or stalled, or the client went away. The
        // client must see the truncation (Jetty aborts the connection: no last chunk, fewer
        // bytes than Content-Length), and the log says what was sent, as Apache's %>s %b.
        errorLog.line(
            "proxy:error",
            in.remote(),
            RawText.display(spec.target()) + ": the response broke off after it began: " + why(ex));
        log(request, response.getStatus(), Response.getContentBytesWritten(response));
        callback.failed(ex);
        return true;
      }
      // Apache logs why it answered 500; so does serve, with the request it was answering.
      errorLog.line(
          "core:error",
          in.remote(),
          RawText.display(spec.target()) + ": internal error: " + why(ex));
      long bytes = 0;
      try {
        bytes = CoreResponses.errorPage(response, 500);
      } catch (IOException ignored) {
        // the client is gone
      }
      sent = new Sent(500, bytes);
    }
    return finish(request, callback, sent.status(), sent.bytes());
  }

  /**
   * The answer the core gives before any module sees the request (Apache's limits, a fragment,
   * OPTIONS *), or 0.
   */
  private static int earlyStatus(Request request, Response response) {
    int limitStatus = apacheLimits(request);
    if (limitStatus != 0) {
      return limitStatus;
    }
    if (request.getHttpURI().getFragment() != null) {
      // Apache refuses a request target with a fragment before any module sees it.
      return 400;
    }
    if (request.getMethod().equals("OPTIONS") && "*".equals(request.getHttpURI().getPath())) {
      // The core answers OPTIONS * itself, without an Allow header (measured).
      response.getHeaders().put("Content-Length", "0");
      return 200;
    }
    return 0;
  }

  /** Answers with what the evaluator decided, one kind of outcome at a time. */
  private Sent respond(Request request, Response response, Evaluator site, Outcome o, Incoming in)
      throws IOException {
    if (o instanceof Outcome.Proxy p) {
      return proxy(request, response, site, p, in);
    }
    if (o instanceof Outcome.RunScript script) {
      return script(request, response, site, script, in);
    }
    if (!(o instanceof Outcome.TraceEcho) && !bodyDiscarded(request)) {
      // ap_discard_request_body, which the core's handler and its error answers call first: a
      // body that breaks off, or a bad chunk, is the client's error, a 400 whatever else.
      return new Sent(400, CoreResponses.errorPage(response, 400));
    }
    if (o instanceof Outcome.Redirect r) {
      response.setStatus(o.status());
      response.getHeaders().put("Location", r.location()); // the bytes as they are
      return new Sent(o.status(), CoreResponses.errorBody(response, o.status(), r.location(), o));
    }
    if (o instanceof Outcome.TraceEcho) {
      return new Sent(200, CoreResponses.trace(request, response));
    }
    if (o instanceof Outcome.Options) {
      response.setStatus(200);
      response.getHeaders().put("Allow", HttpMethods.ALLOW);
      if (o.contentType() != null) {
        response.getHeaders().put("Content-Type", o.contentType());
      }
      response.getHeaders().put("Content-Length", "0");
      ResponseDecorator.apply(response.getHeaders(), o, 200, false, -1);
      return new Sent(200, 0);
    }
    if (o instanceof Outcome.ListDirectory listing) {
      Path dir = Path.of(RawText.display(listing.path()));
      return new Sent(
          o.status(),
          StaticResponses.listing(
              response, dir, RawText.display(o.uri()), o, request.getMethod().equals("HEAD")));
    }
    if (o instanceof Outcome.ServeFile file) {
      Path path = Path.of(RawText.display(file.path()));
      long bytes = StaticResponses.serveFile(request, response, path, o);
      return new Sent(response.getStatus(), bytes);
    }
    return new Sent(o.status(), CoreResponses.errorPage(response, o.status(), o));
  }

  /** An exception as the error log names it: its class, and its message if it has one. */
  private static String why(Exception ex) {
    return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
  }

  /** Reads the request's body to its end; false when it breaks off or is malformed. */
  private static boolean bodyDiscarded(Request request) {
    boolean chunked = request.getHeaders().contains("Transfer-Encoding");
    if (request.getLength() <= 0 && !chunked) {
      return true;
    }
    try (InputStream body = Content.Source.asInputStream(request)) {
      body.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** mod_proxy_http: the request goes upstream and the answer is streamed back. */
  private Sent proxy(
      Request request, Response response, Evaluator site, Outcome.Proxy p, Incoming in)
      throws IOException {
    MirrorSettings settings = mirror.settings();
    boolean fetchable = in.method().equals("GET") || in.method().equals("HEAD");
    Path file = settings.on() && fetchable ? mirror.target(site, p) : null;
    if (file == null) {
      return forward(request, response, p, in, null);
    }
    String url = RawText.display(p.url());
    if (settings.mode() == MirrorSettings.Mode.REDIRECT) {
      // the client fetches the file from the origin itself
      int status = settings.redirectStatus();
      response.setStatus(status);
      response.getHeaders().put("Location", p.url());
      return new Sent(status, CoreResponses.errorBody(response, status, p.url(), p));
    }
    if (mirror.knownMissing(url)) {
      return new Sent(404, CoreResponses.errorPage(response, 404, p));
    }
    if (!in.method().equals("GET")) {
      return forward(request, response, p, in, null);
    }
    CompletableFuture<Void> theirs = mirror.join(file);
    if (theirs != null) {
      // another request is fetching this file: wait for it, then serve what it saved
      originals.await(theirs);
      if (Files.isRegularFile(file)) {
        Outcome now =
            site.evaluate(
                    new RequestSpec(
                        in.method(),
                        RawText.fromText(in.target()),
                        in.headers(),
                        request.isSecure(),
                        in.remote()))
                .outcome();
        Outcome served = now instanceof Outcome.ServeFile ? now : p;
        long bytes = StaticResponses.serveFile(request, response, file, served);
        return new Sent(response.getStatus(), bytes);
      }
      return forward(request, response, p, in, null);
    }
    try {
      Path root = Path.of(RawText.display(site.docrootPath())).toAbsolutePath().normalize();
      Sent sent =
          forward(
              request,
              response,
              p,
              in,
              new ProxyForwarder.MirrorFetch(
                  file, root, mirror.fetchHeaders(), settings.retries()));
      if (Mirror.isMissing(sent.status())) {
        mirror.rememberMissing(url);
      }
      return sent;
    } finally {
      mirror.done(file);
    }
  }

  private Sent forward(
      Request request,
      Response response,
      Outcome.Proxy p,
      Incoming in,
      ProxyForwarder.MirrorFetch fetch)
      throws IOException {
    long length = request.getLength();
    boolean chunked = request.getHeaders().contains("Transfer-Encoding");
    List<String[]> headers = ResponseDecorator.requestHeaders(in.raw(), p);
    if (mirror.settings().on()) {
      headers = new ArrayList<>(headers);
      headers.add(mirror.loopMark());
    }
    ProxySink sink = new ProxySink(response, p);
    int status =
        proxy.forward(
            RawText.display(p.url()),
            new ProxyForwarder.Incoming(
                in.method(),
                headers,
                in.host(),
                in.remote(),
                length,
                chunked,
                Content.Source.asInputStream(request)),
            sink,
            fetch);
    if ((status == 502 || status == 503 || status == 504) && sink.out == null) {
      return new Sent(status, CoreResponses.errorPage(response, status, p));
    }
    sink.close();
    return new Sent(status, 0);
  }

  /** A script handler took the request: it runs with the request's method and body. */
  private Sent script(
      Request request, Response response, Evaluator site, Outcome.RunScript script, Incoming in)
      throws IOException {
    long bytes;
    if (script.call().method() != null) {
      // An ErrorDocument: a GET whose body was discarded (Content-Length 0, as Apache says).
      List<String[]> noBody = new ArrayList<>();
      for (String[] h : in.raw()) {
        if (h[0].equalsIgnoreCase("Content-Length")) {
          noBody.add(new String[] {h[0], "0"});
        } else if (!h[0].equalsIgnoreCase("Transfer-Encoding")) {
          noBody.add(h);
        }
      }
      bytes =
          scriptResponder.runScript(
              request, response, script, site, noBody, in.target(), script.call().method(), 10);
    } else {
      bytes =
          scriptResponder.runScript(
              request, response, script, site, in.raw(), in.target(), in.method(), 10);
    }
    return new Sent(response.getStatus(), bytes);
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

  /** Apache's LimitRequestLine (414), LimitRequestFieldSize and LimitRequestFields (400). */
  private static int apacheLimits(Request request) {
    String original = request.getHeaders().get(NulTolerantConnectionFactory.ORIGINAL_TARGET);
    String pathQuery = original != null ? original : request.getHttpURI().getPathQuery();
    int line =
        request.getMethod().length()
            + 2
            + (pathQuery == null ? 0 : pathQuery.length())
            + request.getConnectionMetaData().getProtocol().length();
    if (line > Limits.REQUEST_LINE) {
      return 414;
    }
    int count = 0;
    for (HttpField f : request.getHeaders()) {
      if (original != null && f.is(NulTolerantConnectionFactory.ORIGINAL_TARGET)) {
        continue;
      }
      count++;
      if (f.getName().length() + 2 + (f.getValue() == null ? 0 : f.getValue().length())
          > Limits.REQUEST_FIELD_SIZE) {
        return 400;
      }
    }
    return count > Limits.REQUEST_FIELDS ? 400 : 0;
  }

  /** The methods Apache's core handler lists for a static resource. */
  private boolean answerEarly(Request request, Response response, Callback callback, int status) {
    long bytes = 0;
    try {
      if (status >= 400) {
        bytes = CoreResponses.errorPage(response, status);
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
    log(request, status, bytes);
    callback.succeeded();
    return true;
  }

  private void log(Request request, int status, long bytes) {
    log.log(
        Request.getRemoteAddr(request),
        CoreResponses.requestLine(request),
        status,
        bytes,
        request.getHeaders().get("Referer"),
        request.getHeaders().get("User-Agent"));
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
}
