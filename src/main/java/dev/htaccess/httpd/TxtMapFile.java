package dev.htaccess.httpd;

import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code RewriteMap txt:} (or {@code rnd:}) file as mod_rewrite reads it: one {@code key value}
 * per line, where a line that starts with {@code #} or with white space is skipped, the key must be
 * followed by white space, the value is the next word (the rest of the line is ignored), a line
 * without a value is skipped, and the first line for a key wins. mod_rewrite reads at most {@value
 * #LINE} bytes at a time, so the rest of a longer line is read as a line of its own.
 */
public final class TxtMapFile {

  /** mod_rewrite's REWRITE_MAX_TXT_MAP_LINE. */
  static final int LINE = 1024;

  private TxtMapFile() {}

  /** The file's entries in file order (text as in {@link RawText}: one char per byte). */
  public static Map<String, String> read(Path file) throws IOException {
    return parse(RawText.fromBytes(Files.readAllBytes(file)));
  }

  /** The entries of a map file's text. */
  public static Map<String, String> parse(String text) {
    Map<String, String> entries = new LinkedHashMap<>();
    int pos = 0;
    while (pos < text.length()) {
      int newline = text.indexOf('\n', pos);
      int end = Math.min(newline < 0 ? text.length() : newline + 1, pos + LINE);
      entry(text.substring(pos, end), entries);
      pos = end;
    }
    return Collections.unmodifiableMap(entries);
  }

  private static void entry(String chunk, Map<String, String> entries) {
    int nul = chunk.indexOf('\0');
    String line = nul < 0 ? chunk : chunk.substring(0, nul);
    if (line.isEmpty() || line.charAt(0) == '#' || isSpace(line.charAt(0))) {
      return;
    }
    int p = 0;
    while (p < line.length() && !isSpace(line.charAt(p))) {
      p++;
    }
    if (p == line.length()) {
      return; // the key is not followed by white space
    }
    String key = line.substring(0, p);
    while (p < line.length() && isSpace(line.charAt(p))) {
      p++;
    }
    int start = p;
    while (p < line.length() && !isSpace(line.charAt(p))) {
      p++;
    }
    if (p > start) {
      entries.putIfAbsent(key, line.substring(start, p));
    }
  }

  /** C's isspace in the C locale. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
