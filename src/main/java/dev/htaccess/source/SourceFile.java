package dev.htaccess.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of one configuration file, held as a byte string (see {@link RawText}), with a line
 * index for turning offsets into positions.
 */
public final class SourceFile {

  private final String path;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    this.lineStarts = indexLines(text);
  }

  /** Reads a file as bytes. */
  public static SourceFile read(Path file) throws IOException {
    return new SourceFile(file.toString(), RawText.fromBytes(Files.readAllBytes(file)));
  }

  /** A file whose content is given as ordinary text (encoded as UTF-8, as an editor saves it). */
  public static SourceFile ofText(String path, String text) {
    return new SourceFile(path, RawText.fromText(text));
  }

  private static int[] indexLines(String text) {
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  public String path() {
    return path;
  }

  /** The whole content, one char per byte. */
  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The 1-based line holding {@code offset}. */
  public int lineOf(int offset) {
    int found = Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found + 1 : -found - 1;
  }

  /** The offset of a 1-based line and column (clamped to the text). */
  public int offset(int line, int column) {
    int l = Math.max(1, Math.min(line, lineStarts.length));
    return Math.min(text.length(), lineStarts[l - 1] + column - 1);
  }

  /** The 1-based column of {@code offset} on its line. */
  public int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  /** The span from offset {@code start} (inclusive) to {@code end} (exclusive). */
  public SourceSpan span(int start, int end) {
    int s = Math.max(0, Math.min(start, text.length()));
    int e = Math.max(s, Math.min(end, text.length()));
    return new SourceSpan(path, lineOf(s), columnOf(s), lineOf(e), columnOf(e));
  }

  /** The text of a 1-based line, without its line end. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, end);
  }
}
