package dev.htaccess.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The string states of ap_expr's lexer (util_expr_scan.l): text with escapes, {@code %{NAME}},
 * {@code %{func:argument}} and {@code $0}..{@code $9}.
 */
final class StringLexer {

  /** The pieces (String, Var, Call) of the text and where the lexer stopped. */
  record Lexed(List<Object> pieces, int end) {}

  private StringLexer() {}

  /**
   * Reads {@code s} from {@code from} up to {@code to}; inside a function argument ({@code
   * argument}) a {@code }} ends it.
   */
  static Lexed pieces(String s, int from, int to, boolean argument) {
    List<Object> pieces = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (argument && c == '}') {
        break;
      }
      if (c == '\\' && i + 1 < to) {
        i = escape(s, i + 1, to, lit);
      } else if (c == '$' && i + 1 < to && Character.isDigit(s.charAt(i + 1))) {
        i += 2; // a back-reference: no regex has matched in a string expression
      } else if (c == '%' && i + 1 < to && s.charAt(i + 1) == '{') {
        flush(lit, pieces);
        i = variable(s, i + 2, to, pieces);
      } else if (c == '\n') {
        throw new ApExpression.ExprException("Unterminated string or variable");
      } else {
        lit.append(c);
        i++;
      }
    }
    flush(lit, pieces);
    return new Lexed(pieces, i);
  }

  private static void flush(StringBuilder lit, List<Object> pieces) {
    if (!lit.isEmpty()) {
      pieces.add(lit.toString());
      lit.setLength(0);
    }
  }

  /** An escape after its backslash: octal, \\n \\r \\t \\b \\f, or the character itself. */
  private static int escape(String s, int i, int to, StringBuilder lit) {
    int digits = i;
    while (digits < to && Character.isDigit(s.charAt(digits))) {
      digits++;
    }
    if (digits > i) {
      // flex takes the longest match: \\[0-7]{1,3} unless \\[0-9]+ is longer (a bad escape)
      String run = s.substring(i, digits);
      int octal = octalPrefix(run);
      if (octal == run.length()) {
        int value = Integer.parseInt(run.substring(0, octal), 8);
        if (value > 0xff) {
          throw new ApExpression.ExprException("Escape sequence out of bound");
        }
        lit.append((char) value);
        return i + octal;
      }
      throw new ApExpression.ExprException("Bad escape sequence");
    }
    char c = s.charAt(i);
    lit.append(
        switch (c) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'b' -> '\b';
          case 'f' -> '\f';
          default -> c;
        });
    return i + 1;
  }

  private static int octalPrefix(String run) {
    int n = 0;
    while (n < run.length() && n < 3 && run.charAt(n) <= '7') {
      n++;
    }
    return n;
  }

  /** {@code NAME}} or {@code func:argument}} after {@code %{}. */
  private static int variable(String s, int i, int to, List<Object> pieces) {
    int start = i;
    while (i < to && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    if (i == start || i >= to) {
      throw new ApExpression.ExprException("Unterminated string or variable");
    }
    String name = s.substring(start, i);
    if (s.charAt(i) == '}') {
      pieces.add(new ApExpression.Var(name));
      return i + 1;
    }
    if (s.charAt(i) != ':') {
      throw new ApExpression.ExprException("Invalid variable name in '" + s.substring(start) + "'");
    }
    Lexed arg = pieces(s, i + 1, to, true);
    if (arg.end() >= to) {
      throw new ApExpression.ExprException("Unterminated string or variable");
    }
    pieces.add(
        new ApExpression.Call(
            name.toLowerCase(Locale.ROOT), new ApExpression.Word(arg.pieces(), null)));
    return arg.end() + 1;
  }
}
