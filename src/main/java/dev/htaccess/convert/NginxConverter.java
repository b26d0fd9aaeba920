package dev.htaccess.convert;

import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A document root's .htaccess files as one nginx {@code server {}} block (with the {@code map}s it
 * needs before it, at the http level): a {@code location} per directory that has a .htaccess, each
 * with what that directory's merged configuration does.
 */
public final class NginxConverter {

  /**
   * What to convert.
   *
   * @param docroot the document root
   * @param serverName the server_name, or null for none
   * @param listen {@code HOST:PORT} or a port
   * @param phpFastcgi the FastCGI address of php-fpm ({@code 127.0.0.1:9000}, {@code
   *     unix:/run/php/php-fpm.sock}), or null to serve .php files as files
   * @param refusal Apache's error for a .htaccess file it refuses (every request below is then a
   *     500), or null when it reads the file
   */
  public record Options(
      Path docroot,
      String serverName,
      String listen,
      String phpFastcgi,
      java.util.function.Function<Path, String> refusal) {}

  /** The configuration and what could not be converted exactly. */
  public record Conversion(String config, List<Finding> findings) {

    /** True when everything was converted exactly. */
    public boolean exact() {
      return findings.isEmpty();
    }

    /** The {@code file:line} of each construct left out (not approximated). */
    public java.util.Set<String> unconvertedLines() {
      java.util.Set<String> lines = new java.util.HashSet<>();
      for (Finding f : findings) {
        if (f.exact()) {
          lines.add(f.span().file() + ":" + f.span().line());
        }
      }
      return lines;
    }
  }

  private NginxConverter() {}

  /** The maps the converted rules may use, written once before the server block. */
  private static final String PRELUDE =
      "# mod_rewrite's %{HTTPS} is \"on\" or \"off\"; nginx's $https is \"on\" or empty\n"
          + "map $https $htaccess_https { on on; default off; }\n";

  public static Conversion convert(Options options) throws IOException {
    Path root = options.docroot().toAbsolutePath().normalize();
    List<Finding> findings = new ArrayList<>();
    List<Path> files = htaccessFiles(root);
    Map<Path, DirectoryReader.Settings> settings = new HashMap<>();
    NginxText locations = new NginxText();
    boolean rootSeen = false;
    for (Path file : files) {
      Path dir = file.getParent();
      String prefix = prefix(root, dir);
      DirectoryReader.Settings inherited = inheritedSettings(settings, root, dir);
      SourceFile source = SourceFile.read(file);
      ParseResult parsed = HtaccessReader.read(source);
      DirectoryReader converter = new DirectoryReader(root, prefix, inherited, findings);
      NginxText body;
      List<Diagnostic> errors =
          parsed.diagnostics().stream()
              .filter(d -> d.severity() == dev.htaccess.source.Severity.ERROR)
              .toList();
      String refused =
          !errors.isEmpty()
              ? errors.get(0).format()
              : options.refusal() == null ? null : options.refusal().apply(file);
      boolean refusedHere = refused != null;
      if (refused != null) {
        // Apache answers every request below this directory with 500.
        body = new NginxText();
        body.comment(refused + "\nApache refuses this file: every request here is a 500");
        body.line("return 500;");
      } else {
        converter.read(parsed.nodes());
        body = new NginxDirectoryWriter(converter, findings).body(options.phpFastcgi());
      }
      settings.put(dir, converter.settings());
      rootSeen |= dir.equals(root);
      locations.blank();
      locations.comment(
          root.relativize(file).toString().isEmpty()
              ? file.toString()
              : "/" + root.relativize(file));
      // A refused directory answers 500 before anything else, .ht* files included.
      locations.open("location " + (refusedHere ? "^~ " : "") + prefix);
      locations.append(body);
      locations.close();
    }
    if (!rootSeen) {
      DirectoryReader converter =
          new DirectoryReader(root, "/", new DirectoryReader.Settings(), findings);
      NginxText body = new NginxDirectoryWriter(converter, findings).body(options.phpFastcgi());
      locations.blank();
      locations.open("location /");
      locations.append(body);
      locations.close();
    }
    NginxText server = new NginxText();
    server.comment("Converted from the .htaccess files of " + root + " by htaccess convert.");
    server.open("server");
    server.line("listen " + options.listen() + ";");
    if (options.serverName() != null) {
      server.line("server_name " + options.serverName() + ";");
    }
    server.line("root " + NginxText.quote(root.toString()) + ";");
    server.comment("Apache's own configuration (Debian's): .ht* files are never served");
    server.line("location ~ /\\.ht { return 403; }");
    server.append(locations);
    server.close();
    return new Conversion(PRELUDE + "\n" + server.text(), List.copyOf(findings));
  }

  private static DirectoryReader.Settings inheritedSettings(
      Map<Path, DirectoryReader.Settings> settings, Path root, Path dir) {
    for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
      DirectoryReader.Settings s = settings.get(p);
      if (s != null) {
        return s;
      }
    }
    return new DirectoryReader.Settings();
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
