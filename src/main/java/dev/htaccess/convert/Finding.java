package dev.htaccess.convert;

import dev.htaccess.source.SourceSpan;

/**
 * Something the conversion could not express exactly.
 *
 * @param span the source line
 * @param exact false when a nearest safe form was emitted (marked in the output), true when the
 *     construct was left out entirely (only a comment says where it was)
 * @param message why
 */
public record Finding(SourceSpan span, boolean exact, String message) {

  /** {@code path:line:col: cannot convert: why}. */
  public String render() {
    return span.file()
        + ":"
        + span.line()
        + ":"
        + span.column()
        + ": "
        + (exact ? "cannot convert: " : "approximated: ")
        + message;
  }
}
