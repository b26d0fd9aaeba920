package dev.htaccess.cli;

import dev.htaccess.report.DiagnosticPrinter;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The site a command works on: {@code --docroot} and {@code --server-config} (test, serve, diff,
 * coverage).
 */
final class SiteOptions {

  @Option(
      names = "--docroot",
      paramLabel = "DIR",
      description = "Document root; .htaccess files are read on the way to each file (default: .).")
  Path docroot = Path.of(".");

  @Option(
      names = "--server-config",
      paramLabel = "FILE",
      description =
          "Directives of the <VirtualHost> around the document root (RewriteMap, Alias,"
              + " ProxyPass, <Directory> ...); relative paths resolve against its directory.")
  Path serverConfig;

  /** Reports an unreadable document root or server configuration; 0 when both are usable. */
  int check(PrintWriter err) {
    if (!Files.isDirectory(docroot)) {
      err.println(docroot + ": cannot read: not a directory");
      return ExitCodes.UNREADABLE;
    }
    if (serverConfig != null && !Files.isRegularFile(serverConfig)) {
      err.println(serverConfig + ": cannot read: no such file");
      return ExitCodes.UNREADABLE;
    }
    return 0;
  }

  /**
   * Prints the server configuration's errors, with its lines, when Apache would refuse to start
   * with it; true when it would.
   */
  boolean refusedByApache(dev.htaccess.eval.Evaluator evaluator, PrintWriter err, String command)
      throws java.io.IOException {
    if (evaluator.configErrors().isEmpty()) {
      return false;
    }
    SourceFile config = serverConfig == null ? null : SourceFile.read(serverConfig);
    for (Diagnostic d : evaluator.configErrors()) {
      err.println(DiagnosticPrinter.withSource(d, config));
    }
    err.println("htaccess " + command + ": Apache would refuse to start with this configuration");
    return true;
  }
}
