package dev.htaccess.cli;

import dev.htaccess.eval.HtaccessOverlay;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The .htaccess files of the configuration {@code diff} compares against, as an overlay of the
 * document root: the old version is evaluated against the same files for {@code -f} and {@code -d},
 * only its .htaccess files differ.
 */
final class OldConfiguration {

  /** An input that cannot be read or a git command that failed: the message says which. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  private OldConfiguration() {}

  /** The .htaccess files under {@code docroot}, relative, as {@code sub/.htaccess}. */
  static Set<String> htaccessFiles(Path docroot) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> walk = Files.walk(docroot)) {
      walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(".htaccess"))
          .filter(p -> !docroot.relativize(p).toString().startsWith(".git/"))
          .filter(Files::isRegularFile)
          .forEach(p -> out.add(docroot.relativize(p).toString()));
    }
    return out;
  }

  /** One file in place of {@code docroot/.htaccess}. */
  static HtaccessOverlay swap(Path docroot, Path file) throws Unreadable {
    return new HtaccessOverlay(Map.of(absolute(docroot, ".htaccess"), read(file)), Set.of());
  }

  /** The .htaccess files of {@code oldRoot}, where the document root's are. */
  static HtaccessOverlay directory(Path docroot, Path oldRoot) throws Unreadable {
    if (!Files.isDirectory(oldRoot)) {
      throw new Unreadable(oldRoot + ": cannot read: not a directory");
    }
    try {
      Map<String, String> files = new HashMap<>();
      for (String rel : htaccessFiles(oldRoot)) {
        files.put(absolute(docroot, rel), read(oldRoot.resolve(rel)));
      }
      return withAbsent(docroot, files);
    } catch (IOException e) {
      throw new Unreadable(oldRoot + ": cannot read: " + e.getMessage());
    }
  }

  /** The .htaccess files of the document root as of a git revision of its repository. */
  static HtaccessOverlay gitRevision(Path docroot, String rev) throws Unreadable {
    if (rev.startsWith("-")) {
      throw new Unreadable("--git-rev: not a revision: " + rev);
    }
    String listing = git(docroot, "ls-tree", "-r", "--name-only", rev, "--", ".");
    Map<String, String> files = new HashMap<>();
    for (String rel : listing.split("\n")) {
      if (rel.equals(".htaccess") || rel.endsWith("/.htaccess")) {
        files.put(absolute(docroot, rel), git(docroot, "show", rev + ":./" + rel));
      }
    }
    try {
      return withAbsent(docroot, files);
    } catch (IOException e) {
      throw new Unreadable(docroot + ": cannot read: " + e.getMessage());
    }
  }

  /** The overlay of {@code files}, with the document root's other .htaccess files absent. */
  private static HtaccessOverlay withAbsent(Path docroot, Map<String, String> files)
      throws IOException {
    Set<String> absent = new HashSet<>();
    for (String rel : htaccessFiles(docroot)) {
      String abs = absolute(docroot, rel);
      if (!files.containsKey(abs)) {
        absent.add(abs);
      }
    }
    return new HtaccessOverlay(files, absent);
  }

  private static String absolute(Path docroot, String rel) {
    return docroot.toAbsolutePath().normalize().resolve(rel).normalize().toString();
  }

  private static String read(Path file) throws Unreadable {
    if (!Files.isRegularFile(file)) {
      throw new Unreadable(file + ": cannot read: no such file");
    }
    try {
      return RawText.fromBytes(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new Unreadable(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Runs git in {@code dir}; its standard output as raw text. */
  private static String git(Path dir, String... args) throws Unreadable {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out;
      byte[] err;
      try (InputStream in = p.getInputStream();
          InputStream es = p.getErrorStream()) {
        out = in.readAllBytes();
        err = es.readAllBytes();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Unreadable("git " + args[0] + ": no answer in 60 s");
      }
      if (p.exitValue() != 0) {
        String message = new String(err, java.nio.charset.StandardCharsets.UTF_8).strip();
        throw new Unreadable("git " + args[0] + " failed: " + message);
      }
      return RawText.fromBytes(out);
    } catch (IOException e) {
      throw new Unreadable("git: cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreadable("git: interrupted");
    }
  }
}
