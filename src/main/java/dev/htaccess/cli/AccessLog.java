package dev.htaccess.cli;

import java.util.regex.Pattern;

/**
 * Reads requests from an Apache access log in the common or combined format: the request line in
 * the first quoted field, and for combined logs the Referer and User-Agent, which become request
 * headers (rules often test them).
 */
public final class AccessLog {

  /** The log line, as the hand-written reader reads it (kept as its specification and test). */
  static final Pattern LINE =
      Pattern.compile(
          "^\\S+ \\S+ \\S+ \\[[^\\]]*\\] \"([^\"]*)\" \\S+ \\S+(?: \"((?:[^\"\\\\]|\\\\.)*)\""
              + " \"((?:[^\"\\\\]|\\\\.)*)\")?.*$");

  private AccessLog() {}

  /**
   * One log line as a line of a request file ({@code METHOD URL<TAB>Referer: ...<TAB>User-Agent:
   * ...}), or null when it is not a log entry.
   */
  static String requestLine(String line) {
    Fields f = fields(line);
    if (f == null) {
      return null;
    }
    String[] request = f.request.split(" ");
    if (request.length < 2) {
      return null;
    }
    StringBuilder spec = new StringBuilder(request[0]).append(' ').append(request[1]);
    if (f.referer != null && !f.referer.equals("-") && !f.referer.isEmpty()) {
      spec.append("\tReferer: ").append(unescape(f.referer));
    }
    if (f.userAgent != null && !f.userAgent.equals("-") && !f.userAgent.isEmpty()) {
      spec.append("\tUser-Agent: ").append(unescape(f.userAgent));
    }
    return spec.toString();
  }

  /** The quoted fields of a log line; the referer and agent are null in a common-format line. */
  record Fields(String request, String referer, String userAgent) {}

  /**
   * Reads a line as {@link #LINE} does, without the regex (a log of millions of lines spends most
   * of its replay there): the same fields, or null where LINE does not match.
   */
  static Fields fields(String line) {
    int n = line.length();
    int i = 0;
    for (int token = 0; token < 3; token++) {
      int start = i;
      while (i < n && !whitespace(line.charAt(i))) {
        i++;
      }
      if (i == start || i >= n || line.charAt(i) != ' ') {
        return null;
      }
      i++;
    }
    if (i >= n || line.charAt(i) != '[') {
      return null;
    }
    int close = line.indexOf(']', i + 1);
    if (close < 0 || !line.startsWith(" \"", close + 1)) {
      return null;
    }
    int requestStart = close + 3;
    int requestEnd = line.indexOf('"', requestStart);
    if (requestEnd < 0) {
      return null;
    }
    i = requestEnd + 1;
    for (int token = 0; token < 2; token++) {
      if (i >= n || line.charAt(i) != ' ') {
        return null;
      }
      i++;
      int start = i;
      while (i < n && !whitespace(line.charAt(i))) {
        i++;
      }
      if (i == start) {
        return null;
      }
    }
    String request = line.substring(requestStart, requestEnd);
    String referer = null;
    String agent = null;
    int tail = i;
    if (line.startsWith(" \"", i)) {
      int refEnd = escapedEnd(line, i + 2);
      if (refEnd >= 0 && line.startsWith("\" \"", refEnd)) {
        int agentEnd = escapedEnd(line, refEnd + 3);
        if (agentEnd >= 0 && agentEnd < n && line.charAt(agentEnd) == '"') {
          referer = line.substring(i + 2, refEnd);
          agent = line.substring(refEnd + 3, agentEnd);
          tail = agentEnd + 1;
        }
      }
    }
    // ".*$" takes the rest, but no line terminator.
    for (int k = tail; k < n; k++) {
      if (terminator(line.charAt(k))) {
        return null;
      }
    }
    return new Fields(request, referer, agent);
  }

  /**
   * Where {@code (?:[^"\\]|\\.)*} starting at {@code from} stops: at the first unescaped quote, or
   * -1 where it stops at a backslash that escapes nothing (the quote after it cannot match).
   */
  private static int escapedEnd(String line, int from) {
    int n = line.length();
    int i = from;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        if (i + 1 >= n || terminator(line.charAt(i + 1))) {
          return -1;
        }
        i += 2;
      } else {
        i++;
      }
    }
    return i;
  }

  /** {@code \\s}: what {@code \\S} does not match. */
  private static boolean whitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** What {@code .} does not match. */
  private static boolean terminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Reverses mod_log_config's escaping of quotes and backslashes. */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
