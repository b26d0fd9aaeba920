package dev.htaccess.cli;

import dev.htaccess.report.DiagnosticPrinter;
import dev.htaccess.serve.HtaccessServer;
import dev.htaccess.serve.MirrorSettings;
import dev.htaccess.serve.PhpBackend;
import dev.htaccess.serve.ServeOptions;
import dev.htaccess.source.Diagnostic;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code htaccess serve}: serve a document root with its .htaccess files, proxying [P] for real.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serve a directory with its .htaccess files as Apache 2.4 would, and really proxy [P] rules"
          + " and ProxyPass. Stops cleanly on Ctrl-C."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped (130 or 143 when stopped by Ctrl-C or SIGTERM, after requests in flight finish)",
      "1:the server configuration has errors (Apache would not start)",
      "2:usage error",
      "3:cannot listen or read the document root"
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SiteOptions site;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where to listen (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen = "127.0.0.1:8080";

  @Option(
      names = "--access-log",
      paramLabel = "FILE|-",
      description = "Combined-format access log (default: - for standard output).")
  String accessLog = "-";

  @Option(
      names = "--upstream-proxy",
      paramLabel = "URL",
      description = "Send upstream requests through this forward proxy.")
  String upstreamProxy;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "HTTP cache of proxied responses (honours Cache-Control).")
  Path cacheDir;

  @Option(
      names = "--mirror",
      arity = "0..1",
      fallbackValue = "download",
      paramLabel = "MODE",
      description = {
        "What becomes of [P] GETs for files under the document root: download (the default"
            + " MODE: fetch once, save, serve locally from then on) or redirect (send the client"
            + " to the origin instead)."
      })
  String mirror;

  @Option(
      names = "--mirror-status",
      paramLabel = "STATUS",
      description = "The redirect mode's status: 301, 302 (default), 303, 307 or 308.")
  int mirrorStatus = 302;

  @Option(
      names = "--mirror-auth",
      paramLabel = "USER:PASSWORD",
      description =
          "Basic credentials for an origin behind a password (sent with mirrored fetches"
              + " only). The environment variable HTACCESS_MIRROR_AUTH is read when this is -.")
  String mirrorAuth;

  @Option(
      names = "--mirror-header",
      paramLabel = "'NAME: VALUE'",
      description = "A request header for mirrored fetches; repeatable.")
  List<String> mirrorHeaders = new ArrayList<>();

  @Option(
      names = "--mirror-negative-ttl",
      paramLabel = "SECONDS",
      description =
          "How long the origin's 404 or 410 for a file is believed (default 60; 0: never).")
  long mirrorNegativeTtl = 60;

  @Option(
      names = "--mirror-derivatives",
      description =
          "A request for a Drupal image style (.../styles/STYLE/public/PATH) first"
              + " fetches the original (.../PATH), so the local site can build the derivative.")
  boolean mirrorDerivatives;

  @Option(
      names = "--mirror-retries",
      paramLabel = "N",
      description = "How often a fetch that failed or got a 5xx is tried again (default 2).")
  int mirrorRetries = 2;

  @Option(
      names = "--vhost",
      paramLabel = "NAME=DIR",
      description = "Another site, chosen by Host header; repeatable.")
  Map<String, Path> vhosts = new LinkedHashMap<>();

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      description = "Upstream connect timeout (default: ${DEFAULT-VALUE}).")
  int connectTimeout = 10;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Upstream read timeout (default: ${DEFAULT-VALUE}).")
  int timeout = 60;

  @Option(
      names = "--insecure-upstream",
      description =
          "Accept any TLS certificate from upstreams, like Apache with SSLProxyVerify none and"
              + " SSLProxyCheckPeerName off (default: verify, as a browser would).")
  boolean insecureUpstream;

  @Option(
      names = "--php",
      paramLabel = "BACKEND",
      description =
          "Where .php files run: fpm:HOST:PORT, fpm:unix:/path.sock (php-fpm over FastCGI, as"
              + " mod_proxy_fcgi), cgi:/usr/bin/php-cgi (per request, as mod_cgi) or none (served"
              + " as files, as Apache without PHP). Default: /run/php/php*-fpm.sock if present,"
              + " else php-cgi on the PATH, else none.")
  String php;

  @Option(
      names = "--php-connections",
      paramLabel = "N",
      description =
          "At most N FastCGI connections to php-fpm at once; keep it at or below the pool's"
              + " pm.max_children (default: ${DEFAULT-VALUE}).")
  int phpConnections = 4;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = site.check(err);
    if (unreadable != 0) {
      return unreadable;
    }
    Path docroot = site.docroot;
    Path serverConfig = site.serverConfig;
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      err.println("htaccess serve: --listen needs HOST:PORT");
      return ExitCodes.USAGE;
    }
    InetSocketAddress address;
    try {
      address =
          new InetSocketAddress(
              listen.substring(0, colon).replace("[", "").replace("]", ""),
              Integer.parseInt(listen.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      err.println("htaccess serve: bad --listen " + listen);
      return ExitCodes.USAGE;
    }
    PhpBackend phpBackend;
    try {
      phpBackend = php == null ? PhpBackend.detect() : PhpBackend.parse(php);
    } catch (IllegalArgumentException e) {
      err.println("htaccess serve: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (phpBackend.kind() == PhpBackend.Kind.CGI && !Files.isExecutable(phpBackend.cgiBinary())) {
      err.println(phpBackend.cgiBinary() + ": cannot run: not an executable file");
      return ExitCodes.UNREADABLE;
    }
    if (phpConnections < 1) {
      err.println("htaccess serve: --php-connections must be at least 1");
      return ExitCodes.USAGE;
    }
    err.println(phpNotice(phpBackend, docroot, php != null));
    // No log at all for /dev/null: the lines would be formatted only to be thrown away.
    PrintWriter log =
        accessLog.equals("-")
            ? out
            : accessLog.equals("/dev/null")
                ? null
                : new PrintWriter(
                    new OutputStreamWriter(
                        Files.newOutputStream(
                            Path.of(accessLog),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND),
                        StandardCharsets.UTF_8),
                    true);
    MirrorSettings mirrorSettings;
    try {
      mirrorSettings = mirrorSettings();
    } catch (IllegalArgumentException e) {
      err.println("htaccess serve: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ServeOptions options =
        new ServeOptions(
            docroot,
            serverConfig,
            address,
            "localhost",
            upstreamProxy,
            cacheDir,
            mirrorSettings,
            vhosts,
            Duration.ofSeconds(connectTimeout),
            Duration.ofSeconds(timeout),
            insecureUpstream,
            phpBackend,
            phpConnections);
    HtaccessServer server;
    try {
      server = HtaccessServer.start(options, log, err);
    } catch (HtaccessServer.ConfigException e) {
      for (Diagnostic d : e.diagnostics()) {
        err.println(DiagnosticPrinter.withSource(d, null));
      }
      err.println("htaccess serve: Apache would refuse to start with this configuration");
      return ExitCodes.FINDINGS;
    } catch (IOException e) {
      err.println("htaccess serve: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    err.println(
        "htaccess serve: serving " + docroot.toAbsolutePath().normalize() + " on " + server.uri());
    err.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    server.join();
    return ExitCodes.OK;
  }

  /**
   * The start-up line about PHP: where it runs, or a warning when .php files will not run and
   * nobody asked for that ({@code chosen}: the backend was given with --php, none included).
   */
  static String phpNotice(PhpBackend php, Path docroot, boolean chosen) {
    if (php.kind() != PhpBackend.Kind.NONE) {
      return "htaccess serve: PHP runs on " + php.describe();
    }
    if (!chosen && containsPhp(docroot)) {
      return "htaccess serve: warning: "
          + docroot
          + " contains .php files but no PHP backend is set (--php); they are served as plain"
          + " files, as Apache without PHP would";
    }
    return "htaccess serve: no PHP (--php none)";
  }

  /** Whether the tree holds a .php file (looked for a few levels deep only, to start fast). */
  private static boolean containsPhp(Path root) {
    try (var files = Files.find(root, 4, (p, a) -> p.toString().endsWith(".php"))) {
      return files.findAny().isPresent();
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** The --mirror options, checked. */
  private MirrorSettings mirrorSettings() {
    if (mirror == null) {
      return MirrorSettings.OFF;
    }
    MirrorSettings.Mode mode =
        switch (mirror.toLowerCase(java.util.Locale.ROOT)) {
          case "download" -> MirrorSettings.Mode.DOWNLOAD;
          case "redirect" -> MirrorSettings.Mode.REDIRECT;
          default ->
              throw new IllegalArgumentException("--mirror is download or redirect, not " + mirror);
        };
    String auth = "-".equals(mirrorAuth) ? System.getenv("HTACCESS_MIRROR_AUTH") : mirrorAuth;
    if (auth != null && auth.indexOf(':') < 0) {
      throw new IllegalArgumentException("--mirror-auth is USER:PASSWORD");
    }
    List<String[]> headers = new ArrayList<>();
    for (String h : mirrorHeaders) {
      int colon = h.indexOf(':');
      if (colon <= 0
          || !dev.htaccess.httpd.HeaderValues.sendableName(h.substring(0, colon).strip())
          || !dev.htaccess.httpd.HeaderValues.sendable(h.substring(colon + 1).strip())) {
        throw new IllegalArgumentException("--mirror-header is 'NAME: VALUE', not " + h);
      }
      headers.add(new String[] {h.substring(0, colon).strip(), h.substring(colon + 1).strip()});
    }
    return new MirrorSettings(
        mode,
        mirrorStatus,
        auth,
        headers,
        Duration.ofSeconds(mirrorNegativeTtl),
        mirrorRetries,
        mirrorDerivatives);
  }
}
