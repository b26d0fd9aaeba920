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
      int end = headEnd(buffer);
      if (end > 0
          && !RequestHead.plainlyAccepted(buffer, buffer.position(), buffer.position() + end)) {
        // Only the head is copied: the buffer may hold a body or the next requests too.
        byte[] head = new byte[end];
        buffer.get(buffer.position(), head);
        RequestHead.Verdict verdict = RequestHead.check(head);
        if (verdict.status() != 0) {
          buffer.position(buffer.limit());
          badMessage(new HttpException.RuntimeException(verdict.status(), verdict.reason()));
          return false;
        }
        if (verdict.head() != null && verdict.head().length <= end) {
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(buffer.position(), bytes);
          replaceHead(buffer, end, verdict.head(), bytes);
        }
      }
    }
    return super.parseNext(buffer);
  }

  /** {@link RequestHead#end} on the buffer's remaining bytes, read in place. */
  private static int headEnd(ByteBuffer buffer) {
    int from = buffer.position();
    int to = buffer.limit();
    int i = from;
    while (i < to && (buffer.get(i) == '\r' || buffer.get(i) == '\n')) {
      i++;
    }
    int lineStart = i;
    for (; i < to; i++) {
      if (buffer.get(i) == '\n') {
        int len = i - lineStart - (i > lineStart && buffer.get(i - 1) == '\r' ? 1 : 0);
        if (len == 0) {
          return i + 1 - from;
        }
        lineStart = i + 1;
      }
    }
    return -1;
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
