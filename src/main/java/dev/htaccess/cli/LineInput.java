package dev.htaccess.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's lines as byte strings (one char per byte), a block at a time. Lines end at {@code \n}
 * only, one {@code \r} before it is dropped (a lone {@code \r} is part of the line, as in a request
 * file read whole); memory holds one block whatever the file's size.
 */
final class LineInput implements Closeable {

  /** A line and its number in the file (from 1). */
  record Line(long number, String text) {}

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private long number;
  private boolean eof;
  private byte[] pending = new byte[0];
  private int pendingLength;

  LineInput(InputStream in) {
    this.in = in;
  }

  /** Up to {@code max} lines; an empty list at the end of the file. */
  List<Line> next(int max) throws IOException {
    return next(max, -1);
  }

  /**
   * Up to {@code max} of the lines that hold the byte {@code mark} (all lines for -1), the others
   * passed over without being made strings; an empty list at the end of the file.
   */
  List<Line> next(int max, int mark) throws IOException {
    List<Line> lines = new ArrayList<>(Math.min(max, 4096));
    while (lines.size() < max) {
      String text = readLine(mark);
      if (text == null) {
        break;
      }
      lines.add(new Line(number, text));
    }
    return lines;
  }

  /** The next line that holds {@code mark} (any for -1), or null at the end. */
  private String readLine(int mark) throws IOException {
    boolean marked = mark < 0;
    while (true) {
      for (int i = start; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          number++;
          if (marked) {
            String line = take(i);
            start = i + 1;
            return line;
          }
          pendingLength = 0;
          start = i + 1;
        } else if (b == mark) {
          marked = true;
        }
      }
      // No end of line in the buffer: keep what is there and read on.
      append(buffer, start, end - start);
      start = end;
      if (eof || !fill()) {
        if (pendingLength == 0) {
          return null;
        }
        number++;
        if (!marked) {
          pendingLength = 0;
          return null;
        }
        return take(end);
      }
    }
  }

  /** The pending bytes plus buffer[start, to), less one trailing \r, as a line. */
  private String take(int to) {
    String line;
    if (pendingLength == 0) {
      int n = to - start;
      if (n > 0 && buffer[to - 1] == '\r') {
        n--;
      }
      line = new String(buffer, start, n, StandardCharsets.ISO_8859_1);
    } else {
      append(buffer, start, to - start);
      int n = pendingLength;
      if (n > 0 && pending[n - 1] == '\r') {
        n--;
      }
      line = new String(pending, 0, n, StandardCharsets.ISO_8859_1);
      pendingLength = 0;
    }
    return line;
  }

  private void append(byte[] from, int offset, int length) {
    if (length == 0) {
      return;
    }
    if (pendingLength + length > pending.length) {
      pending =
          java.util.Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
    }
    System.arraycopy(from, offset, pending, pendingLength, length);
    pendingLength += length;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      start = 0;
      end = 0;
      return false;
    }
    start = 0;
    end = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
