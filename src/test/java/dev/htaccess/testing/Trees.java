package dev.htaccess.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of directory trees for tests (a case, a site), as the oracle copies a case. */
public final class Trees {

  private Trees() {}

  /**
   * Copies {@code from} to {@code to}: directories, files with their modification times and modes,
   * and symbolic links as links (a case's links are part of what it tests).
   */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path src : files.toList()) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isSymbolicLink(src)) {
          Files.createDirectories(dst.getParent());
          Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
        } else if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
