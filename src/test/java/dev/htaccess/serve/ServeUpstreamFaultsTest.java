package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client sees when the upstream of a [P] rule misbehaves, as with Apache: a body that
 * breaks off (a reset, a close, a stall past the timeout) is a truncated answer at once, never one
 * that looks complete; a pooled connection the upstream closed is replaced; a read timeout is 502;
 * one Date header; the access log has the status and the bytes that were sent.
 */
class ServeUpstreamFaultsTest {

  @TempDir Path site;

  private final StringWriter accessLog = new StringWriter();
  private MockWebServer upstream;
  private HtaccessServer server;

  @BeforeEach
  void start() throws Exception {
    upstream = new MockWebServer();
    upstream.start();
    String base = upstream.url("").toString().replaceAll("/$", "");
    Files.writeString(
        site.resolve(".htaccess"), "RewriteEngine On\nRewriteRule ^p/(.*)$ " + base + "/$1 [P]\n");
    server =
        HtaccessServer.start(
            ServeTesting.options(site, null, "localhost"),
            new PrintWriter(accessLog, true),
            new PrintWriter(new StringWriter(), true));
  }

  @AfterEach
  void stop() {
    server.close();
    upstream.close();
  }

  private record Answer(String head, byte[] body, long millis) {
    String text() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** A GET on a fresh connection, read until the server closes it (or 20 s pass). */
  private Answer get(String path) throws IOException {
    return get(path, true);
  }

  /**
   * A GET; with {@code close} false the connection may stay open, so a body without length is
   * chunked (and a server that aborts the answer closes it).
   */
  private Answer get(String path, boolean close) throws IOException {
    long start = System.nanoTime();
    byte[] raw =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    String text =
        new String(
            ServeTesting.exchange(server.port(), raw, false, 20_000), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    byte[] body =
        end < 0 ? new byte[0] : text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    return new Answer(head, body, (System.nanoTime() - start) / 1_000_000);
  }

  private static String big() {
    return "0123456789abcdef".repeat(64 * 1024); // 1 MiB
  }

  @Test
  void aBodyThatBreaksOffWithContentLengthIsTruncatedAtOnce() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .body(big())
            .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
            .build());
    Answer a = get("/p/file");
    assertThat(a.head()).startsWith("HTTP/1.1 200").contains("Content-Length: 1048576");
    assertThat(a.body().length).isLessThan(1 << 20);
    assertThat(a.millis()).isLessThan(10_000);
    assertThat(accessLog.toString()).contains("\"GET /p/file HTTP/1.1\" 200 ");
  }

  @Test
  void aChunkedBodyThatBreaksOffHasNoLastChunk() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .chunkedBody(big(), 4096)
            .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
            .build());
    Answer a = get("/p/chunked", false);
    assertThat(a.head())
        .startsWith("HTTP/1.1 200")
        .containsIgnoringCase("Transfer-Encoding: chunked");
    // The last chunk ("0" CRLF CRLF) is what tells a client the body is whole.
    assertThat(a.text()).doesNotEndWith("\r\n0\r\n\r\n");
    assertThat(a.millis()).isLessThan(10_000);
  }

  @Test
  void aStallMidBodyEndsInATruncationAfterTheTimeout() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().body(big()).onResponseBody(SocketEffect.Stall.INSTANCE).build());
    Answer a = get("/p/stall");
    assertThat(a.head()).startsWith("HTTP/1.1 200");
    assertThat(a.body().length).isLessThan(1 << 20);
    assertThat(a.millis()).isLessThan(12_000);
  }

  @Test
  void aPooledConnectionTheUpstreamClosedIsReplaced() throws Exception {
    for (int i = 0; i < 5; i++) {
      upstream.enqueue(
          new MockResponse.Builder()
              .body("answer " + i)
              .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
              .build());
    }
    for (int i = 0; i < 5; i++) {
      Answer a = get("/p/again");
      assertThat(a.head()).as("request " + i).startsWith("HTTP/1.1 200");
      assertThat(a.text()).isEqualTo("answer " + i);
    }
  }

  /** Sends raw bytes, half-closes, and returns the status line of the answer. */
  private String rawStatus(String raw) throws IOException {
    byte[] all =
        ServeTesting.exchange(
            server.port(), raw.getBytes(StandardCharsets.ISO_8859_1), true, 20_000);
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int eol = text.indexOf("\r\n");
    return eol < 0 ? text : text.substring(0, eol);
  }

  @Test
  void aRequestBodyTheClientBreaksOffIsTheClientsError() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("never").build());
    // As Apache: 400, not a 502 that blames the upstream.
    assertThat(
            rawStatus("POST /p/short HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc"))
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(
            rawStatus(
                "POST /p/chunk HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\nabc\r\n0\r\n\r\n"))
        .isEqualTo("HTTP/1.1 400 Bad Request");
  }

  @Test
  void aReadTimeoutIs502AndTheAnswerHasOneDateHeader() throws Exception {
    upstream.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
    assertThat(get("/p/slow").head()).startsWith("HTTP/1.1 502");

    upstream.enqueue(
        new MockResponse.Builder()
            .setHeader("Date", "Tue, 01 Dec 2026 00:00:00 GMT")
            .body("ok")
            .build());
    String head = get("/p/dated").head();
    assertThat(head.split("\r\n"))
        .filteredOn(l -> l.regionMatches(true, 0, "Date:", 0, 5))
        .containsExactly("Date: Tue, 01 Dec 2026 00:00:00 GMT");
  }
}
