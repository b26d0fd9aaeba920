package dev.htaccess.serve;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes Apache's combined log format: host ident user [time] "request" status bytes "referer"
 * "agent".
 */
final class AccessLogWriter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  private final PrintWriter out;

  /** Lines written since the last flush; a timer flushes them, not every request. */
  private volatile boolean dirty;

  /** The formatted time of the current second: formatting per request showed in profiles. */
  private record Stamp(long second, String text) {}

  private volatile Stamp stamp = new Stamp(-1, "");

  AccessLogWriter(PrintWriter out) {
    this.out = out;
  }

  private String now() {
    long second = System.currentTimeMillis() / 1000;
    Stamp s = stamp;
    if (s.second() != second) {
      s =
          new Stamp(
              second,
              TIME.format(
                  ZonedDateTime.ofInstant(
                      java.time.Instant.ofEpochSecond(second), java.time.ZoneId.systemDefault())));
      stamp = s;
    }
    return s.text();
  }

  void log(
      String remote, String requestLine, int status, long bytes, String referer, String agent) {
    if (out == null) {
      return;
    }
    String line =
        remote
            + " - - ["
            + now()
            + "] \""
            + escape(requestLine)
            + "\" "
            + status
            + " "
            + (bytes <= 0 ? "-" : Long.toString(bytes))
            + " \""
            + escape(referer == null ? "-" : referer)
            + "\" \""
            + escape(agent == null ? "-" : agent)
            + "\"";
    synchronized (out) {
      out.println(line);
    }
    dirty = true;
  }

  /**
   * Pushes buffered lines out. The server calls it ten times a second and when it stops: a write
   * per request showed in profiles, and a tenth of a second is still "at once" for a person
   * watching the log.
   */
  void flush() {
    if (out != null && dirty) {
      dirty = false;
      synchronized (out) {
        out.flush();
      }
    }
  }

  private static String escape(String s) {
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c != '"' && c != '\\' && c >= 0x20 && c != 0x7f;
    }
    if (plain) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
