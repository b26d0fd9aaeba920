package dev.htaccess.lsp;

import java.util.Locale;

/**
 * Where the cursor stands on a line, as hover and completion need it: the directive the line starts
 * with, the word under the cursor, and whether the cursor is inside a {@code %{...}} or a flag list
 * {@code [...]}. Read from the line's text, so that it works on a half-typed line that the reader
 * cannot make a directive of.
 */
record LineContext(String line, int cursor, String directive, int directiveEnd) {

  static LineContext of(String line, int cursor) {
    int c = Math.max(0, Math.min(cursor, line.length()));
    int start = 0;
    while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    String word = line.substring(start, end);
    if (word.endsWith(">")) {
      word = word.substring(0, word.length() - 1);
    }
    return new LineContext(line, c, word, end);
  }

  /** The directive's name without angle brackets or slash, in lower case. */
  String directiveKey() {
    return directive.replaceFirst("^</?", "").toLowerCase(Locale.ROOT);
  }

  boolean isComment() {
    return directive.startsWith("#");
  }

  /** True while the cursor is on the directive's name (or before anything was typed). */
  boolean onDirectiveName() {
    return cursor <= directiveEnd && line.substring(0, cursor).strip().indexOf(' ') < 0;
  }

  /**
   * The text of a {@code %{...}} the cursor is inside (up to the cursor when unclosed), or null.
   */
  String variableAtCursor() {
    int open = line.lastIndexOf("%{", Math.max(0, cursor - 1));
    if (open < 0 || (cursor < open + 2)) {
      return null;
    }
    int close = line.indexOf('}', open);
    if (close >= 0 && close < cursor) {
      return null;
    }
    return line.substring(open + 2, close < 0 ? cursor : close);
  }

  /** True when the cursor is inside an unclosed {@code %{} before it. */
  boolean inUnclosedVariable() {
    String before = line.substring(0, cursor);
    int open = before.lastIndexOf("%{");
    return open >= 0 && before.indexOf('}', open) < 0;
  }

  /** True when the cursor is inside the flag list of a RewriteRule or RewriteCond line. */
  boolean inFlags() {
    String key = directiveKey();
    if (!key.equals("rewriterule") && !key.equals("rewritecond")) {
      return false;
    }
    String before = line.substring(0, cursor);
    int open = before.lastIndexOf('[');
    int spaceAfter = open < 0 ? -1 : before.indexOf(' ', open);
    return open > directiveEnd && before.indexOf(']', open) < 0 && spaceAfter < 0;
  }

  /** The flag word under the cursor (between [, commas, = and ]), or null. */
  String flagAtCursor() {
    int open = line.lastIndexOf('[', Math.max(0, cursor - 1));
    int close = line.indexOf(']', open < 0 ? 0 : open);
    if (open < 0 || close < 0 || cursor <= open || cursor > close) {
      return null;
    }
    int s = cursor;
    while (s > open + 1 && line.charAt(s - 1) != ',') {
      s--;
    }
    int e = cursor;
    while (e < close && line.charAt(e) != ',') {
      e++;
    }
    String flag = line.substring(s, e).strip();
    int eq = flag.indexOf('=');
    return eq < 0 ? flag : flag.substring(0, eq);
  }

  /** The argument word under the cursor, or null. */
  String wordAtCursor() {
    if (cursor > line.length()) {
      return null;
    }
    int s = cursor;
    while (s > 0 && !Character.isWhitespace(line.charAt(s - 1))) {
      s--;
    }
    int e = cursor;
    while (e < line.length() && !Character.isWhitespace(line.charAt(e))) {
      e++;
    }
    return s == e ? null : line.substring(s, e);
  }

  /** The index of the argument under the cursor (0: the first after the name), or -1. */
  int argumentIndex() {
    if (cursor <= directiveEnd) {
      return -1;
    }
    String args = line.substring(directiveEnd, cursor);
    int n = -1;
    boolean inWord = false;
    for (int i = 0; i < args.length(); i++) {
      boolean space = Character.isWhitespace(args.charAt(i));
      if (!space && !inWord) {
        n++;
      }
      inWord = !space;
    }
    return inWord ? n : n + 1;
  }

  /** The part of the word under the cursor before the cursor (what completion filters by). */
  String typedPrefix() {
    int s = cursor;
    while (s > 0 && "%{[,<: \t!+-".indexOf(line.charAt(s - 1)) < 0) {
      s--;
    }
    return line.substring(s, cursor);
  }
}
