package dev.htaccess.regex;

/**
 * Patterns whose match is known without asking the engine. {@code ^} and the empty pattern match
 * every subject, empty, at its start. {@code .*} and {@code (.*)}, with or without {@code ^} before
 * and {@code $} after, match the whole subject: Apache compiles with DOTALL (a dot matches any
 * byte, a newline too) and DOLLAR_ENDONLY ({@code $} only at the very end); {@code .+} and {@code
 * (.+)} do the same on a subject that is not empty. Rules are often written so ({@code RewriteRule
 * ^ - [E=...]}, {@code ^(.*)$}), and a native call costs more than the rest of such a rule.
 */
enum KnownMatch {
  EMPTY_AT_START(false, false),
  WHOLE(false, false),
  WHOLE_AS_GROUP(true, false),
  WHOLE_IF_NOT_EMPTY(false, true),
  WHOLE_AS_GROUP_IF_NOT_EMPTY(true, true);

  private final boolean group;
  private final boolean needsOne;

  KnownMatch(boolean group, boolean needsOne) {
    this.group = group;
    this.needsOne = needsOne;
  }

  /** The known match of {@code pattern}, or null when the engine must be asked. */
  static KnownMatch of(String pattern) {
    if (pattern.isEmpty() || pattern.equals("^")) {
      return EMPTY_AT_START;
    }
    String body = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    // "$" after a lone "^" or nothing is not this shape: "^$" matches only an empty subject.
    if (body.endsWith("$") && !body.endsWith("\\$") && body.length() > 1) {
      body = body.substring(0, body.length() - 1);
    }
    return switch (body) {
      case ".*" -> WHOLE;
      case "(.*)" -> WHOLE_AS_GROUP;
      case ".+" -> WHOLE_IF_NOT_EMPTY;
      case "(.+)" -> WHOLE_AS_GROUP_IF_NOT_EMPTY;
      default -> null;
    };
  }

  /** The match in {@code subject}, or null when there is none. */
  PcreMatch match(String subject) {
    if (this == EMPTY_AT_START) {
      return new PcreMatch(subject, new int[] {0, 0});
    }
    int n = subject.length();
    if (needsOne && n == 0) {
      return null;
    }
    return new PcreMatch(subject, group ? new int[] {0, n, 0, n} : new int[] {0, n});
  }
}
