package dev.htaccess.cli;

import dev.htaccess.eval.RequestSpec;
import dev.htaccess.source.RawText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The oracle's request-file format: one request a line, {@code METHOD URL[<TAB>Header: value]...},
 * {@code #} comments and blank lines ignored. The URL is sent byte for byte; an absolute {@code
 * http://} or {@code https://} URL gives the Host header and, for https, TLS.
 */
public final class RequestLines {

  private RequestLines() {}

  /**
   * A parsed line.
   *
   * @param request what the outcome is keyed by: {@code METHOD URL}, without the headers
   * @param spec the request
   * @param raw the whole line, headers included
   */
  public record Line(String request, RequestSpec spec, String raw) {}

  /** A request line that cannot be read; the message says why. */
  public static final class BadLine extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message);
    }
  }

  /**
   * Parses a whole file (a byte string); comment and blank lines are skipped. Throws {@link
   * BadLine} with {@code LINE: message} for a line it cannot read.
   */
  public static List<Line> parseFile(String content, boolean https, String remoteAddr) {
    List<Line> out = new ArrayList<>();
    int number = 0;
    for (String raw : content.split("\n")) {
      number++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (ignored(line)) {
        continue;
      }
      try {
        out.add(parse(line, https, remoteAddr));
      } catch (BadLine e) {
        throw new BadLine(number + ":1: " + e.getMessage());
      }
    }
    return out;
  }

  /** Whether a line is a comment or blank (and so no request). */
  static boolean ignored(String line) {
    return line.isBlank() || line.stripLeading().startsWith("#");
  }

  /**
   * Why {@link #parse} would refuse a line (a request line, not a comment), or null when it would
   * not; cheaper than parsing.
   */
  static String problem(String line) {
    if (line.indexOf('\t') < 0) {
      return null;
    }
    String[] fields = line.split("\t");
    for (int i = 1; i < fields.length; i++) {
      if (badField(fields[i])) {
        return badFieldMessage(fields[i]);
      }
    }
    return null;
  }

  private static boolean badField(String field) {
    return field.indexOf(':') < 0 && !field.isBlank();
  }

  private static String badFieldMessage(String field) {
    return "bad header field '" + field + "' (a header is 'Name: value')";
  }

  /** Parses one line. */
  public static Line parse(String line, boolean https, String remoteAddr) {
    String[] fields = line.split("\t");
    String first = fields[0];
    int space = first.indexOf(' ');
    String method = space < 0 ? first : first.substring(0, space);
    String target = space < 0 ? "" : first.substring(space + 1);
    List<RequestSpec.Header> headers = new ArrayList<>();
    for (int i = 1; i < fields.length; i++) {
      int colon = fields[i].indexOf(':');
      if (badField(fields[i])) {
        throw new BadLine(badFieldMessage(fields[i]));
      }
      if (colon > 0) {
        headers.add(
            new RequestSpec.Header(
                fields[i].substring(0, colon).strip(), fields[i].substring(colon + 1).strip()));
      }
    }
    String lower = target.toLowerCase(Locale.ROOT);
    boolean tls = https || lower.startsWith("https://");
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int start = target.indexOf("//") + 2;
      int slash = target.indexOf('/', start);
      String host = slash < 0 ? target.substring(start) : target.substring(start, slash);
      if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
        headers.add(0, new RequestSpec.Header("Host", host));
      }
    }
    return new Line(first, new RequestSpec(method, target, headers, tls, remoteAddr), line);
  }

  /** A request given as command-line text (ordinary text, encoded as UTF-8 bytes). */
  public static Line fromArguments(
      String method, String url, List<String> headers, boolean https, String remoteAddr) {
    return parse(argumentLine(method, url, headers), https, remoteAddr);
  }

  /** The request-file line of a request given as command-line text. */
  static String argumentLine(String method, String url, List<String> headers) {
    StringBuilder line = new StringBuilder(method).append(' ').append(RawText.fromText(url));
    for (String h : headers) {
      line.append('\t').append(RawText.fromText(h));
    }
    return line.toString();
  }
}
