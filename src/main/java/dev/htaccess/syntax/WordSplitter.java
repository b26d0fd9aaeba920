package dev.htaccess.syntax;

import dev.htaccess.httpd.CNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache's two ways of splitting an argument line into words. Most directives use {@code
 * ap_getword_conf} (server/util.c); RewriteRule and RewriteCond use mod_rewrite's own {@code
 * parseargline}, which has different quoting. Both are reimplemented here from their documented
 * behaviour; the differences matter, e.g. for {@code "\""} or a backslash before a space.
 */
final class WordSplitter {

  private WordSplitter() {}

  /** Apache's white space: the C locale's {@code isspace}. */
  static boolean isSpace(char c) {
    return CNumbers.isSpace(c);
  }

  /** Splits as {@code ap_getword_conf} does, repeatedly, until the line is used up. */
  static List<Word> confWords(String line) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return words;
      }
      int start = i;
      char quote = line.charAt(i);
      if (quote == '"' || quote == '\'') {
        int j = i + 1;
        while (j < n && line.charAt(j) != quote) {
          if (line.charAt(j) == '\\'
              && j + 1 < n
              && (line.charAt(j + 1) == quote || line.charAt(j + 1) == '\\')) {
            j += 2;
          } else {
            j++;
          }
        }
        String value = unescape(line.substring(i + 1, j), quote);
        if (j < n) {
          j++;
        }
        words.add(new Word(value, start, j));
        i = j;
      } else {
        int j = i;
        while (j < n && !isSpace(line.charAt(j))) {
          j++;
        }
        words.add(new Word(unescape(line.substring(i, j), '\0'), start, j));
        i = j;
      }
    }
  }

  /**
   * Resolves the escapes {@code ap_getword_conf} knows: a backslash before a backslash, or before
   * the enclosing quote, stands for that character; every other backslash is kept.
   */
  static String unescape(String s, char quote) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\'
          && i + 1 < s.length()
          && (s.charAt(i + 1) == '\\' || (quote != '\0' && s.charAt(i + 1) == quote))) {
        out.append(s.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The outcome of splitting a RewriteRule or RewriteCond line. */
  record RewriteArgs(List<Word> words, String error, String ignoredRest, int ignoredStart) {}

  /**
   * Splits as mod_rewrite's {@code parseargline}: up to three words, each optionally in single or
   * double quotes without escapes, where a backslash before white space keeps the word together
   * (the backslash stays in the word). Text after the third word is ignored by Apache; it is
   * reported in {@code ignoredRest}. At least two words are required.
   */
  static RewriteArgs rewriteArgs(String line) {
    List<Word> words = new ArrayList<>(3);
    int n = line.length();
    int i = skipSpace(line, 0);
    for (int index = 0; index < 3; index++) {
      if (index == 2 && i >= n) {
        break;
      }
      char quote = i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'') ? line.charAt(i) : 0;
      int start = i;
      if (quote != 0) {
        i++;
      }
      int valueStart = i;
      while (i < n) {
        char c = line.charAt(i);
        if ((quote == 0 && isSpace(c)) || (quote != 0 && c == quote)) {
          break;
        }
        if (c == '\\' && i + 1 < n && isSpace(line.charAt(i + 1))) {
          i += 2;
          continue;
        }
        i++;
      }
      String value = line.substring(valueStart, Math.min(i, n));
      if (i >= n) {
        if (index == 0) {
          words.add(new Word(value, start, n));
          return new RewriteArgs(
              words, "bad argument line: at least two arguments required", "", n);
        }
        words.add(new Word(value, start, n));
        return new RewriteArgs(words, null, "", n);
      }
      // The terminator (a space or the closing quote) is consumed.
      int end = quote != 0 ? i + 1 : i;
      words.add(new Word(value, start, end));
      i = skipSpace(line, i + 1);
      if (index == 2) {
        return new RewriteArgs(words, null, line.substring(end).strip(), i);
      }
    }
    return new RewriteArgs(words, null, "", n);
  }

  private static int skipSpace(String line, int i) {
    while (i < line.length() && isSpace(line.charAt(i))) {
      i++;
    }
    return i;
  }
}
