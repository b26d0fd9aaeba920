package dev.htaccess.regex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression as Apache compiles it: PCRE with {@code DOTALL} and {@code DOLLAR_ENDONLY}
 * (ap_pregcomp), matched against bytes. The pattern is translated once into java.util.regex and
 * matched against byte strings (one char per byte), so {@code .} matches one byte, classes such
 * as {@code \w} and case-insensitivity cover ASCII only, as PCRE without UTF mode does.
 *
 * <p>Translation: {@code $} outside a class means end of subject only ({@code \z}); POSIX classes
 * {@code [[:alpha:]]} become their ASCII sets; a {@code {} that does not start a quantifier is a
 * literal; inside a class {@code [} and {@code &} are literals (Java would read a nested class or
 * an intersection); {@code (?P<name>} becomes {@code (?<name>}.
 */
public final class PcrePattern {

  /** The engine that matches patterns, as {@code --version} and the trace name it. */
  public static final String ENGINE = "java.util.regex, translated from PCRE syntax";

  private final String source;
  private final Pattern compiled;

  private PcrePattern(String source, Pattern compiled) {
    this.source = source;
    this.compiled = compiled;
  }

  /**
   * Compiles a pattern. Throws {@link PcreSyntaxException} when Apache would refuse it too (or,
   * rarely, when it uses PCRE syntax that has no Java equivalent; the message says which).
   */
  public static PcrePattern compile(String pcre, boolean caseInsensitive) {
    String java = translate(pcre);
    int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
    try {
      return new PcrePattern(pcre, Pattern.compile(java, flags));
    } catch (PatternSyntaxException e) {
      throw new PcreSyntaxException(pcre, e.getDescription(), Math.max(0, e.getIndex()));
    } catch (StackOverflowError e) {
      throw new PcreSyntaxException(pcre, "pattern too deeply nested", 0);
    }
  }

  /** The pattern as written. */
  public String source() {
    return source;
  }

  /** A matcher over a byte string; {@code find()} semantics as ap_regexec (unanchored). */
  public Matcher matcher(CharSequence subject) {
    return compiled.matcher(subject);
  }

  /** Number of capturing groups. */
  public int groupCount() {
    return compiled.matcher("").groupCount();
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
}
