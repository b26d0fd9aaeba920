package dev.htaccess.source;

/**
 * A range in a source file: 1-based lines and columns, end inclusive of the last line and exclusive
 * of the end column. Columns count bytes, because Apache reads configuration files as bytes and a
 * column must point at the same place whatever the file's encoding.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

  public SourceSpan {
    if (line < 1 || column < 1 || endLine < line || (endLine == line && endColumn < column)) {
      throw new IllegalArgumentException(
          "bad span " + line + ":" + column + "-" + endLine + ":" + endColumn);
    }
  }

  /** A zero-width span at one position. */
  public static SourceSpan at(String file, int line, int column) {
    return new SourceSpan(file, line, column, line, column);
  }

  /** The smallest span covering this one and {@code other}. */
  public SourceSpan to(SourceSpan other) {
    return new SourceSpan(file, line, column, other.endLine, other.endColumn);
  }

  /** {@code file:line:column}, the form editors and CI annotations understand. */
  public String position() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return position();
  }
}
