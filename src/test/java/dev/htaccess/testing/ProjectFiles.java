package dev.htaccess.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the project's test data and the shared material beside the project are. */
public final class ProjectFiles {

  private ProjectFiles() {}

  /** The project's root directory. */
  public static Path root() {
    String configured = System.getProperty("project.root");
    return Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
  }

  /** A path under {@code testdata/}. */
  public static Path testdata(String first, String... more) {
    return root().resolve("testdata").resolve(Path.of(first, more));
  }

  /** {@code ../shared}, when it is there. */
  public static Optional<Path> shared() {
    Path shared = root().resolveSibling("shared");
    return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
  }

  /**
   * The names of the {@code ../shared/corpus} entries that have an .htaccess, sorted; empty when
   * the corpus is absent.
   */
  public static List<String> corpusEntriesWithHtaccess() {
    Path corpus = shared().map(s -> s.resolve("corpus")).orElse(null);
    if (corpus == null || !Files.isDirectory(corpus)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(corpus)) {
      return dirs.filter(d -> Files.exists(d.resolve(".htaccess")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True when golden files are to be rewritten rather than compared ({@code -Dgolden.update=true}).
   */
  public static boolean updateGolden() {
    return Boolean.getBoolean("golden.update");
  }

  /** Reads a golden file, or returns null when it does not exist. */
  public static String readGolden(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a golden file. */
  public static void writeGolden(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
