package dev.htaccess.regex;

/** A pattern that does not compile, with where and why. */
public final class PcreSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final int index;

  public PcreSyntaxException(String pattern, String reason, int index) {
    super(reason);
    this.pattern = pattern;
    this.index = index;
  }

  public String pattern() {
    return pattern;
  }

  /** The 0-based offset into the pattern where the problem is. */
  public int index() {
    return index;
  }
}
