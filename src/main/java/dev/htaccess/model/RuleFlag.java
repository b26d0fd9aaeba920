package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;

/**
 * One flag of a RewriteRule, e.g. {@code R=301} in {@code [R=301,L]}.
 *
 * @param kind what the flag does
 * @param key the flag's name as written ({@code R}, {@code redirect} ...)
 * @param value the text after {@code =}, or empty when there is none
 * @param span where the flag is written
 */
public record RuleFlag(RuleFlagKind kind, String key, String value, SourceSpan span) {

  /** The flag as written: {@code key} or {@code key=value}. */
  public String text() {
    return value.isEmpty() ? key : key + "=" + value;
  }
}
