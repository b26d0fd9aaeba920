package dev.htaccess.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The site a command works on: {@code --docroot} and {@code --server-config} (test, serve). */
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
}
