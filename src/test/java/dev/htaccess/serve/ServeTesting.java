package dev.htaccess.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What serve's tests share: a server on a document root, and raw exchanges with it. */
public final class ServeTesting {

  private ServeTesting() {}

  /**
   * Options for a serve of {@code docroot} on a free loopback port: no PHP, 2 s upstream timeouts,
   * 4 threads for scripts.
   *
   * @param serverConfig the --server-config file, or null
   */
  public static ServeOptions options(Path docroot, Path serverConfig, String serverName) {
    return options(docroot, serverConfig, serverName, MirrorSettings.OFF, 0);
  }

  /** The same with a mirror, on {@code port} (0: a free one). */
  public static ServeOptions options(
      Path docroot, Path serverConfig, String serverName, MirrorSettings mirror, int port) {
    return new ServeOptions(
        docroot,
        serverConfig,
        new InetSocketAddress("127.0.0.1", port),
        serverName,
        null,
        null,
        mirror,
        Map.of(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        false,
        PhpBackend.NONE,
        4);
  }

  /** A serve of {@code docroot} on a free loopback port, its error log into {@code errorLog}. */
  public static HtaccessServer start(Path docroot, StringWriter errorLog)
      throws IOException, HtaccessServer.ConfigException {
    return HtaccessServer.start(
        options(docroot, null, "example.com"),
        new PrintWriter(new StringWriter()),
        new PrintWriter(errorLog, true));
  }

  /**
   * Sends the bytes on a fresh connection ({@code halfClose}: then shuts its output) and reads
   * until the server closes it or {@code timeoutMillis} pass without a byte.
   */
  public static byte[] exchange(int port, byte[] raw, boolean halfClose, int timeoutMillis)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(timeoutMillis);
      s.getOutputStream().write(raw);
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what arrived is the answer
      }
      return got.toByteArray();
    }
  }

  /** A line of raw-requests.txt as bytes (see {@link ServeRawRequestsTest#unescape}). */
  public static byte[] unescape(String line) {
    return ServeRawRequestsTest.unescape(line);
  }
}
