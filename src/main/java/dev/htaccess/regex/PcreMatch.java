package dev.htaccess.regex;

/**
 * A successful match: group 0 is the whole match, groups 1..n the captures (null when a group took
 * no part in the match, as PCRE2 leaves it unset).
 */
public final class PcreMatch {

  private final String subject;
  private final int[] offsets;

  PcreMatch(String subject, int[] offsets) {
    this.subject = subject;
    this.offsets = offsets;
  }

  /** The string that was matched. */
  public String subject() {
    return subject;
  }

  /** The number of capturing groups of the pattern. */
  public int groupCount() {
    return offsets.length / 2 - 1;
  }

  /** Group {@code n}, or null when it is unset or beyond the pattern's groups. */
  public String group(int n) {
    if (n < 0 || n > groupCount() || offsets[2 * n] < 0) {
      return null;
    }
    return subject.substring(offsets[2 * n], offsets[2 * n + 1]);
  }

  /** Where group {@code n} starts, or -1 when it is unset or beyond the pattern's groups. */
  public int start(int n) {
    return n < 0 || n > groupCount() ? -1 : offsets[2 * n];
  }

  /** Where group {@code n} ends, or -1 when it is unset or beyond the pattern's groups. */
  public int end(int n) {
    return n < 0 || n > groupCount() ? -1 : offsets[2 * n + 1];
  }

  /** Where the whole match starts. */
  public int start() {
    return offsets[0];
  }

  /** Where the whole match ends. */
  public int end() {
    return offsets[1];
  }
}
