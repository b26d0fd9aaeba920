package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import dev.htaccess.httpd.AutoindexQuery;
import dev.htaccess.httpd.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What the default handler and mod_autoindex send: a file with its validators and byte ranges
 * (several ranges as multipart/byteranges), or a directory's listing.
 */
final class StaticResponses {

  private StaticResponses() {}

  /**
   * Several ranges: a multipart/byteranges body laid out as Apache's byterange filter lays it out
   * (CRLF before each boundary line, "Content-type" and "Content-range" part headers).
   */
  private static long multipart(
      Request request, Response response, Path file, FileResponder.Plan plan, String type)
      throws IOException {
    String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 60);
    List<byte[]> heads = new ArrayList<>();
    long length = 0;
    for (long[] r : plan.parts()) {
      String head =
          "\r\n--"
              + boundary
              + "\r\n"
              + (type == null ? "" : "Content-type: " + type + "\r\n")
              + "Content-range: bytes "
              + r[0]
              + "-"
              + r[1]
              + "/"
              + plan.size()
              + "\r\n\r\n";
      byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
      heads.add(bytes);
      length += bytes.length + r[1] - r[0] + 1;
    }
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    length += tail.length;
    response.getHeaders().put("Content-Type", "multipart/byteranges; boundary=" + boundary);
    response.getHeaders().put("Content-Length", Long.toString(length));
    if (request.getMethod().equals("HEAD")) {
      return 0;
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      for (int i = 0; i < heads.size(); i++) {
        long[] r = plan.parts().get(i);
        out.write(heads.get(i));
        FileResponder.copy(file, r[0], r[1] - r[0] + 1, out);
      }
      out.write(tail);
    }
    return length;
  }

  /** Files up to this size are read whole and written at once. */
  private static final int SMALL_FILE = 256 * 1024;

  static long serveFile(Request request, Response response, Path file, Outcome o)
      throws IOException {
    int status = o.status();
    FileResponder.Plan plan =
        FileResponder.plan(
            file,
            status,
            request.getMethod(),
            request.getHeaders().get("If-None-Match"),
            request.getHeaders().get("If-Modified-Since"),
            request.getHeaders().get("Range"));
    response.setStatus(plan.status());
    if (o.contentType() != null && plan.status() != 304 && plan.status() != 416) {
      response.getHeaders().put("Content-Type", o.contentType());
    }
    response.getHeaders().put("Last-Modified", plan.lastModified());
    response.getHeaders().put("ETag", plan.etag());
    if (plan.status() != 416) {
      // A 416 is an error page the core writes, with the error headers only (measured: no
      // Accept-Ranges on it, as on every 200 and 206).
      response.getHeaders().put("Accept-Ranges", "bytes");
    }
    ResponseDecorator.apply(response.getHeaders(), o, plan.status(), false, plan.modifiedMillis());
    if (plan.status() == 304) {
      return 0;
    }
    if (plan.status() == 416) {
      response.getHeaders().put("Content-Range", "bytes */" + plan.size());
      return CoreResponses.errorPage(response, 416);
    }
    if (!plan.parts().isEmpty()) {
      return multipart(request, response, file, plan, o.contentType());
    }
    if (plan.status() == 206) {
      response
          .getHeaders()
          .put(
              "Content-Range",
              "bytes "
                  + plan.start()
                  + "-"
                  + (plan.start() + plan.length() - 1)
                  + "/"
                  + plan.size());
    }
    response.getHeaders().put("Content-Length", Long.toString(plan.length()));
    if (request.getMethod().equals("HEAD")) {
      return 0;
    }
    if (plan.length() <= SMALL_FILE) {
      // One write of the whole (often cached) body. Measured: a blocking write here beats
      // handing the buffer to Jetty with the callback (16k against 10k requests/s).
      // One last=true write: Jetty sends the headers and the body together and completes.
      byte[] body = FileResponder.read(file, plan);
      Content.Sink.write(response, true, java.nio.ByteBuffer.wrap(body));
      return plan.length();
    }
    if (plan.size() <= FileResponder.MAPPED_FILE_MAX) {
      java.nio.ByteBuffer mapped = FileResponder.mapped(file, plan);
      if (mapped != null) {
        Content.Sink.write(response, true, mapped);
        return plan.length();
      }
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      FileResponder.copy(file, plan.start(), plan.length(), out);
    }
    return plan.length();
  }

  /**
   * mod_autoindex's plain list (no FancyIndexing): byte-ordered names, directories with a slash,
   * the parent as an absolute path, and files a request could not fetch ({@code .ht*}) left out.
   */
  static long listing(Response response, Path dir, String uri, Outcome o, boolean head)
      throws IOException {
    String shownUri =
        uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    StringBuilder html =
        new StringBuilder(
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\""
                    + " \"http://www.w3.org/TR/html4/strict.dtd\">\n<html>\n <head>\n  <title>Index of ")
            .append(CoreResponses.html(shownUri))
            .append("</title>\n </head>\n <body>\n<h1>Index of ")
            .append(CoreResponses.html(shownUri))
            .append("</h1>\n<ul>");
    if (!uri.equals("/")) {
      String parent = shownUri.substring(0, shownUri.lastIndexOf('/') + 1);
      html.append("<li><a href=\"")
          .append(CoreResponses.html(parent))
          .append("\"> Parent Directory</a></li>\n");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".ht")) {
          names.add(name + (Files.isDirectory(p) ? "/" : ""));
        }
      }
    }
    // mod_autoindex's order: the parent first, then (a plain listing has no dates, sizes or
    // descriptions to compare) by name, byte by byte, in the direction O= asks for.
    AutoindexQuery query = AutoindexQuery.parse(o.query());
    names.sort(StaticResponses::compareBytes);
    if (query.descending()) {
      Collections.reverse(names);
    }
    for (String link : names) {
      html.append("<li><a href=\"")
          .append(CoreResponses.html(hrefEscape(link)))
          .append("\"> ")
          .append(CoreResponses.html(link))
          .append("</a></li>\n");
    }
    html.append("</ul>\n</body></html>\n");
    byte[] body = html.toString().getBytes(StandardCharsets.ISO_8859_1);
    response.setStatus(200);
    response.getHeaders().put("Content-Type", MediaTypes.LISTING);
    if (!head) {
      // mod_autoindex writes no listing for HEAD, so nothing counts its length (measured: no
      // Content-Length).
      response.getHeaders().put("Content-Length", Integer.toString(body.length));
    }
    ResponseDecorator.apply(response.getHeaders(), o, 200, false, -1);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
    return body.length;
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Percent-escapes what cannot stand in a URL path (as ap_escape_uri does). */
  private static String hrefEscape(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '#' || c == '%' || c == '?' || c == '<'
          || c == '>') {
        out.append('%').append(String.format("%02x", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}
