package dev.htaccess.serve;

import dev.htaccess.httpd.RequestHead;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpParser;

/**
 * Jetty's request parser with Apache's core in front of it: when a request head is in the buffer
 * whole (as clients send it), {@link RequestHead} decides first, so what Apache refuses is refused
 * with Apache's status, and what Apache accepts but Jetty would not (HTTP/1.2, a folded header,
 * Transfer-Encoding with Content-Length) is handed on in a form Jetty accepts. A head that arrives
 * in pieces is left to Jetty's own checks.
 */
final class ApacheHeadParser extends HttpParser {

  ApacheHeadParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
    super(handler, maxHeaderBytes, compliance);
  }

  @Override
  public boolean parseNext(ByteBuffer buffer) {
    if (isStart() && buffer.hasRemaining()) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      int end = RequestHead.end(bytes, 0, bytes.length);
      if (end > 0) {
        byte[] head = java.util.Arrays.copyOf(bytes, end);
        RequestHead.Verdict verdict = RequestHead.check(head);
        if (verdict.status() != 0) {
          buffer.position(buffer.limit());
          badMessage(new HttpException.RuntimeException(verdict.status(), verdict.reason()));
          return false;
        }
        if (verdict.head() != null && verdict.head().length <= end) {
          replaceHead(buffer, end, verdict.head(), bytes);
        }
      }
    }
    return super.parseNext(buffer);
  }

  /** Puts {@code head} in place of the first {@code oldLength} bytes (the rest moves up). */
  private static void replaceHead(ByteBuffer buffer, int oldLength, byte[] head, byte[] all) {
    int start = buffer.position();
    int rest = all.length - oldLength;
    for (int i = 0; i < head.length; i++) {
      buffer.put(start + i, head[i]);
    }
    for (int i = 0; i < rest; i++) {
      buffer.put(start + head.length + i, all[oldLength + i]);
    }
    buffer.limit(start + head.length + rest);
  }
}
