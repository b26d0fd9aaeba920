package dev.htaccess.lsp;

import dev.htaccess.lint.LintConfig;
import dev.htaccess.lint.LintConfigFile;
import dev.htaccess.lint.LintSettings;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The editor's view of the files: the open documents (their unsaved text wins over the disk), the
 * workspace folders, and what a file is linted and tried with: its parent directories' {@code
 * .htaccess} files, the nearest {@code .htaccess-lint.toml}, and its document root.
 */
final class LspWorkspace {

  /** An open document: its text and the version the editor gave it. */
  record Document(URI uri, Path path, String text, int version) {}

  private final Map<URI, Document> open = new ConcurrentHashMap<>();
  private final List<Path> roots = new CopyOnWriteArrayList<>();

  void addRoot(URI root) {
    Path p = path(root);
    if (p != null) {
      roots.add(p.toAbsolutePath().normalize());
    }
  }

  void put(URI uri, String text, int version) {
    Path path = path(uri);
    open.put(uri, new Document(uri, path, text, version));
  }

  void remove(URI uri) {
    open.remove(uri);
  }

  Document get(URI uri) {
    return open.get(uri);
  }

  /** The file a {@code file:} URI names, or null for another scheme (an unsaved buffer). */
  static Path path(URI uri) {
    try {
      return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A document's text read as Apache reads the file. */
  static ParseResult parse(Document d) {
    String name = d.path() != null ? d.path().toString() : d.uri().toString();
    return HtaccessReader.read(SourceFile.ofText(name, d.text()));
  }

  /** The workspace folder holding {@code file}, the deepest if folders nest, or null. */
  Path rootOf(Path file) {
    Path best = null;
    for (Path r : roots) {
      if (file.toAbsolutePath().normalize().startsWith(r)
          && (best == null || r.getNameCount() > best.getNameCount())) {
        best = r;
      }
    }
    return best;
  }

  /**
   * The {@code .htaccess} files of the directories above {@code file}'s, up to its workspace folder
   * (none outside a folder), the outermost first; an open one as the editor has it.
   */
  List<ParseResult> parents(Path file) {
    Path root = file == null ? null : rootOf(file);
    if (root == null) {
      return List.of();
    }
    List<ParseResult> parents = new ArrayList<>();
    Path dir = file.toAbsolutePath().normalize().getParent();
    while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
      dir = dir.getParent();
      if (dir == null) {
        break;
      }
      Path parent = dir.resolve(".htaccess");
      Document d = open.get(parent.toUri());
      try {
        if (d != null) {
          parents.add(parse(d));
        } else if (Files.isRegularFile(parent)) {
          parents.add(HtaccessReader.read(SourceFile.read(parent)));
        }
      } catch (IOException e) {
        // an unreadable parent is one Apache would refuse; its own diagnostics say so
      }
    }
    Collections.reverse(parents);
    return parents;
  }

  /**
   * The lint configuration for {@code file}: the nearest {@code .htaccess-lint.toml} above it, or
   * the defaults.
   *
   * @throws IllegalArgumentException when that file is malformed
   */
  LintConfig config(Path file) throws IOException {
    if (file == null) {
      return LintConfig.defaults();
    }
    Path found = LintConfigFile.find(file.toAbsolutePath().getParent());
    return found == null
        ? LintConfig.defaults()
        : LintSettings.resolve(LintConfigFile.read(found), LintSettings.Choices.NONE);
  }

  /**
   * The document root requests are tried against: the innermost directory above the file (or its
   * own) with a name hosting tools and frameworks give document roots (Laravel's and Symfony's
   * {@code public/}, cPanel's {@code public_html/}, Drupal's {@code web/}, ...), within its
   * workspace folder; else the workspace folder; else the file's directory.
   */
  Path docroot(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    Path root = rootOf(file);
    if (root == null) {
      return dir;
    }
    for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      if (DOCROOT_NAMES.contains(d.getFileName().toString())) {
        return d;
      }
    }
    return root;
  }

  private static final java.util.Set<String> DOCROOT_NAMES =
      java.util.Set.of("public", "public_html", "htdocs", "httpdocs", "web", "www", "html");
}
