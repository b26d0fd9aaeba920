package dev.htaccess.serve;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The mirror's fetches that no client reads: a Drupal image style's original, fetched before the
 * request for its derivative goes on ({@code --mirror-derivatives}); and the wait for another
 * request's fetch of the same file.
 */
final class MirrorOriginals {

  private final Mirror mirror;
  private final ProxyForwarder proxy;
  private final ErrorLog errorLog;

  MirrorOriginals(Mirror mirror, ProxyForwarder proxy, ErrorLog errorLog) {
    this.mirror = mirror;
    this.proxy = proxy;
    this.errorLog = errorLog;
  }

  /** Headers of the client's that are about its own copy: a fetch for the mirror drops them. */
  private static final Set<String> CLIENT_CONDITIONS =
      Set.of(
          "range",
          "if-range",
          "if-none-match",
          "if-modified-since",
          "if-match",
          "if-unmodified-since");

  /**
   * A request for a Drupal image style's derivative whose original is missing here fetches the
   * original first (saved, not sent), the way the rules would proxy a request for it, so the local
   * site can build the derivative; the request then goes on as it would have.
   *
   * @param request the request for the derivative
   * @param raw its headers as received, for the upstream
   * @param host its Host header
   */
  void fetchOriginal(Evaluator site, RequestSpec request, List<String[]> raw, String host) {
    String target = RawText.display(request.target());
    int query = target.indexOf('?');
    String original = Mirror.originalOf(query < 0 ? target : target.substring(0, query));
    if (original == null) {
      return;
    }
    Outcome o =
        site.evaluate(
                new RequestSpec(
                    "GET",
                    RawText.fromText(original),
                    request.headers(),
                    request.https(),
                    request.remoteAddr()))
            .outcome();
    if (!(o instanceof Outcome.Proxy p)) {
      return; // the original is here, or the rules do not fetch it
    }
    Path file = mirror.target(site, p);
    String url = RawText.display(p.url());
    if (file == null || Files.exists(file) || mirror.knownMissing(url)) {
      return;
    }
    CompletableFuture<Void> theirs = mirror.join(file);
    if (theirs != null) {
      await(theirs);
      return;
    }
    try {
      List<String[]> headers = new ArrayList<>();
      for (String[] h : ResponseDecorator.requestHeaders(raw, p)) {
        if (!CLIENT_CONDITIONS.contains(h[0].toLowerCase(Locale.ROOT))) {
          headers.add(h);
        }
      }
      headers.add(mirror.loopMark());
      Path root = Path.of(RawText.display(site.docrootPath())).toAbsolutePath().normalize();
      int status =
          proxy.forward(
              url,
              new ProxyForwarder.Incoming(
                  "GET",
                  headers,
                  host,
                  request.remoteAddr(),
                  0,
                  false,
                  InputStream.nullInputStream()),
              DISCARD,
              new ProxyForwarder.MirrorFetch(
                  file, root, mirror.fetchHeaders(), mirror.settings().retries()));
      if (Mirror.isMissing(status)) {
        mirror.rememberMissing(url);
      }
    } catch (IOException e) {
      errorLog.line(
          "proxy:error",
          request.remoteAddr(),
          original
              + ": the original of a derivative could not be fetched: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } finally {
      mirror.done(file);
    }
  }

  /** A sink for a fetch nobody reads but the mirror. */
  private static final ProxyForwarder.Sink DISCARD =
      new ProxyForwarder.Sink() {
        @Override
        public void status(int status) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public OutputStream body() {
          return OutputStream.nullOutputStream();
        }
      };

  /** Waits for another request's fetch to end (however it ends), within the timeouts. */
  void await(CompletableFuture<Void> theirs) {
    try {
      theirs.get(
          proxy.readTimeoutMillis() * (mirror.settings().retries() + 1L) + 5_000, MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      // go on: what is there is served, what is not is fetched again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
