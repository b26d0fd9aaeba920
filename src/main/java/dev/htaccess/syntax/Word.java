package dev.htaccess.syntax;

/**
 * A word split out of a logical line.
 *
 * @param value the word with quotes and escapes resolved
 * @param start index of its first character in the joined line (the quote, if quoted)
 * @param end index after its last character (after the closing quote, if any)
 */
record Word(String value, int start, int end) {}
