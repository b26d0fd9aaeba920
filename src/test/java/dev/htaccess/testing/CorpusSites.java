package dev.htaccess.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sites of ../shared/corpus, built as the oracle's tools build them. */
public final class CorpusSites {

  private CorpusSites() {}

  /**
   * Builds a case from a corpus entry as ../shared/oracle/corpus2case.py does: its .htaccess and
   * requests (when it has them), and a stand-in file (or directory) for every line of its
   * files.txt.
   */
  public static void build(Path entry, Path caseDir) throws IOException {
    Path docroot = caseDir.resolve("docroot");
    Files.createDirectories(docroot);
    Files.copy(entry.resolve(".htaccess"), docroot.resolve(".htaccess"));
    if (Files.exists(entry.resolve("requests.txt"))) {
      Files.copy(entry.resolve("requests.txt"), caseDir.resolve("requests.txt"));
    }
    Path files = entry.resolve("files.txt");
    if (Files.exists(files)) {
      for (String line : Files.readAllLines(files)) {
        String p = line.strip();
        if (p.isEmpty() || p.startsWith("#") || p.endsWith("/.htaccess") || p.equals(".htaccess")) {
          continue;
        }
        Path full = docroot.resolve(p.replaceFirst("^/+", ""));
        if (p.endsWith("/")) {
          Files.createDirectories(full);
          Files.writeString(full.resolve(".keep"), "");
        } else {
          Files.createDirectories(full.getParent());
          Files.writeString(full, p + "\n");
        }
      }
    }
  }
}
