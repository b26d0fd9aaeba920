package dev.htaccess.regex;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fallback engine where libpcre2-8 cannot be loaded: a PCRE pattern translated once into
 * java.util.regex and matched against byte strings (one char per byte), so {@code .} matches one
 * byte, classes such as {@code \\w} and case-insensitivity cover ASCII only, as PCRE without UTF
 * mode does.
 *
 * <p>Translation: {@code $} outside a class means end of subject only ({@code \\z}); POSIX classes
 * {@code [[:alpha:]]} become their ASCII sets; a {@code {} that does not start a quantifier is a
 * literal; inside a class {@code [} and {@code &} are literals (Java would read a nested class or
 * an intersection); {@code (?P<name>} and {@code (?'name'} become {@code (?<name>}.
 *
 * <p>Bounded: java.util.regex backtracks without limit, so every match runs against a subject that
 * counts its character reads and stops the match after {@link #BUDGET}; that, and a stack
 * overflow on a long subject, count as PCRE2's match limit (no match, as Apache treats it).
 */
final class JavaTranslation implements RegexEngine {

  /** Character reads one match may make: tens of milliseconds of work. */
  static final long BUDGET = 20_000_000L;

  @Override
  public String name() {
    return "java.util.regex, translated from PCRE syntax (bounded: "
        + BUDGET / 1_000_000
        + "M steps a match)";
  }

  @Override
  public RegexEngine.Compiled compile(String pcre, boolean caseless) {
    String java = translate(pcre);
    int flags = Pattern.DOTALL | (caseless ? Pattern.CASE_INSENSITIVE : 0);
    Pattern compiled;
    try {
      compiled = Pattern.compile(java, flags);
    } catch (PatternSyntaxException e) {
      throw new PcreSyntaxException(pcre, e.getDescription(), Math.max(0, e.getIndex()));
    } catch (StackOverflowError e) {
      throw new PcreSyntaxException(pcre, "pattern too deeply nested", 0);
    }
    int groups = compiled.matcher("").groupCount();
    int missing = missingBackReference(pcre, groups);
    if (missing >= 0) {
      throw new PcreSyntaxException(pcre, "reference to non-existent subpattern", missing);
    }
    List<String> names = groupNames(pcre, groups);
    return new RegexEngine.Compiled() {
      @Override
      public int groupCount() {
        return groups;
      }

      @Override
      public List<String> groupNames() {
        return names;
      }

      @Override
      public RegexEngine.Result match(CharSequence subject) {
        Budgeted budgeted = new Budgeted(subject, BUDGET);
        Matcher m = compiled.matcher(budgeted);
        try {
          if (!m.find()) {
            return RegexEngine.Result.NO_MATCH;
          }
        } catch (Budgeted.Exhausted | StackOverflowError e) {
          return RegexEngine.Result.LIMIT;
        }
        int[] offsets = new int[(groups + 1) * 2];
        for (int g = 0; g <= groups; g++) {
          offsets[2 * g] = m.start(g);
          offsets[2 * g + 1] = m.end(g);
        }
        return RegexEngine.Result.match(new PcreMatch(subject.toString(), offsets));
      }
    };
  }

  /** A subject that counts the reads a match makes of it. */
  private static final class Budgeted implements CharSequence {
    /** Thrown when the budget is spent (no stack trace: it is control flow). */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("match limit", null, false, false);
      }
    }

    private final CharSequence text;
    private long left;

    Budgeted(CharSequence text, long budget) {
      this.text = text;
      this.left = budget;
    }

    @Override
    public char charAt(int index) {
      if (--left < 0) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * Where a back reference {@code \\1}..{@code \\9} (outside a class) names a group the pattern
   * does not have, which PCRE2 refuses to compile (Java would compile it and never match); -1.
   */
  static int missingBackReference(String p, int groups) {
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        char e = p.charAt(i + 1);
        boolean single = i + 2 >= p.length() || !Character.isDigit(p.charAt(i + 2));
        if (!inClass && e >= '1' && e <= '9' && single && e - '0' > groups) {
          return i;
        }
        i++;
      } else if (c == '[' && !inClass) {
        inClass = true;
        if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == ']' && inClass) {
        inClass = false;
      }
    }
    return -1;
  }

  static String translate(String p) {
    StringBuilder out = new StringBuilder(p.length() + 16);
    int n = p.length();
    int i = 0;
    while (i < n) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          out.append("\\\\");
          i++;
          continue;
        }
        char e = p.charAt(i + 1);
        if (e == 'Q') {
          int end = p.indexOf("\\E", i + 2);
          String literal = end < 0 ? p.substring(i + 2) : p.substring(i + 2, end);
          out.append(Pattern.quote(literal));
          i = end < 0 ? n : end + 2;
          continue;
        }
        out.append(c).append(e);
        i += 2;
        if ((e == 'p' || e == 'P') && i < n && p.charAt(i) == '{' && p.indexOf('}', i) > 0) {
          // A property name in braces: copied as it is, not read as a quantifier.
          int close = p.indexOf('}', i);
          out.append(p, i, close + 1);
          i = close + 1;
        }
        continue;
      }
      if (c == '[') {
        i = translateClass(p, i, out);
        continue;
      }
      if (c == '$') {
        out.append("\\z");
        i++;
        continue;
      }
      if (c == '{') {
        int end = quantifierEnd(p, i);
        if (end < 0) {
          out.append("\\{");
          i++;
        } else {
          out.append(p, i, end);
          i = end;
        }
        continue;
      }
      if (c == '(' && p.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 4;
        continue;
      }
      if (c == '(' && p.startsWith("(?'", i) && p.indexOf('\'', i + 3) > 0) {
        int close = p.indexOf('\'', i + 3);
        out.append("(?<").append(p, i + 3, close).append('>');
        i = close + 1;
        continue;
      }
      if (c == '(' && p.startsWith("(?P=", i)) {
        int close = p.indexOf(')', i);
        if (close > 0) {
          out.append("\\k<").append(p, i + 4, close).append('>');
          i = close + 1;
          continue;
        }
      }
      if (c == '(' && p.startsWith("(?#", i)) {
        int close = p.indexOf(')', i);
        i = close < 0 ? n : close + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** End of a {@code {n}}, {@code {n,}} or {@code {n,m}} quantifier at {@code i}, or -1. */
  private static int quantifierEnd(String p, int i) {
    int j = i + 1;
    int digits = 0;
    while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 0x80) {
      j++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (j < p.length() && p.charAt(j) == '}') {
      return j + 1;
    }
    if (j >= p.length() || p.charAt(j) != ',') {
      return -1;
    }
    j++;
    while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 0x80) {
      j++;
    }
    return j < p.length() && p.charAt(j) == '}' ? j + 1 : -1;
  }

  private static final String[][] POSIX = {
    {"alpha", "a-zA-Z"},
    {"digit", "0-9"},
    {"alnum", "a-zA-Z0-9"},
    {"upper", "A-Z"},
    {"lower", "a-z"},
    {"space", " \\t\\n\\r\\f\\x0B"},
    {"blank", " \\t"},
    {"punct", "!-/:-@\\[-`{-~"},
    {"print", " -~"},
    {"graph", "!-~"},
    {"cntrl", "\\x00-\\x1F\\x7F"},
    {"xdigit", "0-9A-Fa-f"},
    {"word", "a-zA-Z0-9_"},
    {"ascii", "\\x00-\\x7F"},
  };

  /** Copies a character class starting at {@code i}; returns the index after it. */
  private static int translateClass(String p, int i, StringBuilder out) {
    int n = p.length();
    int j = i + 1;
    StringBuilder cls = new StringBuilder("[");
    if (j < n && p.charAt(j) == '^') {
      cls.append('^');
      j++;
    }
    // A ']' right after '[' or '[^' is a literal.
    if (j < n && p.charAt(j) == ']') {
      cls.append("\\]");
      j++;
    }
    while (j < n) {
      char c = p.charAt(j);
      if (c == ']') {
        cls.append(']');
        out.append(cls);
        return j + 1;
      }
      if (c == '\\' && j + 1 < n) {
        cls.append(c).append(p.charAt(j + 1));
        j += 2;
        continue;
      }
      if (c == '[' && j + 1 < n && p.charAt(j + 1) == ':') {
        int close = p.indexOf(":]", j + 2);
        if (close > 0) {
          String name = p.substring(j + 2, close);
          boolean negate = name.startsWith("^");
          String set = posix(negate ? name.substring(1) : name);
          if (set == null) {
            throw new PcreSyntaxException(p, "unknown POSIX class name [:" + name + ":]", j);
          }
          cls.append(negate ? "[^" + set + "]" : set);
          j = close + 2;
          continue;
        }
      }
      if (c == '[' || c == '&' || c == '~' || c == '#') {
        cls.append('\\').append(c);
        j++;
        continue;
      }
      cls.append(c);
      j++;
    }
    throw new PcreSyntaxException(p, "missing terminating ] for character class", i);
  }

  private static String posix(String name) {
    for (String[] entry : POSIX) {
      if (entry[0].equals(name)) {
        return entry[1];
      }
    }
    return null;
  }

  /**
   * The names of the groups, by number, read from the PCRE source: every {@code (} that is not
   * escaped, not in a class and not followed by {@code ?} or {@code *} opens a numbered group, as
   * do {@code (?<name>}, {@code (?P<name>} and {@code (?'name'}, which also name it.
   */
  static List<String> groupNames(String pcre, int groups) {
    String[] names = new String[groups + 1];
    boolean any = false;
    int number = 0;
    boolean inClass = false;
    for (int i = 0; i < pcre.length(); i++) {
      char c = pcre.charAt(i);
      if (c == '\\') {
        if (i + 1 < pcre.length() && pcre.charAt(i + 1) == 'Q') {
          int end = pcre.indexOf("\\E", i + 2);
          i = end < 0 ? pcre.length() : end + 1;
        } else {
          i++;
        }
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        // a ']' right after '[' or '[^' is a literal
        if (i + 1 < pcre.length() && pcre.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < pcre.length() && pcre.charAt(i + 1) == ']') {
          i++;
        }
      } else if (c == '(') {
        String rest = pcre.substring(i + 1);
        String name = null;
        boolean capturing = !rest.startsWith("?") && !rest.startsWith("*");
        for (String open : List.of("?<", "?P<", "?'")) {
          if (rest.startsWith(open)
              && rest.length() > open.length()
              && rest.charAt(open.length()) != '='
              && rest.charAt(open.length()) != '!') {
            int end = rest.indexOf(open.equals("?'") ? '\'' : '>', open.length());
            if (end > 0) {
              name = rest.substring(open.length(), end);
              capturing = true;
            }
          }
        }
        if (capturing && ++number <= groups && name != null) {
          names[number] = name;
          any = true;
        }
      }
    }
    return any ? Arrays.asList(names) : List.of();
  }
}
