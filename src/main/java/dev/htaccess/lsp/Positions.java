package dev.htaccess.lsp;

import dev.htaccess.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between the engine's positions (1-based lines, columns counted in UTF-8 bytes) and LSP's
 * (0-based lines, characters counted in UTF-16 code units) over one version of a document.
 */
final class Positions {

  private final String[] lines;

  Positions(String text) {
    this.lines = text.split("\n", -1);
  }

  /** The editor's text of a 0-based line (without its line end), or empty. */
  String line(int line) {
    return line >= 0 && line < lines.length ? lines[line] : "";
  }

  int lineCount() {
    return lines.length;
  }

  /** The LSP position of a 1-based line and byte column. */
  Position position(int line, int byteColumn) {
    int l = Math.max(0, Math.min(line - 1, lines.length - 1));
    String text = lines[l];
    int bytes = byteColumn - 1;
    int i = 0;
    while (i < text.length() && bytes > 0) {
      int cp = text.codePointAt(i);
      bytes -= utf8Length(cp);
      i += Character.charCount(cp);
    }
    return new Position(l, i);
  }

  Range range(SourceSpan span) {
    return new Range(
        position(span.line(), span.column()), position(span.endLine(), span.endColumn()));
  }

  /** The 1-based byte column of an LSP position. */
  int byteColumn(Position p) {
    String text = line(p.getLine());
    int end = Math.min(p.getCharacter(), text.length());
    return text.substring(0, end).getBytes(StandardCharsets.UTF_8).length + 1;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
}
