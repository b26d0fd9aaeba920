package dev.htaccess.lint;

import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceSpan;

/**
 * A problem a check found.
 *
 * @param code the check's code
 * @param check the check's name
 * @param severity the severity after configuration
 * @param message what is wrong, in plain words
 * @param span where
 */
public record Finding(
    String code, String check, Severity severity, String message, SourceSpan span) {

  /** As a diagnostic, for printers shared with the parser. */
  public Diagnostic diagnostic() {
    return new Diagnostic(code, severity, message, span);
  }
}
