package dev.htaccess.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block a CGI or FastCGI script writes before its body, read as Apache's
 * ap_scan_script_header_err does: {@code Status:} sets the status, other lines are response headers
 * (repeated ones kept in order), and the block ends at an empty line (LF or CRLF).
 *
 * @param status the Status line's code, or 0 when the script sent none
 * @param reason the Status line's reason phrase, or null
 * @param headers the other headers, as name/value pairs in order
 */
record CgiResponseHead(int status, String reason, List<String[]> headers) {

  /** Apache's limit for one header line from a script (HUGE_STRING_LEN). */
  static final int LINE_LIMIT = 8192;

  /** The script's output was not a header block. */
  static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** Reads the header block, leaving {@code in} at the first byte of the body. */
  static CgiResponseHead read(InputStream in) throws IOException {
    int status = 0;
    String reason = null;
    List<String[]> headers = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    while (true) {
      line.setLength(0);
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (line.length() >= LINE_LIMIT) {
          throw new MalformedException("header line from script too long");
        }
        line.append((char) b);
      }
      if (b < 0 && line.length() == 0 && headers.isEmpty() && status == 0) {
        throw new MalformedException("end of script output before headers");
      }
      int len = line.length();
      if (len > 0 && line.charAt(len - 1) == '\r') {
        line.setLength(--len);
      }
      if (len == 0) {
        return new CgiResponseHead(status, reason, headers);
      }
      int colon = line.indexOf(":");
      if (colon <= 0) {
        throw new MalformedException("malformed header from script: '" + line + "'");
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.toLowerCase(Locale.ROOT).equals("status")) {
        String[] parts = value.split(" ", 2);
        try {
          status = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
          throw new MalformedException("bad Status header from script: '" + value + "'");
        }
        reason = parts.length > 1 ? parts[1] : null;
      } else {
        headers.add(new String[] {name, value});
      }
      if (b < 0) {
        return new CgiResponseHead(status, reason, headers);
      }
    }
  }

  /** The first value of a header, or null. */
  String header(String name) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return null;
  }
}
