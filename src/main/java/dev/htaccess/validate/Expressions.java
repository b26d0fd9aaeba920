package dev.htaccess.validate;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.regex.PcreSyntaxException;

/** ap_expr_parse_cmd as the handlers call it: the parser's complaint, or null. */
final class Expressions {

  private Expressions() {}

  /**
   * Why {@code text} is no expression, or null.
   *
   * @param stringResult parse as a string expression (AP_EXPR_FLAG_STRING_RESULT)
   */
  static String error(String text, boolean stringResult) {
    try {
      if (stringResult) {
        ApExpression.parseString(text);
      } else {
        ApExpression.parse(text);
      }
      return null;
    } catch (ApExpression.ExprException | PcreSyntaxException e) {
      return e.getMessage();
    }
  }
}
