package dev.htaccess.cli;

import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files for the commands, turning every failure into a one-line message. */
final class InputFiles {

  private InputFiles() {}

  /**
   * Reads {@code name} ({@code -} is standard input); prints {@code path: cannot read: reason} and
   * returns null when it cannot.
   */
  static SourceFile read(String name, InputStream stdin, PrintWriter err) {
    if (name.equals("-")) {
      try {
        return new SourceFile("<stdin>", RawText.fromBytes(stdin.readAllBytes()));
      } catch (IOException e) {
        err.println("<stdin>: cannot read: " + e.getMessage());
        return null;
      }
    }
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      err.println(name + ": cannot read: is a directory");
      return null;
    }
    try {
      return new SourceFile(name, RawText.fromBytes(Files.readAllBytes(path)));
    } catch (NoSuchFileException e) {
      err.println(name + ": cannot read: no such file");
    } catch (AccessDeniedException e) {
      err.println(name + ": cannot read: permission denied");
    } catch (IOException | OutOfMemoryError e) {
      err.println(name + ": cannot read: " + e.getMessage());
    }
    return null;
  }
}
