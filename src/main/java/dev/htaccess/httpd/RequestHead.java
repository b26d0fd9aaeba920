package dev.htaccess.httpd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The core's reading of a request head (ap_read_request with {@code HttpProtocolOptions Strict},
 * Debian's default), before any module runs: what it refuses, and what it accepts that a stricter
 * or looser parser would not. Measured with raw requests against Apache 2.4 (testdata/serve-raw):
 *
 * <ul>
 *   <li>the request line is {@code METHOD SP target SP HTTP/d.d} exactly: one space each, no tab,
 *       no trailing space, {@code HTTP} in upper case, one digit each side of the dot; a method of
 *       other than token characters, a target with a control character, {@code HTTP/0.9} spelled
 *       out: 400. Any version from 1.0 up is accepted (1.2 and 2.0 are served as 1.1); empty lines
 *       before the request line are skipped;
 *   <li>every line ends in CRLF (a bare LF is a 400); a header line needs a colon right after a
 *       non-empty token name (no space before it), and a value without control characters other
 *       than TAB; a folded line (starting with a space or TAB) continues the field before it, and
 *       is a 400 as the first header line;
 *   <li>{@code Expect} other than {@code 100-continue} is a 417, whatever the version; with {@code
 *       Transfer-Encoding} ending in {@code chunked}, Content-Length is dropped.
 * </ul>
 */
public final class RequestHead {

  private RequestHead() {}

  /**
   * What the core makes of a head.
   *
   * @param status 0 when accepted, else the status it answers with
   * @param reason why (Apache's log wording where it has one)
   * @param head the head to hand on when it had to be normalised for a stricter parser (version,
   *     folded lines, Transfer-Encoding), or null when it is fine as it is
   */
  public record Verdict(int status, String reason, byte[] head) {
    static Verdict accept(byte[] head) {
      return new Verdict(0, null, head);
    }

    static Verdict refuse(int status, String reason) {
      return new Verdict(status, reason, null);
    }
  }

  /**
   * The index just after the empty line that ends the head starting at {@code from} (leading empty
   * lines skipped), or -1 when the bytes up to {@code to} hold no complete head.
   */
  public static int end(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && (bytes[i] == '\r' || bytes[i] == '\n')) {
      i++;
    }
    int lineStart = i;
    for (; i < to; i++) {
      if (bytes[i] == '\n') {
        int len = i - lineStart - (i > lineStart && bytes[i - 1] == '\r' ? 1 : 0);
        if (len == 0) {
          return i + 1;
        }
        lineStart = i + 1;
      }
    }
    return -1;
  }

  /**
   * Whether the complete head in {@code bytes[from, to)} is one {@link #check} accepts as it is,
   * found by one pass over the bytes without copying them: an HTTP/1.0 or 1.1 request line, plain
   * header lines, no Expect and no Transfer-Encoding. False means "ask {@link #check}", not
   * "refused": anything unusual (leading empty lines, folding, another version) goes the long way.
   */
  public static boolean plainlyAccepted(java.nio.ByteBuffer bytes, int from, int to) {
    int i = from;
    int methodStart = i;
    while (i < to && TOKEN[bytes.get(i) & 0xff]) {
      i++;
    }
    if (i == methodStart || i >= to || bytes.get(i) != ' ') {
      return false;
    }
    int targetStart = ++i;
    for (; i < to; i++) {
      int c = bytes.get(i) & 0xff;
      if (c <= 0x20 || c == 0x7f) {
        break;
      }
    }
    if (i == targetStart || i + 11 > to || bytes.get(i) != ' ') {
      return false;
    }
    i++;
    // "HTTP/1.0" or "HTTP/1.1", then CRLF
    if (bytes.get(i) != 'H'
        || bytes.get(i + 1) != 'T'
        || bytes.get(i + 2) != 'T'
        || bytes.get(i + 3) != 'P'
        || bytes.get(i + 4) != '/'
        || bytes.get(i + 5) != '1'
        || bytes.get(i + 6) != '.'
        || (bytes.get(i + 7) != '0' && bytes.get(i + 7) != '1')
        || bytes.get(i + 8) != '\r'
        || bytes.get(i + 9) != '\n') {
      return false;
    }
    i += 10;
    while (i < to) {
      if (bytes.get(i) == '\r') {
        // the empty line that ends the head
        return i + 2 == to && bytes.get(i + 1) == '\n';
      }
      int nameStart = i;
      while (i < to && TOKEN[bytes.get(i) & 0xff]) {
        i++;
      }
      if (i == nameStart || i >= to || bytes.get(i) != ':' || special(bytes, nameStart, i)) {
        return false;
      }
      for (i++; i < to; i++) {
        int c = bytes.get(i) & 0xff;
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          break;
        }
      }
      if (i + 1 >= to || bytes.get(i) != '\r' || bytes.get(i + 1) != '\n') {
        return false;
      }
      i += 2;
    }
    return false;
  }

  /** Whether a header name is one {@link #check} does more with: Expect or Transfer-Encoding. */
  private static boolean special(java.nio.ByteBuffer bytes, int start, int end) {
    int length = end - start;
    if (length != 6 && length != 17) {
      return false;
    }
    String name = length == 6 ? "expect" : "transfer-encoding";
    for (int k = 0; k < length; k++) {
      if ((bytes.get(start + k) | 0x20) != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The RFC 9110 tchar bytes. */
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (int c = 0; c < 128; c++) {
      TOKEN[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }

  /** Checks a complete head (as {@link #end} delimits it). */
  public static Verdict check(byte[] head) {
    int i = 0;
    while (i < head.length && (head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    List<String> lines = new ArrayList<>();
    int lineStart = i;
    for (; i < head.length; i++) {
      if (head[i] == '\n') {
        if (i == lineStart || head[i - 1] != '\r') {
          return Verdict.refuse(400, "a line ends in a bare LF");
        }
        lines.add(new String(head, lineStart, i - 1 - lineStart, StandardCharsets.ISO_8859_1));
        lineStart = i + 1;
      }
    }
    if (lines.isEmpty()) {
      return Verdict.refuse(400, "no request line");
    }
    boolean changed = false;
    String requestLine = lines.get(0);
    String[] parts = requestLine.split(" ", -1);
    if (parts.length == 2) {
      // HTTP/0.9 (Allow0.9): a GET is answered with the body alone, anything else is a 400.
      return parts[0].equals("GET") && !parts[1].isEmpty()
          ? Verdict.accept(null)
          : Verdict.refuse(400, "AH02418: invalid HTTP/0.9 request");
    }
    if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
      return Verdict.refuse(400, "AH02418: invalid request line");
    }
    for (int c = 0; c < parts[1].length(); c++) {
      char ch = parts[1].charAt(c);
      if (ch < 0x20 || ch == 0x7f) {
        return Verdict.refuse(400, "AH02421: the request target holds a control character");
      }
    }
    String protocol = parts[2];
    if (!httpVersion(protocol) || protocol.equals("HTTP/0.9")) {
      return Verdict.refuse(400, "AH02418: invalid protocol '" + protocol + "'");
    }
    if (!protocol.equals("HTTP/1.0") && !protocol.equals("HTTP/1.1")) {
      requestLine = parts[0] + " " + parts[1] + " HTTP/1.1";
      changed = true;
    }
    List<String> fields = new ArrayList<>();
    for (int l = 1; l < lines.size(); l++) {
      String line = lines.get(l);
      if (line.isEmpty()) {
        break; // the end of the head
      }
      if (line.startsWith(" ") || line.startsWith("\t")) {
        if (fields.isEmpty()) {
          return Verdict.refuse(400, "AH03400: the first header line is folded");
        }
        String folded = fields.remove(fields.size() - 1);
        fields.add(folded + " " + line.strip());
        changed = true;
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        return Verdict.refuse(400, "AH00564: a header line is missing ':' separator");
      }
      if (!isToken(line.substring(0, colon))) {
        return Verdict.refuse(400, "AH02427: a header name is not a token");
      }
      for (int c = colon + 1; c < line.length(); c++) {
        char ch = line.charAt(c);
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
          return Verdict.refuse(400, "AH02430: a header value holds a control character");
        }
      }
      fields.add(line);
    }
    String transferEncoding = null;
    for (String f : fields) {
      String name = f.substring(0, f.indexOf(':')).toLowerCase(Locale.ROOT);
      String value = f.substring(f.indexOf(':') + 1).strip();
      if (name.equals("expect") && !value.equalsIgnoreCase("100-continue")) {
        return Verdict.refuse(417, "Expect: " + value);
      }
      if (name.equals("transfer-encoding")) {
        transferEncoding = value;
      }
    }
    if (transferEncoding != null && chunkedLast(transferEncoding)) {
      List<String> kept = new ArrayList<>();
      for (String f : fields) {
        String name = f.substring(0, f.indexOf(':')).toLowerCase(Locale.ROOT);
        if (name.equals("content-length")) {
          changed = true; // the core unsets it when the body is chunked
        } else if (name.equals("transfer-encoding")) {
          if (!f.substring(f.indexOf(':') + 1).strip().equalsIgnoreCase("chunked")) {
            changed = true;
          }
          kept.add("Transfer-Encoding: chunked");
        } else {
          kept.add(f);
        }
      }
      fields = kept;
    }
    if (!changed) {
      return Verdict.accept(null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((requestLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    for (String f : fields) {
      out.writeBytes((f + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return Verdict.accept(out.toByteArray());
  }

  /** {@code HTTP/d.d}. */
  private static boolean httpVersion(String p) {
    return p.length() == 8
        && p.startsWith("HTTP/")
        && p.charAt(5) >= '0'
        && p.charAt(5) <= '9'
        && p.charAt(6) == '.'
        && p.charAt(7) >= '0'
        && p.charAt(7) <= '9';
  }

  private static boolean chunkedLast(String te) {
    String[] codings = te.split(",");
    return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
  }

  /** RFC 9110 token: one or more tchar. */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || !TOKEN[c]) {
        return false;
      }
    }
    return true;
  }
}
