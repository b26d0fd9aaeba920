package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's request limits, measured on Apache 2.4 (Debian): a request line over 8190 bytes is a
 * 414, one header line over 8190 bytes or more than 100 headers a 400, while many headers that are
 * each within the limit pass (Apache limits each line, not the sum).
 */
class ServeRequestLimitsTest {

  @TempDir Path site;
  private HtaccessServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Files.writeString(site.resolve("a.html"), "a\n");
    server =
        HtaccessServer.start(
            ServeTesting.options(site, null, "localhost"), new PrintWriter(new StringWriter()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int status(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aRequestLineOver8190BytesIs414() throws Exception {
    assertThat(status("/" + "a".repeat(9000))).isEqualTo(414);
    assertThat(status("/a.html?" + "q".repeat(8000))).isEqualTo(200);
  }

  @Test
  void oneHeaderLineOver8190BytesIs400() throws Exception {
    assertThat(status("/a.html", "X-Long", "v".repeat(9000))).isEqualTo(400);
  }

  @Test
  void manyHeadersWithinTheLimitPassButNotMoreThan100() throws Exception {
    assertThat(status("/a.html", "X-A", "v".repeat(5000), "X-B", "v".repeat(5000))).isEqualTo(200);
    String[] many = new String[2 * 120];
    for (int i = 0; i < 120; i++) {
      many[2 * i] = "X-H" + i;
      many[2 * i + 1] = "v";
    }
    assertThat(status("/a.html", many)).isEqualTo(400);
  }

  @Test
  void anEncodedNulInThePathIs404AsInApacheNot400() throws Exception {
    assertThat(status("/a.html%00")).isEqualTo(404);
    assertThat(status("/a%00.html")).isEqualTo(404);
    // In the query string it is only data: the file is served.
    assertThat(status("/a.html?x=%00")).isEqualTo(200);
    // The header that carries the original target cannot be sent by a client.
    assertThat(status("/missing", "X-Htaccess-Target-0000000000000000", "/a.html")).isEqualTo(404);
  }
}
