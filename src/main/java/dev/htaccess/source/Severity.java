package dev.htaccess.source;

/** How bad a finding is; the order is from worst to mildest. */
public enum Severity {
  /** Apache refuses the file: every request that reaches it gets a 500. */
  ERROR,
  /** Accepted by Apache, but very likely not what the author meant. */
  WARNING,
  /** Worth knowing; nothing is broken. */
  INFO;

  /** The lower-case word used in messages and machine formats. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when this is at least as severe as {@code floor}. */
  public boolean atLeast(Severity floor) {
    return ordinal() <= floor.ordinal();
  }
}
