package dev.htaccess.convert;

/**
 * What of a PCRE pattern Go's RE2 (Caddy's regexp engine) does not take: look-around, atomic
 * groups, back-references, possessive quantifiers, recursion and the escapes RE2 lacks.
 */
final class Re2Syntax {

  private Re2Syntax() {}

  /**
   * The pattern with each negative look-ahead of a literal ({@code (?!well-known/)}, the common
   * case) written without it, where that can be done exactly: where only ends of alternatives and
   * groups follow it (and a {@code .*}, and then a {@code $}). "Not followed by Y" is then "the
   * end, or a character other than Y's first, or Y's first followed by not the rest of Y"; before
   * {@code .*$} that consumes the rest of the subject, as the {@code .*} would (not past a
   * newline). The pattern unchanged when it has no look-ahead; null when one cannot be rewritten.
   *
   * @param captures whether the groups' captures are used: a group that closes after the look-ahead
   *     would then capture more, and the pattern is not rewritten
   */
  static String withoutLookahead(String pattern, boolean captures) {
    int at = lookahead(pattern);
    if (at < 0) {
      return pattern;
    }
    StringBuilder literal = new StringBuilder();
    int i = at + 3;
    for (; i < pattern.length() && pattern.charAt(i) != ')'; i++) {
      char c = pattern.charAt(i);
      if (c == '\\'
          && i + 1 < pattern.length()
          && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
        literal.append(pattern.charAt(++i));
      } else if (Character.isLetterOrDigit(c) || "-_/:=@,;'\" ~%&#<>".indexOf(c) >= 0) {
        literal.append(c);
      } else {
        return null; // not a literal
      }
    }
    if (i >= pattern.length() || literal.length() == 0) {
      return null;
    }
    int end = i + 1;
    boolean any = pattern.startsWith(".*", end);
    if (any) {
      end += 2;
    }
    int follows = whatFollows(pattern, end, any, captures);
    if (follows < 0) {
      return null;
    }
    String rest = withoutLookahead(pattern.substring(end), captures);
    return rest == null
        ? null
        : pattern.substring(0, at) + notStartingWith(literal.toString(), follows == 1) + rest;
  }

  /** {@link #withoutLookahead(String, boolean)} where no capture is used. */
  static String withoutLookahead(String pattern) {
    return withoutLookahead(pattern, false);
  }

  /** Where the first {@code (?!} of the pattern is (not escaped, not in a class), or -1. */
  private static int lookahead(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = endOfClass(pattern, i);
      } else if (pattern.startsWith("(?!", i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The position of the {@code ]} that closes the class opened at {@code open} (a {@code ]} first
   * in the class, after any {@code ^}, is a literal), or the end.
   */
  private static int endOfClass(String pattern, int open) {
    int i = open + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    for (; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']') {
        return i;
      }
    }
    return pattern.length();
  }

  /**
   * What follows {@code from}: -1 when something could match there (anything but ends of
   * alternatives and groups, and a {@code $} after a {@code .*}; with {@code captures}, any end of
   * a group), 1 when a {@code $} does, else 0.
   */
  private static int whatFollows(String pattern, int from, boolean any, boolean captures) {
    int dollar = 0;
    int i = from;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '$' && any) {
        dollar = 1;
        i++;
      } else if (c == ')') {
        if (captures || (i + 1 < pattern.length() && "?*+{".indexOf(pattern.charAt(i + 1)) >= 0)) {
          return -1;
        }
        i++;
      } else if (c == '|') {
        i = closeOfGroup(pattern, i); // the rest of this alternation is another alternative
      } else {
        return -1;
      }
    }
    return dollar;
  }

  /** The position of the {@code )} that closes the group around {@code from}, or the end. */
  private static int closeOfGroup(String pattern, int from) {
    int depth = 0;
    for (int i = from; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = endOfClass(pattern, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth-- == 0) {
        return i;
      }
    }
    return pattern.length();
  }

  /**
   * A regex for "the rest of the subject does not start with {@code y}"; with {@code toEnd} it
   * consumes the rest as {@code .*} would (a {@code $} follows), else one character at most.
   */
  private static String notStartingWith(String y, boolean toEnd) {
    String c = String.valueOf(y.charAt(0));
    String quoted = Character.isLetterOrDigit(y.charAt(0)) ? c : "\\" + c;
    String more = y.length() == 1 ? "" : "|" + quoted + notStartingWith(y.substring(1), toEnd);
    return "(?:$|[^" + quoted + (toEnd ? "\\n].*" : "]") + more + ")";
  }

  /** The pattern as written for RE2 (its literal look-aheads rewritten), or null. */
  static String of(String pattern) {
    return of(pattern, false);
  }

  /** As {@link #of(String)}, {@code captures} telling whether the groups' captures are used. */
  static String of(String pattern, boolean captures) {
    String p = withoutLookahead(pattern, captures);
    return p == null || syntax(p) != null ? null : p;
  }

  /** As {@link #unsupported(String)}, {@code captures} telling whether captures are used. */
  static String unsupported(String pattern, boolean captures) {
    String p = withoutLookahead(pattern, captures);
    return p == null ? "look-around (Caddy's RE2 has none)" : syntax(p);
  }

  /** Why RE2 cannot take the pattern, even with its look-aheads rewritten; null when it can. */
  static String unsupported(String pattern) {
    return unsupported(pattern, false);
  }

  private static String syntax(String pattern) {
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        char e = pattern.charAt(++i);
        if (!inClass && e >= '1' && e <= '9') {
          return "the back-reference \\" + e + " (Caddy's RE2 has none)";
        }
        if ("ZGKRhHXgkNe".indexOf(e) >= 0) {
          return "the escape \\" + e + " (Caddy's RE2 has none)";
        }
        continue;
      }
      if (inClass) {
        if (c == '[' && pattern.startsWith("[:", i)) {
          int end = pattern.indexOf(":]", i + 2);
          if (end > 0) {
            i = end + 1; // an ASCII class, which RE2 takes
          }
          continue;
        }
        inClass = c != ']';
        continue;
      }
      if (c == '[') {
        inClass = true;
        if (pattern.startsWith("[^]", i) || pattern.startsWith("[]", i)) {
          i += pattern.charAt(i + 1) == '^' ? 2 : 1;
        }
      } else if (c == '(' && pattern.startsWith("(?", i)) {
        String g = pattern.substring(i);
        if (g.startsWith("(?=") || g.startsWith("(?!") || g.startsWith("(?<=")) {
          return "look-around (Caddy's RE2 has none)";
        }
        if (g.startsWith("(?<!") || g.startsWith("(?>") || g.startsWith("(?|")) {
          return "a look-behind, atomic or branch-reset group (Caddy's RE2 has none)";
        }
        if (g.startsWith("(?<") || g.startsWith("(?'") || g.matches("(?s)\\(\\?[R0-9+&].*")) {
          return "a named group written (?<name>) or a recursion (Caddy's RE2 reads neither)";
        }
      } else if ((c == '+' || c == '*' || c == '?' || c == '}')
          && i + 1 < pattern.length()
          && pattern.charAt(i + 1) == '+'
          && (c != '?' || i == 0 || "*+?}".indexOf(pattern.charAt(i - 1)) < 0)) {
        return "a possessive quantifier " + c + "+ (Caddy's RE2 has none)";
      }
    }
    return null;
  }
}
