package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.model.Section;

/**
 * An {@code <If>}, {@code <ElseIf>} or {@code <Else>} section with its expression parsed once, when
 * its file is read.
 *
 * @param expression the condition, or null for {@code <Else>}
 */
record IfSection(Section section, ApExpression expression) {

  /** The section's condition text, its surrounding quotes removed. */
  static String conditionText(Section s) {
    String expr = s.rawArguments().strip();
    if (expr.length() >= 2 && expr.startsWith("\"") && expr.endsWith("\"")) {
      expr = expr.substring(1, expr.length() - 1);
    }
    return expr;
  }
}
