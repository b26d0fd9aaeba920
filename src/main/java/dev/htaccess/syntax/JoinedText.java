package dev.htaccess.syntax;

import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;

/**
 * A stretch of a file with its line continuations removed, as Apache sees a logical line, that
 * still knows where each of its characters came from, so diagnostics point into the file.
 */
final class JoinedText {

  private final SourceFile file;
  private final String text;
  private final int[] offsets;

  private JoinedText(SourceFile file, String text, int[] offsets) {
    this.file = file;
    this.text = text;
    this.offsets = offsets;
  }

  /** The file's text from {@code start} to {@code end} with every backslash-newline removed. */
  static JoinedText of(SourceFile file, int start, int end) {
    String source = file.text();
    StringBuilder joined = new StringBuilder(end - start);
    int[] offsets = new int[end - start + 1];
    int i = start;
    while (i < end) {
      int continuation = continuationLength(source, i, end);
      if (continuation > 0) {
        i += continuation;
        continue;
      }
      offsets[joined.length()] = i;
      joined.append(source.charAt(i));
      i++;
    }
    offsets[joined.length()] = end;
    return new JoinedText(file, joined.toString(), offsets);
  }

  /** Removes continuations from a token's text, for values that need no positions. */
  static String join(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder joined = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int continuation = continuationLength(raw, i, raw.length());
      if (continuation > 0) {
        i += continuation;
      } else {
        joined.append(raw.charAt(i++));
      }
    }
    return joined.toString();
  }

  private static int continuationLength(String s, int i, int end) {
    if (s.charAt(i) != '\\') {
      return 0;
    }
    if (i + 1 < end && s.charAt(i + 1) == '\n') {
      return 2;
    }
    if (i + 2 < end && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
      return 3;
    }
    return 0;
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  /** The span of joined characters {@code from} (inclusive) to {@code to} (exclusive). */
  SourceSpan span(int from, int to) {
    int start = offsets[from];
    int end = to > from ? offsets[to - 1] + 1 : start;
    return file.span(start, end);
  }
}
