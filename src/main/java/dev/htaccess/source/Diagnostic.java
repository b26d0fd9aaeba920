package dev.htaccess.source;

import java.util.Objects;

/**
 * A problem found in user input, with where it is. Problems in input are values, never exceptions:
 * a file with ten mistakes yields ten diagnostics.
 *
 * @param code the stable code of the check or syntax rule, e.g. {@code HT1001}
 * @param severity how bad it is
 * @param message plain words, in Apache's terms where Apache has a message for it
 * @param span where it is
 */
public record Diagnostic(String code, Severity severity, String message, SourceSpan span) {

  public Diagnostic {
    Objects.requireNonNull(code);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(message);
    Objects.requireNonNull(span);
  }

  /** {@code path:line:col: severity: message}, as gcc and google-java-format print it. */
  public String format() {
    return span.position() + ": " + severity.label() + ": " + message;
  }
}
