package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;

/**
 * One argument of a directive, after Apache's quoting rules are applied.
 *
 * @param value the argument's value, quotes removed and escapes resolved (a byte string)
 * @param raw the argument as written in the file, continuations removed
 * @param span where the argument is written
 */
public record Argument(String value, String raw, SourceSpan span) {

  /** True when the argument was written in double or single quotes. */
  public boolean quoted() {
    return !raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'');
  }
}
