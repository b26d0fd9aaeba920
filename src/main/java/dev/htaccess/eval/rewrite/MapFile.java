package dev.htaccess.eval.rewrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A map kept in files ({@code txt:}, {@code rnd:}, {@code dbm:}) as mod_rewrite consults it: before
 * each lookup the files are stat'ed; when one is missing the key has no value (Apache logs
 * AH00661/AH00662 and goes on), when one is newer than what was read the map is read again (no
 * restart), and a file that cannot be read as its format gives no value for any key (Apache: "can't
 * open DBM RewriteMap").
 */
final class MapFile extends RewriteMapSource {

  /** Reads the whole map. */
  interface Reader {
    Map<String, String> read() throws IOException;
  }

  private final List<Path> files;
  private final Reader reader;
  private final boolean random;

  /** What was read, and the newest modification time of the files when it was. */
  private record Loaded(FileTime mtime, Map<String, String> entries) {}

  private volatile Loaded loaded;

  /**
   * A map of {@code files} (the first is the one the declaration requires) read by {@code reader};
   * {@code random} for {@code rnd:}, whose values are {@code |}-separated choices.
   *
   * @throws IllegalArgumentException with mod_rewrite's message when the first file is missing
   */
  MapFile(String mapName, List<Path> files, Reader reader, boolean random) {
    this.files = List.copyOf(files);
    this.reader = reader;
    this.random = random;
    if (!Files.exists(files.get(0))) {
      throw new IllegalArgumentException(
          "RewriteMap: file for map " + mapName + " not found:" + files.get(0));
    }
  }

  @Override
  public boolean deterministic() {
    return !random;
  }

  @Override
  public String lookup(String key) {
    FileTime mtime = null;
    try {
      for (Path p : files) {
        FileTime t = Files.getLastModifiedTime(p);
        if (mtime == null || t.compareTo(mtime) > 0) {
          mtime = t;
        }
      }
    } catch (IOException e) {
      return null;
    }
    Loaded l = loaded;
    if (l == null || !l.mtime().equals(mtime)) {
      Map<String, String> entries;
      try {
        entries = reader.read();
      } catch (IOException e) {
        entries = Map.of();
      }
      l = new Loaded(mtime, entries);
      loaded = l;
    }
    String v = l.entries().get(key);
    // An empty value (no map file format here can hold one from its text) is taken as none, as
    // mod_rewrite's cache takes it from the second lookup on: it stores a failed lookup as "".
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (!random) {
      return v;
    }
    // one of the |-separated parts, empty ones included; an empty one is no value
    String[] choices = v.split("\\|", -1);
    String choice = choices[ThreadLocalRandom.current().nextInt(choices.length)];
    return choice.isEmpty() ? null : choice;
  }
}
