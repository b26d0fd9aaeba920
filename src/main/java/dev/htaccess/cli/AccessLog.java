package dev.htaccess.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requests from an Apache access log in the common or combined format: the request line in
 * the first quoted field, and for combined logs the Referer and User-Agent, which become request
 * headers (rules often test them).
 */
public final class AccessLog {

  private static final Pattern LINE =
      Pattern.compile(
          "^\\S+ \\S+ \\S+ \\[[^\\]]*\\] \"([^\"]*)\" \\S+ \\S+(?: \"((?:[^\"\\\\]|\\\\.)*)\""
              + " \"((?:[^\"\\\\]|\\\\.)*)\")?.*$");

  private AccessLog() {}

  /** A line that could not be read as a log entry. */
  public record Skipped(int lineNumber, String line) {}

  /** The requests of a log, and the lines that were not requests. */
  public record Parsed(List<RequestLines.Line> requests, List<Skipped> skipped) {}

  /** Parses a whole log (a byte string). */
  public static Parsed parse(String content, boolean https, String remoteAddr) {
    List<RequestLines.Line> requests = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    String[] lines = content.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        skipped.add(new Skipped(i + 1, line));
        continue;
      }
      String[] request = m.group(1).split(" ");
      if (request.length < 2) {
        skipped.add(new Skipped(i + 1, line));
        continue;
      }
      StringBuilder spec = new StringBuilder(request[0]).append(' ').append(request[1]);
      if (m.group(2) != null && !m.group(2).equals("-") && !m.group(2).isEmpty()) {
        spec.append("\tReferer: ").append(unescape(m.group(2)));
      }
      if (m.group(3) != null && !m.group(3).equals("-") && !m.group(3).isEmpty()) {
        spec.append("\tUser-Agent: ").append(unescape(m.group(3)));
      }
      try {
        requests.add(RequestLines.parse(spec.toString(), https, remoteAddr));
      } catch (RequestLines.BadLine e) {
        skipped.add(new Skipped(i + 1, line));
      }
    }
    return new Parsed(requests, skipped);
  }

  /** Reverses mod_log_config's escaping of quotes and backslashes. */
  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
