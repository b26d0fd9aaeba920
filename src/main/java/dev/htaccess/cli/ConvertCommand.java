package dev.htaccess.cli;

import dev.htaccess.convert.CaddyConverter;
import dev.htaccess.convert.Conversion;
import dev.htaccess.convert.ConvertOptions;
import dev.htaccess.convert.Finding;
import dev.htaccess.convert.NginxConverter;
import dev.htaccess.convert.verify.CaddyServer;
import dev.htaccess.convert.verify.ConversionVerifier;
import dev.htaccess.convert.verify.EngineRefusals;
import dev.htaccess.convert.verify.NginxServer;
import dev.htaccess.convert.verify.TargetServer;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code htaccess convert --to nginx|caddy}: the document root's .htaccess files as an nginx server
 * block or a Caddyfile site.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Convert a document root's .htaccess files to an nginx server block or a Caddyfile site that"
          + " behaves the same.",
      "What cannot be converted exactly is reported as path:line:col: cannot convert: why.",
      "--verify runs the result on a real nginx or Caddy and compares its answers with Apache's"
          + " (the engine)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:converted exactly (and, with --verify, every request agreed)",
      "1:something could not be converted exactly (unless --allow-approximate), or a request"
          + " answered differently",
      "2:usage error",
      "3:the document root or the requests could not be read, or the server could not be run"
    })
final class ConvertCommand implements Callable<Integer> {

  enum Target {
    nginx,
    caddy
  }

  @Spec CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "SERVER", description = "nginx or caddy.")
  Target to;

  @picocli.CommandLine.Mixin SiteOptions site;

  @Option(names = "--server-name", paramLabel = "NAME", description = "The server_name line.")
  String serverName;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "The listen line (default: ${DEFAULT-VALUE}).")
  String listen = "80";

  @Option(
      names = "--php",
      paramLabel = "fpm:ADDR",
      description = "Run .php files through php-fpm at ADDR (HOST:PORT or unix:/path.sock).")
  String php;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the result here.")
  Path output;

  @Option(
      names = "--allow-approximate",
      description = "Exit 0 even when some constructs were approximated or left out.")
  boolean allowApproximate;

  @Option(
      names = "--verify",
      description = "Start the server with the result and compare its answers with the engine's.")
  boolean verify;

  @Option(
      names = "--requests",
      paramLabel = "FILE",
      description =
          "With --verify: the requests to compare (METHOD URL per line); default: one GET for"
              + " each file and directory of the document root, and a missing path in each.")
  Path requests;

  @Option(
      names = "--access-log",
      paramLabel = "LOG",
      description =
          "With --verify: replay the requests of an access log (common or combined format, .gz"
              + " too), each distinct one once, at most 10,000.")
  Path accessLog;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = site.check(err);
    if (unreadable != 0) {
      return unreadable;
    }
    Path docroot = site.docroot;
    EvaluatorOptions engine = EvaluatorOptions.of(docroot).withServerConfig(site.serverConfig);
    String fastcgi = null;
    if (php != null) {
      if (!php.startsWith("fpm:") || php.length() == 4) {
        err.println("htaccess convert: --php takes fpm:HOST:PORT or fpm:unix:/path.sock");
        return ExitCodes.USAGE;
      }
      fastcgi = php.substring(4);
    }
    Conversion conversion;
    try {
      EngineRefusals verdicts = new EngineRefusals(engine);
      if (site.refusedByApache(Evaluator.create(engine), err, "convert")) {
        return ExitCodes.FINDINGS;
      }
      ConvertOptions options =
          new ConvertOptions(docroot, site.serverConfig, serverName, listen, fastcgi, verdicts);
      conversion =
          to == Target.caddy ? CaddyConverter.convert(options) : NginxConverter.convert(options);
    } catch (IOException e) {
      err.println("htaccess convert: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    for (Finding f : conversion.findings()) {
      err.println(f.render());
    }
    try {
      if (output != null) {
        Files.writeString(output, conversion.config(), StandardCharsets.UTF_8);
      } else {
        out.print(conversion.config());
        out.flush();
      }
    } catch (IOException e) {
      err.println("htaccess convert: " + output + ": " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
    int exit = conversion.exact() || allowApproximate ? ExitCodes.OK : ExitCodes.FINDINGS;
    if (verify) {
      Path requestFile = requests;
      try {
        if (accessLog != null) {
          requestFile = requestsOf(accessLog);
        }
      } catch (IOException e) {
        err.println("htaccess convert: " + accessLog + ": " + e.getMessage());
        return ExitCodes.UNREADABLE;
      }
      try {
        TargetServer server = to == Target.caddy ? new CaddyServer() : new NginxServer();
        ConversionVerifier.Report report =
            ConversionVerifier.verify(
                server,
                engine,
                conversion.config(),
                requestFile,
                err,
                conversion.unconvertedLines());
        err.println(report.summary());
        if (!report.allAgree()) {
          exit = ExitCodes.FINDINGS;
        }
      } catch (ConversionVerifier.Unavailable e) {
        err.println("htaccess convert: --verify: " + e.getMessage());
        return ExitCodes.UNREADABLE;
      } finally {
        if (accessLog != null && requestFile != null) {
          try {
            Files.deleteIfExists(requestFile);
          } catch (IOException e) {
            // a temporary file left behind
          }
        }
      }
    }
    return exit;
  }

  /** The distinct requests of an access log as a temporary request file. */
  private static Path requestsOf(Path log) throws IOException {
    java.util.Set<String> lines = new java.util.LinkedHashSet<>();
    java.io.InputStream raw = Files.newInputStream(log);
    if (log.getFileName().toString().endsWith(".gz")) {
      raw = new java.util.zip.GZIPInputStream(raw);
    }
    try (java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(raw, StandardCharsets.ISO_8859_1))) {
      String line;
      while ((line = in.readLine()) != null && lines.size() < 10_000) {
        String request = AccessLog.requestLine(line);
        if (request != null) {
          lines.add(request);
        }
      }
    }
    Path file = Files.createTempFile("htaccess-convert", ".requests");
    Files.write(file, lines, StandardCharsets.ISO_8859_1);
    return file;
  }
}
