package dev.htaccess.model;

/**
 * The CondPattern of a RewriteCond, classified as mod_rewrite classifies it (cmd_rewritecond): a
 * regular expression unless it starts with one of the comparison or test operators.
 */
public sealed interface CondPattern
    permits CondPattern.Regex,
        CondPattern.Lexical,
        CondPattern.IntegerCompare,
        CondPattern.FileTest,
        CondPattern.Expression {

  /** A regular expression, matched against the expanded test string. */
  record Regex(String regex) implements CondPattern {}

  /**
   * {@code <}, {@code >}, {@code =}, {@code <=}, {@code >=}: compares strings byte by byte.
   *
   * @param operand the right-hand side, taken literally (Apache does not expand it)
   */
  record Lexical(Operator operator, String operand) implements CondPattern {}

  /** {@code -eq -ne -lt -le -gt -ge}: compares integers ({@code -ne} is a negated {@code -eq}). */
  record IntegerCompare(Operator operator, String operand) implements CondPattern {}

  /** {@code -d -f -s -l -L -h -x -U -F}: a test on the file system or a subrequest. */
  record FileTest(char test) implements CondPattern {}

  /** {@code expr}: the test string is the word {@code expr} and this is an ap_expr expression. */
  record Expression(String expression) implements CondPattern {}

  /** Comparison operators. */
  enum Operator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
