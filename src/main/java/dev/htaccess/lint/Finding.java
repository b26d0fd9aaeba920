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
 * @param fix the change that removes it, where it is certain; null otherwise
 */
public record Finding(
    String code, String check, Severity severity, String message, SourceSpan span, Fix fix) {

  /** A finding without a fix. */
  public Finding(String code, String check, Severity severity, String message, SourceSpan span) {
    this(code, check, severity, message, span, null);
  }

  /** As a diagnostic, for printers shared with the parser. */
  public Diagnostic diagnostic() {
    return new Diagnostic(code, severity, message, span);
  }
}
