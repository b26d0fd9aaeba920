package dev.htaccess.convert;

import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The document root's .htaccess files read for a conversion, one directory each, parents before
 * children, each with the settings its parents pass down; the document root itself always among
 * them (with no file when it has none).
 */
final class DocrootDirectories {

  private DocrootDirectories() {}

  /**
   * A directory with a .htaccess file.
   *
   * @param file the file, or null for a document root that has none
   * @param prefix its URL path with a trailing slash
   * @param reader what the file says, read
   * @param refused Apache's error for the file when it refuses it (every request below is then a
   *     500), or null
   */
  record Dir(Path file, String prefix, DirectoryReader reader, String refused) {}

  static List<Dir> read(Path root, ConvertOptions options, List<Finding> findings)
      throws IOException {
    List<Dir> dirs = new ArrayList<>();
    Map<Path, DirectoryReader.Settings> settings = new HashMap<>();
    boolean rootSeen = false;
    for (Path file : NginxConverter.htaccessFiles(root)) {
      Path dir = file.getParent();
      if (!options.verdicts().read(dir)) {
        continue; // AllowOverride None: Apache does not read it
      }
      String prefix = NginxConverter.prefix(root, dir);
      DirectoryReader reader =
          new DirectoryReader(root, prefix, inherited(settings, root, dir), findings);
      ParseResult parsed = HtaccessReader.read(SourceFile.read(file));
      List<Diagnostic> errors =
          parsed.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
      String refused =
          !errors.isEmpty() ? errors.get(0).format() : options.verdicts().refusal(file);
      if (refused == null) {
        reader.read(parsed.nodes());
      }
      settings.put(dir, reader.settings());
      rootSeen |= dir.equals(root);
      dirs.add(new Dir(file, prefix, reader, refused));
    }
    if (!rootSeen) {
      dirs.add(
          new Dir(
              null,
              "/",
              new DirectoryReader(root, "/", new DirectoryReader.Settings(), findings),
              null));
    }
    return dirs;
  }

  /** The environment variables some rule reads ({@code %{ENV:name}}), by name. */
  static java.util.SortedSet<String> envRead(List<Dir> dirs) {
    java.util.SortedSet<String> read = new java.util.TreeSet<>();
    for (Dir dir : dirs) {
      for (RewriteTranslator.Rule r : dir.reader().rules()) {
        for (dev.htaccess.model.Template t : RuleSupport.templates(r)) {
          for (dev.htaccess.model.Template.Part p : t.allParts()) {
            if (p instanceof dev.htaccess.model.Template.Variable v
                && v.name().regionMatches(true, 0, "ENV:", 0, 4)) {
              read.add(v.name().substring(4));
            }
          }
        }
      }
    }
    return read;
  }

  /** Whether some rule reads an environment variable whose name starts with {@code prefix}. */
  static boolean readsEnv(List<Dir> dirs, String prefix) {
    return envRead(dirs).stream()
        .anyMatch(n -> n.regionMatches(true, 0, prefix, 0, prefix.length()));
  }

  private static DirectoryReader.Settings inherited(
      Map<Path, DirectoryReader.Settings> settings, Path root, Path dir) {
    for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
      DirectoryReader.Settings s = settings.get(p);
      if (s != null) {
        return s;
      }
    }
    return new DirectoryReader.Settings();
  }
}
