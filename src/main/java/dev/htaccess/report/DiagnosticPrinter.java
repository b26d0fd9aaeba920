package dev.htaccess.report;

import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;

/**
 * Prints a diagnostic as compilers do: {@code path:line:col: severity: message}, then the source
 * line and a caret under the column (google-java-format's layout).
 */
public final class DiagnosticPrinter {

  private DiagnosticPrinter() {}

  /** The diagnostic with its source line and caret; {@code file} may be null. */
  public static String withSource(Diagnostic d, SourceFile file) {
    StringBuilder out = new StringBuilder(d.format());
    if (file != null && d.span().line() <= file.lineCount()) {
      String raw = file.line(d.span().line());
      int column = Math.min(d.span().column() - 1, raw.length());
      String before = RawText.display(raw.substring(0, column)).replace('\t', ' ');
      String line = RawText.display(raw).replace('\t', ' ');
      if (line.length() > 200) {
        return out.toString();
      }
      out.append('\n').append(line).append('\n');
      out.append(" ".repeat(before.codePointCount(0, before.length()))).append('^');
    }
    return out.toString();
  }
}
