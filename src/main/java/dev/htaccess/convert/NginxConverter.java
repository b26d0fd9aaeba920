package dev.htaccess.convert;

import dev.htaccess.source.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A document root's .htaccess files as one nginx {@code server {}} block (with the {@code map}s it
 * needs before it, at the http level): a {@code location} per directory that has a .htaccess, each
 * with what that directory's merged configuration does.
 */
public final class NginxConverter {

  private NginxConverter() {}

  /** The maps the converted rules may use, written once before the server block. */
  private static final String PRELUDE =
      "# mod_rewrite's %{HTTPS} is \"on\" or \"off\"; nginx's $https is \"on\" or empty\n"
          + "map $https $htaccess_https { on on; default off; }\n";

  /**
   * The file of a path that does not end in a slash (empty for one that does): {@code -d} on it is
   * mod_dir's test for its trailing-slash redirect, in one {@code if} that only returns (an {@code
   * if} that sets a variable would drop the location's try_files).
   */
  private static final String SLASHLESS =
      "# the file of a path without a trailing slash, which mod_dir redirects when it is a"
          + " directory\n"
          + "map $uri $htaccess_slashless { \"~/$\" \"\"; default $request_filename; }\n";

  public static Conversion convert(ConvertOptions options) throws IOException {
    Path root = options.docroot().toAbsolutePath().normalize();
    List<Finding> findings = new ArrayList<>();
    NginxText locations = new NginxText();
    ServerConfigReader.ServerSettings site =
        ServerConfigReader.read(options.serverConfig(), findings);
    NginxMaps maps = new NginxMaps(site);
    List<DocrootDirectories.Dir> dirs = DocrootDirectories.read(root, options, findings);
    boolean redirectEnvRead = DocrootDirectories.readsEnv(dirs, "REDIRECT_");
    for (DocrootDirectories.Dir dir : dirs) {
      NginxText body;
      if (dir.refused() != null) {
        // Apache answers every request below this directory with 500.
        body = new NginxText();
        body.comment(dir.refused() + "\nApache refuses this file: every request here is a 500");
        body.line("return 500;");
      } else {
        body =
            new NginxDirectoryWriter(dir.reader(), findings, redirectEnvRead, maps)
                .body(options.phpFastcgi());
      }
      locations.blank();
      if (dir.file() != null) {
        locations.comment(
            root.relativize(dir.file()).toString().isEmpty()
                ? dir.file().toString()
                : "/" + root.relativize(dir.file()));
      }
      // A refused directory answers 500 before anything else, .ht* files included.
      locations.open("location " + (dir.refused() != null ? "^~ " : "") + dir.prefix());
      locations.append(body);
      locations.close();
    }
    NginxText server = new NginxText();
    server.comment("Converted from the .htaccess files of " + root + " by htaccess convert.");
    server.open("server");
    server.line("listen " + options.listen() + ";");
    List<String> names =
        options.serverName() != null ? List.of(options.serverName()) : site.names();
    if (!names.isEmpty()) {
      server.line("server_name " + String.join(" ", names) + ";");
    }
    server.line("root " + NginxText.quote(root.toString()) + ";");
    server.comment("Apache's own configuration (Debian's): .ht* files are never served");
    server.line("location ~ /\\.ht { return 403; }");
    server.append(locations);
    server.close();
    String prelude =
        PRELUDE
            + (server.text().contains("$htaccess_slashless") ? SLASHLESS : "")
            + (maps.text().isEmpty() ? "" : maps.text().text());
    return new Conversion(prelude + "\n" + server.text(), List.copyOf(findings));
  }

  /** The URL path of a directory below the document root, with a trailing slash. */
  public static String prefix(Path root, Path dir) {
    String rel = root.relativize(dir).toString().replace('\\', '/');
    return rel.isEmpty() ? "/" : "/" + rel + "/";
  }

  /** The .htaccess files below the document root, parents before children. */
  public static List<Path> htaccessFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root, 32)) {
      return walk.filter(p -> p.getFileName().toString().equals(".htaccess"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
          .toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // a directory that cannot be read, met during the walk
    }
  }

  /** A finding's span for a file as a whole. */
  static SourceSpan fileSpan(Path file) {
    return SourceSpan.at(file.toString(), 1, 1);
  }
}
