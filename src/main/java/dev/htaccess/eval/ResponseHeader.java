package dev.htaccess.eval;

import dev.htaccess.regex.PcrePattern;

/**
 * One mod_headers {@code Header} operation that applies to a response, its condition already
 * checked and its value's format specifiers ({@code %{VAR}e}, {@code %t}, {@code %D}) already
 * expanded. The server applies these in order to the headers it is about to send.
 *
 * @param always from the {@code always} table: applies to every response, errors and redirects
 *     included; otherwise only to successful (2xx) and proxied responses
 * @param action set, setifempty, append, add, merge, unset, edit or edit* (lower case)
 * @param name the header name
 * @param value the value, or for edit the regular expression; null for unset
 * @param replacement edit's replacement, else null
 * @param pattern edit's regular expression, compiled when the directive was read; else null
 * @param whenContentType for a condition that reads {@code %{CONTENT_TYPE}} when the type is
 *     decided by a script or an upstream: given the response's Content-Type, whether the operation
 *     applies; null when it applies unconditionally
 */
public record ResponseHeader(
    boolean always,
    String action,
    String name,
    String value,
    String replacement,
    java.util.function.Predicate<String> whenContentType,
    PcrePattern pattern) {

  /** An operation without a pattern (every action but edit). */
  public ResponseHeader(
      boolean always,
      String action,
      String name,
      String value,
      String replacement,
      java.util.function.Predicate<String> whenContentType) {
    this(always, action, name, value, replacement, whenContentType, null);
  }
}
