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

  /**
   * The one-pass shortcut never accepts what the full check would refuse or rewrite: heads built
   * from valid and broken pieces, read at an offset inside a larger direct buffer as the server
   * reads them.
   */
  @Test
  void thePlainShortcutAcceptsOnlyWhatTheCheckAcceptsAsItIs() {
    String[] methods = {"GET", "get", "M-SEARCH", "G\u00e9T", "", "GE(T"};
    String[] spaces = {" ", " ", "  ", "\t"};
    String[] targets = {"/", "/a", "/caf\u00e9?q=1", "/a b", "/\u0001", "", "*", "/\u007f"};
    String[] versions = {
      "HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/1.2", "HTTP/0.9", "http/1.1", "HTTP/1.10", ""
    };
    String[] fields = {
      "Host: h",
      "Host: h",
      "X-A: a\tb caf\u00e9",
      " folded",
      "\tfolded",
      "Expect: 100-continue",
      "EXPECT: x",
      "Transfer-Encoding: chunked",
      "transfer-encoding: gzip",
      "Content-Length: 3",
      "Bad Name: x",
      "X:\u0001",
      "X:",
      "NoColon",
      ":v",
      "X :v",
      "X-\u00e9: v",
      "X: \u007f"
    };
    String[] ends = {"\r\n", "\r\n", "\r\n", "\n"};
    java.util.Random random = new java.util.Random(20261202);
    int shortcuts = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder head = new StringBuilder(random.nextInt(20) == 0 ? "\r\n" : "");
      head.append(methods[random.nextInt(methods.length)])
          .append(spaces[random.nextInt(spaces.length)])
          .append(targets[random.nextInt(targets.length)])
          .append(spaces[random.nextInt(spaces.length)])
          .append(versions[random.nextInt(versions.length)])
          .append(ends[random.nextInt(ends.length)]);
      for (int f = random.nextInt(4); f > 0; f--) {
        head.append(fields[random.nextInt(fields.length)])
            .append(ends[random.nextInt(ends.length)]);
      }
      head.append(ends[random.nextInt(ends.length)]);
      byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      int end = RequestHead.end(bytes, 0, bytes.length);
      if (end < 0) {
        continue;
      }
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(end + 7);
      buffer.put("PREFIX:".getBytes(StandardCharsets.ISO_8859_1)).put(bytes, 0, end).flip();
      if (RequestHead.plainlyAccepted(buffer, 7, 7 + end)) {
        shortcuts++;
        RequestHead.Verdict full = RequestHead.check(java.util.Arrays.copyOf(bytes, end));
        assertThat(full.status()).as(head.toString()).isZero();
        assertThat(full.head()).as(head.toString()).isNull();
      }
    }
    assertThat(shortcuts).isGreaterThan(50);
    byte[] plain = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RequestHead.plainlyAccepted(java.nio.ByteBuffer.wrap(plain), 0, plain.length))
        .isTrue();
  }

  @Test
  void theEndIsTheFirstEmptyLineAfterLeadingOnes() {
    byte[] b = "\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RequestHead.end(b, 0, b.length)).isEqualTo(b.length - 4);
    byte[] partial = "GET / HTTP/1.1\r\nHost: h\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(RequestHead.end(partial, 0, partial.length)).isEqualTo(-1);
  }
}
