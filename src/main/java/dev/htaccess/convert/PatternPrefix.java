package dev.htaccess.convert;

/**
 * A per-directory RewriteRule pattern as a pattern on the whole path. Apache matches a .htaccess
 * rule against the path with the directory's prefix taken off; nginx's {@code rewrite} matches the
 * whole path. Only two shapes are rewritten, each keeping the groups' numbers: {@code ^rest}
 * (anchored once, at the start) becomes {@code ^/dir/(?:rest)}, and a pattern with no {@code ^}
 * becomes {@code ^/dir/.*?(?:pattern)}, whose lazy prefix finds the leftmost match as a search
 * does. Anything else (an alternation of anchors, a {@code ^} inside) is left to the chained form,
 * which matches the relative path itself.
 */
final class PatternPrefix {

  private PatternPrefix() {}

  /** The whole-path pattern, or null. */
  static String of(String prefix, String pattern) {
    int anchors = 0;
    boolean topLevelAlternation = false;
    boolean lookbehind = false;
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
            i++;
          }
        }
        case '(' -> {
          depth++;
          lookbehind |= pattern.startsWith("(?<=", i) || pattern.startsWith("(?<!", i);
        }
        case ')' -> depth--;
        case '|' -> topLevelAlternation |= depth == 0;
        case '^' -> anchors++;
        default -> {}
      }
    }
    if (topLevelAlternation || lookbehind || pattern.startsWith("(?")) {
      return null;
    }
    if (anchors == 0) {
      return "^" + quoteLiteral(prefix) + ".*?(?:" + pattern + ")";
    }
    if (anchors == 1 && pattern.startsWith("^")) {
      return "^" + quoteLiteral(prefix) + "(?:" + pattern.substring(1) + ")";
    }
    return null;
  }

  /** A literal string as a PCRE pattern. */
  static String quoteLiteral(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
