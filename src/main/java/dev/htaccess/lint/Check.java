package dev.htaccess.lint;

/**
 * One lint check: a class annotated with {@link CheckInfo}, registered in {@link CheckRegistry},
 * documented in {@code docs/checks/CODE.md} and exercised by {@code testdata/lint/CODE/}.
 */
public interface Check {

  /** Reports the problems of one file through {@code context}. */
  void check(LintContext context);

  /** The metadata of this check. */
  default CheckInfo info() {
    return getClass().getAnnotation(CheckInfo.class);
  }
}
