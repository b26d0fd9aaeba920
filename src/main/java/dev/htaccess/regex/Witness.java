package dev.htaccess.regex;

import java.util.Map;
import java.util.Optional;

/**
 * A subject that a pattern matches with chosen text in chosen capture groups: the pattern walked
 * once, its literals written as they are, each chosen group replaced by its text, other groups and
 * classes by a short sample, optional parts left out. The result is checked with the real regex
 * engine, so a group that cannot hold its text ({@code ([a-z]+)} and {@code evil.example}) gives no
 * witness: that is the constraint that keeps a target closed.
 */
public final class Witness {

  private final String pattern;
  private final Map<Integer, String> chosen;
  private final StringBuilder out = new StringBuilder();
  private int at;
  private int group;
  private int depth;

  /** Deeper nesting than real rules have is not walked (the stack stays small). */
  private static final int MAX_DEPTH = 200;

  private Witness(String pattern, Map<Integer, String> chosen) {
    this.pattern = pattern;
    this.chosen = chosen;
  }

  /**
   * A subject the pattern matches whose groups hold the chosen texts, if the walk finds one.
   *
   * @param chosen group number → the text it must capture
   */
  public static Optional<String> of(String pattern, boolean caseless, Map<Integer, String> chosen) {
    String subject;
    try {
      Witness w = new Witness(pattern, chosen);
      w.sequence();
      subject = w.out.toString();
    } catch (RuntimeException e) {
      return Optional.empty(); // a construct the walk does not know
    }
    try {
      PcreMatch m = PcrePattern.compile(pattern, caseless).match(subject);
      if (m == null) {
        return Optional.empty();
      }
      for (Map.Entry<Integer, String> e : chosen.entrySet()) {
        if (e.getKey() > m.groupCount() || !e.getValue().equals(m.group(e.getKey()))) {
          return Optional.empty();
        }
      }
    } catch (PcreSyntaxException e) {
      return Optional.empty();
    }
    return Optional.of(subject);
  }

  /** An alternation: the first branch is written, the others skipped. */
  private void sequence() {
    alternative();
    while (at < pattern.length() && pattern.charAt(at) == '|') {
      int mark = out.length();
      at++;
      alternative();
      out.setLength(mark);
    }
  }

  private void alternative() {
    while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
      int mark = out.length();
      int number = atom();
      quantifier(mark, number);
    }
  }

  /** Writes one atom; its group number when it was a capturing group, else 0. */
  private int atom() {
    char c = pattern.charAt(at);
    switch (c) {
      case '^', '$' -> {
        at++;
        return 0;
      }
      case '.' -> {
        at++;
        out.append('a');
        return 0;
      }
      case '[' -> {
        klass();
        return 0;
      }
      case '\\' -> {
        escape();
        return 0;
      }
      case '(' -> {
        return parenthesis();
      }
      default -> {
        at++;
        out.append(c);
        return 0;
      }
    }
  }

  private int parenthesis() {
    at++;
    boolean capturing = true;
    if (pattern.startsWith("?:", at)) {
      at += 2;
      capturing = false;
    } else if (pattern.startsWith("?P<", at)
        || pattern.startsWith("?<", at)
            && at + 2 < pattern.length()
            && Character.isLetter(pattern.charAt(at + 2))) {
      int close = pattern.indexOf('>', at);
      if (close < 0) {
        throw new IllegalArgumentException("unterminated group name");
      }
      at = close + 1;
    } else if (pattern.startsWith("?", at)) {
      throw new IllegalArgumentException("lookaround or option group");
    }
    if (++depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deep");
    }
    int number = capturing ? ++group : 0;
    int mark = out.length();
    sequence();
    if (at >= pattern.length() || pattern.charAt(at) != ')') {
      throw new IllegalArgumentException("unbalanced");
    }
    at++;
    if (capturing && chosen.containsKey(number)) {
      out.setLength(mark);
      out.append(chosen.get(number));
    }
    return number;
  }

  private void escape() {
    char e = pattern.charAt(at + 1);
    at += 2;
    switch (e) {
      case 'd' -> out.append('0');
      case 'w' -> out.append('a');
      case 's' -> out.append(' ');
      case 'D', 'W', 'S' -> out.append('-');
      case 'b', 'B', 'A', 'z', 'Z', 'G' -> {}
      default -> {
        if (Character.isLetterOrDigit(e)) {
          throw new IllegalArgumentException("escape \\" + e);
        }
        out.append(e);
      }
    }
  }

  /** A class: the first of a few sample characters that it matches. */
  private void klass() {
    int start = at;
    int i = at + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    while (i < pattern.length() && pattern.charAt(i) != ']') {
      if (pattern.charAt(i) == '\\') {
        i++;
      } else if (pattern.startsWith("[:", i)) {
        i = pattern.indexOf(":]", i) + 1;
      }
      i++;
    }
    at = i + 1;
    PcrePattern cls = PcrePattern.compile("^" + pattern.substring(start, at) + "$", false);
    for (char sample : "a0-._/A~".toCharArray()) {
      if (cls.find(String.valueOf(sample))) {
        out.append(sample);
        return;
      }
    }
    throw new IllegalArgumentException("class without a sample");
  }

  /** After an atom: zero occurrences where allowed (a chosen group keeps its one). */
  private void quantifier(int mark, int number) {
    if (at >= pattern.length()) {
      return;
    }
    char q = pattern.charAt(at);
    boolean keep = number > 0 && chosen.containsKey(number);
    switch (q) {
      case '?', '*' -> {
        at++;
        if (!keep) {
          out.setLength(mark);
        }
      }
      case '+' -> at++;
      case '{' -> {
        int close = pattern.indexOf('}', at);
        String[] bounds = pattern.substring(at + 1, close).split(",", -1);
        int min = bounds[0].isEmpty() ? 0 : Integer.parseInt(bounds[0].strip());
        String once = out.substring(mark);
        out.setLength(mark);
        for (int n = 0; n < Math.max(min, keep ? 1 : 0); n++) {
          out.append(once);
        }
        at = close + 1;
      }
      default -> {
        return;
      }
    }
    if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
      at++; // lazy or possessive
    }
  }
}
