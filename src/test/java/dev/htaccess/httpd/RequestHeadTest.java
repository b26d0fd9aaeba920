package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the core's head reading hands on after normalising what it accepts. */
class RequestHeadTest {

  private static RequestHead.Verdict check(String head) {
    return RequestHead.check(head.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String handedOn(String head) {
    return new String(check(head).head(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void aNewerVersionIsServedAsHttp11() {
    assertThat(handedOn("GET / HTTP/1.2\r\nHost: a\r\n\r\n"))
        .isEqualTo("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  }

  @Test
  void foldedLinesJoinTheFieldBefore() {
    assertThat(handedOn("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n c\r\nHost: h\r\n\r\n"))
        .isEqualTo("GET / HTTP/1.1\r\nX: a b c\r\nHost: h\r\n\r\n");
    assertThat(check("GET / HTTP/1.1\r\n X: a\r\n\r\n").status()).isEqualTo(400);
  }

  @Test
  void chunkedDropsContentLength() {
    assertThat(
            handedOn(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
  }

  @Test
  void anAcceptableHeadIsHandedOnAsItIs() {
    RequestHead.Verdict v = check("GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\tb caf\u00e9\r\n\r\n");
    assertThat(v.status()).isZero();
    assertThat(v.head()).isNull();
  }

  @Test
  void theEndIsTheFirstEmptyLineAfterLeadingOnes() {
    byte[] b = "\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RequestHead.end(b, 0, b.length)).isEqualTo(b.length - 4);
    byte[] partial = "GET / HTTP/1.1\r\nHost: h\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RequestHead.end(partial, 0, partial.length)).isEqualTo(-1);
  }
}
