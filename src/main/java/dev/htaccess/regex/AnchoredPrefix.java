package dev.htaccess.regex;

/**
 * The literal text an anchored pattern must start with ({@code ^old-6\.html$} must start with
 * {@code old-6.html}): a subject that does not start with it cannot match, so it is refused before
 * the engine is asked. A file of 5,000 such redirects asks PCRE2 5,000 times per request otherwise.
 * Conservative: any pattern this does not read plainly has no prefix.
 */
final class AnchoredPrefix {

  private AnchoredPrefix() {}

  /** Characters that stand for themselves outside a class, as PCRE2 reads them. */
  private static final String PLAIN_PUNCTUATION = "-_/%=,;:@~!&'\"<># ";

  /** The prefix every match starts with, or null for none (or an empty one). */
  static String of(String pattern, boolean caseless) {
    if (!pattern.startsWith("^") || pattern.indexOf('|') >= 0) {
      return null; // an alternative may start anywhere
    }
    StringBuilder prefix = new StringBuilder();
    int i = 1;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      char literal;
      int next;
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          break;
        }
        char e = pattern.charAt(i + 1);
        if (e >= 0x80 || Character.isLetterOrDigit(e)) {
          break; // \d, \w, \Q, \x41 ...: not a plain character
        }
        literal = e;
        next = i + 2;
      } else if (c < 0x80 && (Character.isLetterOrDigit(c) || PLAIN_PUNCTUATION.indexOf(c) >= 0)) {
        literal = c;
        next = i + 1;
      } else if (c >= 0x80 && !caseless) {
        literal = c; // a byte above ASCII: itself, when case does not matter
        next = i + 1;
      } else {
        break;
      }
      if (caseless && literal >= 0x80) {
        break; // PCRE2's tables fold ASCII letters only
      }
      if (next < pattern.length() && "?*{".indexOf(pattern.charAt(next)) >= 0) {
        break; // the character may be absent
      }
      prefix.append(literal);
      if (next < pattern.length() && pattern.charAt(next) == '+') {
        break; // present, but how often is for the engine
      }
      i = next;
    }
    return prefix.length() == 0 ? null : prefix.toString();
  }

  /** Whether {@code subject} starts with {@code prefix} (ASCII letters folded when caseless). */
  static boolean startsWith(CharSequence subject, String prefix, boolean caseless) {
    if (subject.length() < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      char a = subject.charAt(k);
      char b = prefix.charAt(k);
      if (a != b && !(caseless && fold(a) == fold(b))) {
        return false;
      }
    }
    return true;
  }

  private static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
