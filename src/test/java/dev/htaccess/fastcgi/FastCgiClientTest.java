package dev.htaccess.fastcgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FastCGI client against a fake application that speaks the protocol from the specification,
 * for what php-fpm rarely shows: many PARAMS records, padded and interleaved output records,
 * connection reuse, a dropped kept connection, broken and silent applications.
 */
class FastCgiClientTest {

  /** What the fake application does with one request on a connection. */
  interface Behaviour {
    /** Returns false to close the connection after answering. */
    boolean answer(Map<String, String> params, byte[] stdin, OutputStream out) throws IOException;
  }

  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Map<String, String>> seenParams = new CopyOnWriteArrayList<>();
  private final List<Integer> paramsRecordCounts = new CopyOnWriteArrayList<>();
  private FastCgiClient client;

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress fake(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  connections.incrementAndGet();
                  Thread c = new Thread(() -> serve(s, behaviour));
                  c.setDaemon(true);
                  c.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  private void serve(Socket s, Behaviour behaviour) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        int paramRecords = 0;
        boolean paramsDone = false;
        boolean stdinDone = false;
        Map<String, String> parsed = new LinkedHashMap<>();
        while (!stdinDone) {
          int version = in.read();
          if (version < 0) {
            return;
          }
          int type = in.readUnsignedByte();
          in.readUnsignedShort();
          int length = in.readUnsignedShort();
          int padding = in.readUnsignedByte();
          in.readUnsignedByte();
          byte[] content = in.readNBytes(length);
          in.readNBytes(padding);
          if (type == FastCgiConnection.PARAMS) {
            if (length == 0) {
              paramsDone = true;
            } else {
              paramRecords++;
              // Each record must hold whole pairs (php-fpm parses records one by one).
              parsed.putAll(pairs(content));
              params.write(content);
            }
          } else if (type == FastCgiConnection.STDIN) {
            if (length == 0) {
              stdinDone = true;
            }
            stdin.write(content);
          }
        }
        assertThat(paramsDone).isTrue();
        seenParams.add(parsed);
        paramsRecordCounts.add(paramRecords);
        if (!behaviour.answer(parsed, stdin.toByteArray(), out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Map<String, String> pairs(byte[] content) {
    Map<String, String> out = new LinkedHashMap<>();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
    while (b.hasRemaining()) {
      int n = length(b);
      int v = length(b);
      byte[] name = new byte[n];
      byte[] value = new byte[v];
      b.get(name).get(value);
      out.put(
          new String(name, StandardCharsets.ISO_8859_1),
          new String(value, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static int length(java.nio.ByteBuffer b) {
    int first = b.get() & 0xff;
    return first < 128
        ? first
        : ((first & 0x7f) << 24)
            | (b.get() & 0xff) << 16
            | (b.get() & 0xff) << 8
            | (b.get() & 0xff);
  }

  static void record(OutputStream out, int type, byte[] content, int padding) throws IOException {
    out.write(new byte[] {1, (byte) type, 0, 1});
    out.write(new byte[] {(byte) (content.length >> 8), (byte) content.length, (byte) padding, 0});
    out.write(content);
    out.write(new byte[padding]);
  }

  static void end(OutputStream out) throws IOException {
    record(out, FastCgiConnection.STDOUT, new byte[0], 0);
    record(out, FastCgiConnection.END_REQUEST, new byte[8], 0);
    out.flush();
  }

  private FastCgiClient client(InetSocketAddress address, Duration timeout) {
    client = new FastCgiClient(address, 2, Duration.ofSeconds(2), timeout);
    return client;
  }

  private static String read(FastCgiClient.Response r) throws IOException {
    try (r) {
      return new String(r.stdout().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void manyLongParametersArriveWholeInSeveralRecords() throws Exception {
    InetSocketAddress a =
        fake(
            (params, stdin, out) -> {
              record(out, FastCgiConnection.STDOUT, "Status: 200\r\n\r\nok".getBytes(), 0);
              end(out);
              return true;
            });
    List<String[]> params = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      params.add(new String[] {"VAR_" + i, "x".repeat(1000 + i)});
    }
    params.add(new String[] {"SHORT", "é"});
    assertThat(read(client(a, Duration.ofSeconds(5)).send(params, null, e -> {})))
        .isEqualTo("Status: 200\r\n\r\nok");
    Map<String, String> seen = seenParams.get(0);
    assertThat(seen).hasSize(101).containsEntry("VAR_99", "x".repeat(1099));
    assertThat(seen).containsEntry("SHORT", "é");
    assertThat(paramsRecordCounts.get(0)).isGreaterThan(1);
  }

  @Test
  void paddedOutputRecordsAndInterleavedStderrAreSeparated() throws Exception {
    InetSocketAddress a =
        fake(
            (params, stdin, out) -> {
              record(
                  out, FastCgiConnection.STDOUT, "Content-Type: text/plain\r\n\r\n".getBytes(), 5);
              record(out, FastCgiConnection.STDERR, "warning one".getBytes(), 3);
              record(out, FastCgiConnection.STDOUT, "body ".getBytes(), 0);
              record(out, FastCgiConnection.STDERR, "warning two".getBytes(), 0);
              record(out, FastCgiConnection.STDOUT, new String(stdin).getBytes(), 7);
              end(out);
              return true;
            });
    List<String> errors = new ArrayList<>();
    FastCgiClient.Response r =
        client(a, Duration.ofSeconds(5))
            .send(
                List.<String[]>of(new String[] {"CONTENT_LENGTH", "5"}),
                new ByteArrayInputStream("hello".getBytes()),
                errors::add);
    assertThat(read(r)).isEqualTo("Content-Type: text/plain\r\n\r\nbody hello");
    assertThat(errors).containsExactly("warning one", "warning two");
  }

  @Test
  void aKeptConnectionIsReusedAndADroppedOneReplaced() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    InetSocketAddress a =
        fake(
            (params, stdin, out) -> {
              record(
                  out, FastCgiConnection.STDOUT, ("n=" + answered.incrementAndGet()).getBytes(), 0);
              end(out);
              // The first connection serves two requests, then the application drops it.
              return answered.get() < 2;
            });
    FastCgiClient c = client(a, Duration.ofSeconds(5));
    assertThat(read(c.send(List.of(), null, e -> {}))).isEqualTo("n=1");
    assertThat(read(c.send(List.of(), null, e -> {}))).isEqualTo("n=2");
    assertThat(connections.get()).isEqualTo(1);
    Thread.sleep(100); // the application has closed it by now
    assertThat(read(c.send(List.of(), null, e -> {}))).isEqualTo("n=3");
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void brokenSilentAndAbsentApplicationsFailAsApacheReportsThem() throws Exception {
    InetSocketAddress garbage =
        fake(
            (params, stdin, out) -> {
              out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes());
              out.flush();
              return false;
            });
    assertThatThrownBy(
            () -> read(client(garbage, Duration.ofSeconds(5)).send(List.of(), null, e -> {})))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.PROTOCOL));
    stop();

    InetSocketAddress silent =
        fake(
            (params, stdin, out) -> {
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return false;
            });
    assertThatThrownBy(
            () -> read(client(silent, Duration.ofMillis(300)).send(List.of(), null, e -> {})))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.TIMEOUT));
    stop();
    server = null;

    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    InetSocketAddress absent = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
    assertThatThrownBy(() -> client(absent, Duration.ofSeconds(1)).send(List.of(), null, e -> {}))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.UNAVAILABLE));
  }
}
