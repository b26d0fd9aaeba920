package dev.htaccess.serve;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.source.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code htaccess serve}: a Jetty server whose every answer comes from the dry-run evaluator, with
 * real file content and real proxying. Jetty is told to accept request targets as sent (%2F, dot
 * segments, odd methods), since deciding on them is the evaluator's job, as it is Apache's.
 */
public final class HtaccessServer implements AutoCloseable {

  /** The stack of each request thread (reserved address space; only what is used is memory). */
  private static final long REQUEST_STACK_BYTES = 32L << 20;

  private final Server server;
  private final ServerConnector connector;
  private final ProxyForwarder proxy;
  private final ScriptGateway scripts;

  private final AccessLogWriter accessLog;
  private final java.util.concurrent.ScheduledExecutorService flusher;

  private HtaccessServer(
      Server server,
      ServerConnector connector,
      ProxyForwarder proxy,
      ScriptGateway scripts,
      AccessLogWriter accessLog) {
    this.scripts = scripts;
    this.accessLog = accessLog;
    this.flusher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "access-log-flush");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(
        accessLog::flush, 100, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    this.server = server;
    this.connector = connector;
    this.proxy = proxy;
  }

  /** Configuration errors that stop the server from starting, as Apache's would. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    ConfigException(List<Diagnostic> diagnostics) {
      super("the server configuration has errors");
      this.diagnostics = diagnostics;
    }

    public List<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  /** A site as serve evaluates it: scripts on, answers reused while the files stay the same. */
  private static EvaluatorOptions evaluatorOptions(
      ServeOptions options, Path docroot, String host) {
    return EvaluatorOptions.of(docroot)
        .withServerConfig(options.serverConfig())
        .withDefaultHost(host)
        .withMemo(MemoPolicy.REVALIDATE)
        .withScripts(options.php().handler())
        .withForwardProxy(options.upstreamProxy() != null);
  }

  public static HtaccessServer start(ServeOptions options, PrintWriter accessLog)
      throws IOException, ConfigException {
    return start(options, accessLog, new PrintWriter(java.io.OutputStream.nullOutputStream()));
  }

  /**
   * Starts serving. {@code errorLog} gets Apache's error-log lines for answers that need a cause:
   * each 500 with the .htaccess file and line that caused it.
   */
  public static HtaccessServer start(
      ServeOptions options, PrintWriter accessLog, PrintWriter errorLog)
      throws IOException, ConfigException {
    Evaluator site =
        Evaluator.create(evaluatorOptions(options, options.docroot(), options.serverName()));
    List<Diagnostic> errors = new ArrayList<>(site.configErrors());
    Map<String, Evaluator> vhosts = new LinkedHashMap<>();
    for (Map.Entry<String, Path> v : options.vhosts().entrySet()) {
      Evaluator e = Evaluator.create(evaluatorOptions(options, v.getValue(), v.getKey()));
      errors.addAll(e.configErrors());
      vhosts.put(v.getKey().toLowerCase(Locale.ROOT), e);
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    ScriptGateway scripts =
        new ScriptGateway(
            options.php(),
            options.connectTimeout(),
            options.readTimeout(),
            options.phpConnections(),
            errorLog);
    String upstreamProxy =
        options.upstreamProxy() != null ? options.upstreamProxy() : site.proxyRemote();
    ProxyForwarder proxy =
        new ProxyForwarder(
            upstreamProxy,
            options.cacheDir(),
            options.connectTimeout(),
            options.readTimeout(),
            options.serverName(),
            options.insecureUpstream());
    AccessLogWriter accessLogWriter = new AccessLogWriter(accessLog);
    QueuedThreadPool threads =
        new QueuedThreadPool(200, 8) {
          // Requests build and walk the configuration tree recursively: their threads get a
          // deeper stack than the JVM's default, for files nested as deep as the reader accepts.
          @Override
          public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(null, runnable, "htaccess-serve", REQUEST_STACK_BYTES);
            thread.setName("htaccess-serve-" + thread.getId());
            thread.setDaemon(isDaemon());
            return thread;
          }
        };
    threads.setName("htaccess-serve");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setUriCompliance(UriCompliance.UNSAFE);
    // Like Apache: methods are case-sensitive ("get" is unknown, 501) and an absolute-form target
    // may name another host than the Host header (the target wins).
    http.setHttpCompliance(
        HttpCompliance.RFC7230_LEGACY
            .without("htaccess", HttpCompliance.Violation.CASE_INSENSITIVE_METHOD)
            .with(
                "htaccess",
                HttpCompliance.Violation.MISMATCHED_AUTHORITY,
                HttpCompliance.Violation.HTTP_0_9));
    // Apache limits each header line (LimitRequestFieldSize 8190), the request line
    // (LimitRequestLine 8190) and the number of headers (LimitRequestFields 100), not their sum:
    // Jetty gets room for all of them and SiteHandler applies Apache's limits.
    http.setRequestHeaderSize(128 * 1024);
    ServerConnector connector = new ServerConnector(server, new NulTolerantConnectionFactory(http));
    connector.setHost(options.listen().getHostString());
    connector.setPort(options.listen().getPort());
    server.addConnector(connector);
    server.setHandler(
        new SiteHandler(site, vhosts, proxy, scripts, accessLogWriter, errorLog, options.mirror()));
    server.setErrorHandler(new ApacheErrorPages());
    server.setStopTimeout(10_000);
    try {
      server.start();
    } catch (Exception e) {
      throw new IOException("cannot start the server: " + e.getMessage(), e);
    }
    return new HtaccessServer(server, connector, proxy, scripts, accessLogWriter);
  }

  /** The URL the server answers on. */
  public URI uri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort()
            + "/");
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops gracefully: requests in flight finish (up to 10 s). */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping anyway
    }
    proxy.close();
    scripts.close();
    flusher.shutdownNow();
    accessLog.flush();
  }
}
