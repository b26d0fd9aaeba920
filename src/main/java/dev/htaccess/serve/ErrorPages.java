package dev.htaccess.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache's canned error and redirect pages, byte for byte: the texts are recorded from Apache 2.4's
 * responses in {@code apache-error-pages.tsv} (see its header for how).
 */
final class ErrorPages {

  private record Page(String reason, String body) {}

  private static final Map<Integer, Page> PAGES = load();

  private ErrorPages() {}

  /** The reason phrase Apache uses for a status, or null when it knows none. */
  static String reason(int status) {
    Page p = PAGES.get(status);
    return p == null ? null : p.reason();
  }

  /**
   * The page for {@code status}.
   *
   * @param method the request method, which some pages name
   * @param location the redirect target for 3xx pages, or null
   */
  static String html(int status, String method, String location) {
    Page p = PAGES.get(status);
    // A status with no page of its own (Redirect 200 in a directory) gets its status line's
    // reason and the 500 page's text, as ap_send_error_response gives it (measured).
    String reason =
        p != null
            ? p.reason()
            : dev.htaccess.httpd.HttpStatus.KNOWN.contains(status)
                ? org.eclipse.jetty.http.HttpStatus.getMessage(status)
                : "Unknown Reason";
    String body = p != null ? p.body() : PAGES.get(500).body();
    body =
        body.replace("{method}", escape(method == null ? "GET" : method))
            .replace("{location}", location == null ? "" : escape(location));
    return "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\""
        + " \"http://www.w3.org/TR/html4/strict.dtd\">\n<html><head>\n<title>"
        + status
        + " "
        + reason
        + "</title>\n</head><body>\n<h1>"
        + reason
        + "</h1>\n"
        + body
        + "</body></html>\n";
  }

  /** As ap_escape_html: the characters HTML gives a meaning to. */
  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static Map<Integer, Page> load() {
    Map<Integer, Page> pages = new HashMap<>();
    try (InputStream in = ErrorPages.class.getResourceAsStream("apache-error-pages.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 3);
        pages.put(Integer.parseInt(f[0]), new Page(f[1], unjson(f[2])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** Reads a JSON string literal (the escapes json.dumps writes). */
  private static String unjson(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = quoted.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
