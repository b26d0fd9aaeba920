package dev.htaccess.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Extension to media type, from the system's {@code /etc/mime.types} (what Debian's Apache reads
 * through TypesConfig). Apache takes the type from the file name's extensions, the last known one
 * winning.
 */
public final class MimeTypes {

  private static final MimeTypes SYSTEM = load(Path.of("/etc/mime.types"));

  private final Map<String, String> byExtension;

  private MimeTypes(Map<String, String> byExtension) {
    this.byExtension = byExtension;
  }

  static MimeTypes system() {
    return SYSTEM;
  }

  static MimeTypes load(Path file) {
    Map<String, String> map = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] parts = l.split("\\s+");
        for (int i = 1; i < parts.length; i++) {
          map.put(parts[i].toLowerCase(Locale.ROOT), parts[0]);
        }
      }
    } catch (IOException e) {
      // No mime.types: every file is served without a Content-Type, as Apache would.
    }
    return new MimeTypes(map);
  }

  /**
   * The media type Apache gives a file name from the system's table alone (no AddType), or null:
   * what tells a difference of the servers' own tables from one a configuration made.
   */
  public static String systemTypeOf(String fileName) {
    return SYSTEM.typeOf(fileName, Map.of());
  }

  /** The media type of a file name, with extra AddType mappings, or null. */
  String typeOf(String fileName, Map<String, String> addTypes) {
    String[] parts = fileName.split("\\.");
    String found = null;
    for (int i = 1; i < parts.length; i++) {
      String ext = parts[i].toLowerCase(Locale.ROOT);
      String t = addTypes.get(ext);
      if (t == null) {
        t = byExtension.get(ext);
      }
      if (t != null) {
        found = t;
      }
    }
    return found;
  }

  /**
   * The charset AddCharset gives the file: mod_mime looks at every extension after the first dot,
   * and the last that has one wins; null when none does.
   */
  static String charsetOf(String fileName, Map<String, String> addCharsets) {
    if (addCharsets.isEmpty()) {
      return null;
    }
    String[] parts = fileName.split("\\.");
    String found = null;
    for (int i = 1; i < parts.length; i++) {
      String c = addCharsets.get(parts[i].toLowerCase(Locale.ROOT));
      if (c != null) {
        found = c;
      }
    }
    return found;
  }
}
