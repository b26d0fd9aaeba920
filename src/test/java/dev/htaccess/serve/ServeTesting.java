package dev.htaccess.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What tests outside this package need to run serve: a server on a document root. */
public final class ServeTesting {

  private ServeTesting() {}

  /** A serve of {@code docroot} on a free loopback port, its error log into {@code errorLog}. */
  public static HtaccessServer start(Path docroot, StringWriter errorLog)
      throws IOException, HtaccessServer.ConfigException {
    return HtaccessServer.start(
        new ServeOptions(
            docroot,
            null,
            new InetSocketAddress("127.0.0.1", 0),
            "example.com",
            null,
            null,
            false,
            Map.of(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            false,
            PhpBackend.NONE,
            4),
        new PrintWriter(new StringWriter()),
        new PrintWriter(errorLog, true));
  }

  /** A line of raw-requests.txt as bytes (see {@link ServeRawRequestsTest#unescape}). */
  public static byte[] unescape(String line) {
    return ServeRawRequestsTest.unescape(line);
  }
}
