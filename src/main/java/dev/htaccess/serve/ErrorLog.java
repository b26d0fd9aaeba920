package dev.htaccess.serve;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The error log, one line per event in Apache's format: {@code [Thu Nov 26 08:38:31.942380 2026]
 * [module:level] [client ip] message}. Lines from several request threads never interleave.
 */
final class ErrorLog {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.ROOT);

  private final PrintWriter out;

  ErrorLog(PrintWriter out) {
    this.out = out;
  }

  /**
   * @param module Apache's module name and level, such as {@code proxy_fcgi:error}
   * @param client the client's address, or null
   */
  void line(String module, String client, String message) {
    String text =
        "["
            + TIME.format(ZonedDateTime.now())
            + "] ["
            + module
            + "]"
            + (client == null ? "" : " [client " + client + "]")
            + " "
            + message;
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }
}
