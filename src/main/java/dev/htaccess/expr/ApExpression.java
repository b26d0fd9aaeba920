package dev.htaccess.expr;

import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.IpMatch;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A subset of Apache's expression language (ap_expr), enough for the {@code <If>} conditions that
 * decide access in real .htaccess files: string and integer comparisons, regex matches, {@code
 * -z}/{@code -n}, {@code -ipmatch}, {@code &&}, {@code ||}, {@code !}, parentheses, {@code %{VAR}}
 * (also inside quoted strings), {@code req()}/{@code http()} and {@code true}/ {@code false}.
 * Parsed once; evaluated against a variable lookup.
 */
public final class ApExpression {

  /** A syntax error in an expression. */
  public static final class ExprException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExprException(String message) {
      super(message);
    }
  }

  private sealed interface Node permits Bool, Not, And, Or, Compare, Unary {}

  private record Bool(boolean value) implements Node {}

  private record Not(Node inner) implements Node {}

  private record And(Node left, Node right) implements Node {}

  private record Or(Node left, Node right) implements Node {}

  private record Compare(Word left, String op, Word right) implements Node {}

  private record Unary(String op, Word operand) implements Node {}

  /** A word: literal pieces and variables, or a regex. */
  record Word(List<Object> pieces, PcrePattern regex) {}

  record Var(String name) {}

  record Call(String function, Word argument) {}

  private final Node root;

  private ApExpression(Node root) {
    this.root = root;
  }

  public static ApExpression parse(String text) {
    Parser p = new Parser(text);
    Node n = p.or();
    p.skipSpace();
    if (p.i < text.length()) {
      throw new ExprException("syntax error near '" + text.substring(p.i) + "'");
    }
    return new ApExpression(n);
  }

  public boolean evaluate(Function<String, String> variables) {
    return eval(root, variables, new Captures());
  }

  /**
   * What ap_expr_exec_re reports besides the result: whether a regex with capturing groups ran
   * ({@code groupsRan}); the match of the last such regex, null when it did not match (Apache's
   * "source"); and the last successful match of one (what the match array holds).
   */
  public record Evaluation(boolean result, boolean groupsRan, PcreMatch source, PcreMatch fill) {}

  /** The regex state an evaluation leaves behind (see {@link Evaluation}). */
  private static final class Captures {
    boolean ran;
    PcreMatch source;
    PcreMatch fill;
  }

  public Evaluation evaluateWithCaptures(Function<String, String> variables) {
    Captures captures = new Captures();
    boolean result = eval(root, variables, captures);
    return new Evaluation(result, captures.ran, captures.source, captures.fill);
  }

  /**
   * A string expression ({@code AP_EXPR_FLAG_STRING_RESULT}, as a directory's {@code Redirect}
   * target or {@code Header ... expr=} values take): literal text with {@code %{VAR}}, {@code
   * %{func:arg}}, backslash escapes and regex back-references (empty: there is no match).
   */
  public static final class Text {
    private final Word word;

    private Text(Word word) {
      this.word = word;
    }

    public String evaluate(Function<String, String> variables) {
      return text(word, variables);
    }
  }

  /** Parses a string expression. */
  public static Text parseString(String text) {
    return new Text(new Word(StringLexer.pieces(text, 0, text.length(), false).pieces(), null));
  }

  private static boolean eval(Node n, Function<String, String> v, Captures captures) {
    if (n instanceof Bool b) {
      return b.value();
    } else if (n instanceof Not not) {
      return !eval(not.inner(), v, captures);
    } else if (n instanceof And and) {
      return eval(and.left(), v, captures) && eval(and.right(), v, captures);
    } else if (n instanceof Or or) {
      return eval(or.left(), v, captures) || eval(or.right(), v, captures);
    } else if (n instanceof Unary u) {
      String s = text(u.operand(), v);
      return switch (u.op()) {
        case "-z" -> s.isEmpty();
        case "-n" -> !s.isEmpty();
        case "-f", "-s", "-d", "-e", "-l", "-L", "-h", "-x", "-F", "-U", "-A" -> false;
        default -> false;
      };
    }
    Compare c = (Compare) n;
    String left = text(c.left(), v);
    if (c.op().equals("=~") || c.op().equals("!~")) {
      PcrePattern regex =
          c.right().regex() != null
              ? c.right().regex()
              : PcrePattern.compile(text(c.right(), v), false);
      boolean found;
      if (regex.groupCount() > 0) {
        // Only a regex with groups sets $0..$9 (they may hold what the user wants to keep).
        PcreMatch m = regex.match(left);
        captures.ran = true;
        captures.source = m;
        if (m != null) {
          captures.fill = m;
        }
        found = m != null;
      } else {
        found = regex.find(left);
      }
      return c.op().equals("=~") == found;
    }
    String right = text(c.right(), v);
    return switch (c.op()) {
      case "==", "=" -> left.equals(right);
      case "!=" -> !left.equals(right);
      case "<" -> left.compareTo(right) < 0;
      case "<=" -> left.compareTo(right) <= 0;
      case ">" -> left.compareTo(right) > 0;
      case ">=" -> left.compareTo(right) >= 0;
      case "-eq" -> CNumbers.atoi(left) == CNumbers.atoi(right);
      case "-ne" -> CNumbers.atoi(left) != CNumbers.atoi(right);
      case "-lt" -> CNumbers.atoi(left) < CNumbers.atoi(right);
      case "-le" -> CNumbers.atoi(left) <= CNumbers.atoi(right);
      case "-gt" -> CNumbers.atoi(left) > CNumbers.atoi(right);
      case "-ge" -> CNumbers.atoi(left) >= CNumbers.atoi(right);
      case "-ipmatch" -> IpMatch.matches(right, left);
      case "-strmatch" ->
          java.nio.file.FileSystems.getDefault()
              .getPathMatcher("glob:" + right)
              .matches(java.nio.file.Path.of(left.isEmpty() ? "." : left));
      case "-strcmatch" -> left.equalsIgnoreCase(right);
      default -> false;
    };
  }

  private static String text(Word w, Function<String, String> v) {
    StringBuilder out = new StringBuilder();
    for (Object piece : w.pieces()) {
      if (piece instanceof String s) {
        out.append(s);
      } else if (piece instanceof Var var) {
        String value = v.apply(var.name());
        out.append(value == null ? "" : value);
      } else if (piece instanceof Call call) {
        String arg = text(call.argument(), v);
        String value =
            switch (call.function()) {
              case "req", "http" -> v.apply("HTTP:" + arg);
              case "tolower" -> arg.toLowerCase(Locale.ROOT);
              case "toupper" -> arg.toUpperCase(Locale.ROOT);
              case "env", "reqenv", "osenv" -> v.apply("ENV:" + arg);
              default -> "";
            };
        out.append(value == null ? "" : value);
      }
    }
    return out.toString();
  }

  /** The deepest nesting (and the longest chain of && or ||) an expression may have. */
  static final int MAX_DEPTH = 1_000;

  private static final class Parser {
    final String s;
    int i;

    Parser(String s) {
      this.s = s;
    }

    void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    boolean accept(String token) {
      skipSpace();
      if (s.startsWith(token, i)) {
        i += token.length();
        return true;
      }
      return false;
    }

    /**
     * Bison's parser of ap_expr gives up ("memory exhausted") when its stack is full; this one
     * gives up sooner, before its own recursion could overflow the thread's stack.
     */
    void enter() {
      if (++depth > MAX_DEPTH) {
        throw new ExprException("memory exhausted: nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    Node or() {
      Node left = and();
      int terms = 0;
      while (accept("||")) {
        if (++terms > MAX_DEPTH) {
          throw new ExprException("memory exhausted: more than " + MAX_DEPTH + " terms");
        }
        left = new Or(left, and());
      }
      return left;
    }

    Node and() {
      Node left = unary();
      int terms = 0;
      while (accept("&&")) {
        if (++terms > MAX_DEPTH) {
          throw new ExprException("memory exhausted: more than " + MAX_DEPTH + " terms");
        }
        left = new And(left, unary());
      }
      return left;
    }

    /** How many parentheses and negations enclose the parser's position. */
    int depth;

    Node unary() {
      skipSpace();
      if (s.startsWith("!", i) && !s.startsWith("!=", i) && !s.startsWith("!~", i)) {
        i++;
        enter();
        Node n = new Not(unary());
        depth--;
        return n;
      }
      if (accept("(")) {
        enter();
        Node n = or();
        depth--;
        if (!accept(")")) {
          throw new ExprException("missing ')'");
        }
        return n;
      }
      if (wordAhead("true")) {
        i += 4;
        return new Bool(true);
      }
      if (wordAhead("false")) {
        i += 5;
        return new Bool(false);
      }
      if (i < s.length()
          && s.charAt(i) == '-'
          && i + 1 < s.length()
          && Character.isLetter(s.charAt(i + 1))) {
        int start = i;
        i++;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
          i++;
        }
        String op = s.substring(start, i);
        return new Unary(op, word());
      }
      Word left = word();
      skipSpace();
      String op = operator();
      if (op == null) {
        throw new ExprException("expected a comparison operator at '" + s.substring(i) + "'");
      }
      Word right = word();
      return new Compare(left, op, right);
    }

    boolean wordAhead(String w) {
      return s.startsWith(w, i)
          && (i + w.length() >= s.length() || !Character.isLetterOrDigit(s.charAt(i + w.length())));
    }

    String operator() {
      for (String op : new String[] {"==", "!=", "<=", ">=", "=~", "!~", "<", ">", "="}) {
        if (s.startsWith(op, i)) {
          i += op.length();
          return op;
        }
      }
      if (i < s.length() && s.charAt(i) == '-') {
        int start = i;
        i++;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
          i++;
        }
        return s.substring(start, i);
      }
      return null;
    }

    Word word() {
      skipSpace();
      if (i >= s.length()) {
        throw new ExprException("unexpected end of expression");
      }
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new ExprException("unterminated string");
        }
        String content = s.substring(i + 1, end);
        i = end + 1;
        return new Word(interpolate(content), null);
      }
      if (c == '/'
          || (c == 'm'
              && i + 1 < s.length()
              && !Character.isLetterOrDigit(s.charAt(i + 1))
              && s.charAt(i + 1) != ' ')) {
        char delim = c == '/' ? '/' : s.charAt(i + 1);
        int start = c == '/' ? i + 1 : i + 2;
        int end = start;
        while (end < s.length() && s.charAt(end) != delim) {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= s.length()) {
          throw new ExprException("unterminated regular expression");
        }
        String regex = s.substring(start, end);
        i = end + 1;
        boolean nocase = false;
        if (i < s.length() && s.charAt(i) == 'i') {
          nocase = true;
          i++;
        }
        return new Word(List.of(), PcrePattern.compile(regex, nocase));
      }
      if (s.startsWith("%{", i)) {
        int end = s.indexOf('}', i);
        if (end < 0) {
          throw new ExprException("unterminated variable");
        }
        String name = s.substring(i + 2, end);
        i = end + 1;
        return new Word(List.of(new Var(name)), null);
      }
      int start = i;
      while (i < s.length()
          && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
        i++;
      }
      String token = s.substring(start, i);
      if (token.isEmpty()) {
        throw new ExprException("unexpected '" + c + "'");
      }
      if (i < s.length() && s.charAt(i) == '(') {
        i++;
        Word arg = word();
        if (!accept(")")) {
          throw new ExprException("missing ')' after function argument");
        }
        return new Word(List.of(new Call(token.toLowerCase(Locale.ROOT), arg)), null);
      }
      return new Word(List.of(token), null);
    }

    private List<Object> interpolate(String content) {
      List<Object> pieces = new ArrayList<>();
      int k = 0;
      while (k < content.length()) {
        int v = content.indexOf("%{", k);
        if (v < 0) {
          pieces.add(content.substring(k));
          break;
        }
        int end = content.indexOf('}', v);
        if (end < 0) {
          pieces.add(content.substring(k));
          break;
        }
        if (v > k) {
          pieces.add(content.substring(k, v));
        }
        pieces.add(new Var(content.substring(v + 2, end)));
        k = end + 1;
      }
      return pieces;
    }
  }
}
