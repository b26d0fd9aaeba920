package dev.htaccess.eval;

import dev.htaccess.httpd.RequestHead;
import dev.htaccess.httpd.UriPath;
import dev.htaccess.source.RawText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request target as the core reads it (read_request_line, ap_parse_uri,
 * ap_process_request_internal): the path and query split, %-escapes decoded, {@code .} and {@code
 * ..} resolved and slashes merged, and the requests refused before any module sees them.
 */
final class RequestTarget {

  /** The target parsed: the URL path and query to process, or the answer that refuses it. */
  sealed interface Parsed permits Path, Refused {}

  /** A path to process. */
  record Path(String uri, String args) implements Parsed {}

  /** The core's answer before any module ran. */
  record Refused(Draft draft, boolean optionsStar) implements Parsed {}

  private RequestTarget() {}

  /**
   * What the core says to the request's method and headers as a head on the wire would carry them
   * (the target is judged by {@link #parse}), or 0. A request file or {@code -H} can give what no
   * client library would send. The verdict depends on the method and headers alone, which a batch
   * repeats: {@code known} remembers verdicts (any map safe for threads; bounded here).
   */
  static int headStatus(RequestSpec request, Map<HeadKey, Integer> known) {
    HeadKey key = new HeadKey(request.method(), request.headers());
    Integer status = known.get(key);
    if (status == null) {
      status = headStatus(request);
      if (known.size() < 1_024) {
        known.put(key, status);
      }
    }
    return status;
  }

  /** What {@link #headStatus(RequestSpec, Map)} keys verdicts by. */
  record HeadKey(String method, List<RequestSpec.Header> headers) {}

  private static int headStatus(RequestSpec request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(" / HTTP/1.1\r\n");
    for (RequestSpec.Header h : request.headers()) {
      head.append(h.name()).append(':').append(h.value().isEmpty() ? "" : " ").append(h.value());
      head.append("\r\n");
    }
    head.append("\r\n");
    return RequestHead.check(RawText.toBytes(head.toString())).status();
  }

  /**
   * The answer to a request whose Host header the core refuses (vhost.c, fix_hostname): 400, with
   * r->uri as the request line gave it (nothing is decoded yet).
   */
  static Refused badHost(RequestSpec request) {
    return refused(request, 400);
  }

  /**
   * The core's refusal of the request head ({@link RequestHead}: a header line, the method, an
   * Expect), with r->uri as the request line gave it.
   */
  static Refused refused(RequestSpec request, int status) {
    String target = request.target();
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    int hash = target.indexOf('#');
    if (hash >= 0) {
      target = target.substring(0, hash);
    }
    int q = target.indexOf('?');
    return error(
        status, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1));
  }

  /** The request's target as the core reads it; {@code heads} as {@link #headStatus} takes it. */
  static Parsed parse(RequestSpec request, Map<HeadKey, Integer> heads) {
    String target = request.target();
    int headStatus = headStatus(request, heads);
    if (headStatus != 0) {
      return refused(request, headStatus);
    }
    if (request.upperMethod().equals("OPTIONS") && target.equals("*")) {
      return new Refused(new Draft(200, null, "*", null, null, "/*", null, null), true);
    }
    if (target.indexOf(' ') >= 0) {
      String uri = target.substring(0, target.indexOf(' '));
      return error(400, uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri, null);
    }
    // A fragment has no place in a request: 400, with r->uri parsed up to the '#'.
    int hash = target.indexOf('#');
    boolean fragment = hash >= 0;
    if (fragment) {
      target = target.substring(0, hash);
    }
    String path = target;
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int start = target.indexOf("//") + 2;
      int slash = target.indexOf('/', start);
      path = slash < 0 ? "/" : target.substring(slash);
    }
    String args = null;
    int q = path.indexOf('?');
    if (q >= 0) {
      args = path.substring(q + 1);
      path = path.substring(0, q);
    }
    if (!path.startsWith("/")) {
      return error(400, path, args);
    }
    UriPath.Result processed = UriPath.process(path);
    if (fragment || processed.status() != 0) {
      return error(fragment ? 400 : processed.status(), cString(processed.uri()), args);
    }
    return new Path(processed.uri(), args);
  }

  /** r->uri is a C string: an escaped NUL ends it. */
  static String cString(String uri) {
    int nul = uri.indexOf('\0');
    return nul >= 0 ? uri.substring(0, nul) : uri;
  }

  private static Refused error(int status, String uri, String args) {
    return new Refused(Draft.errorPage(status, uri, args, null), false);
  }
}
