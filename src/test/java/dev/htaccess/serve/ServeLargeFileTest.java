package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files too big to keep on the heap are sent from a mapping of the file (kept while the file stays
 * the same) or, past the mapping limit, copied in pieces: each way the client gets the file's bytes
 * exactly, whole or in a range, and the new bytes as soon as the file changes.
 */
class ServeLargeFileTest {

  @TempDir Path docroot;
  private HtaccessServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = ServeTesting.start(docroot, new StringWriter());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private HttpResponse<byte[]> get(String path, String range) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)));
    if (range != null) {
      request.header("Range", range);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aMappedFileIsSentWholeInRangesAndAnewAfterAnEdit() throws Exception {
    byte[] first = random(1 << 20, 1);
    Path file = docroot.resolve("large.bin");
    Files.write(file, first);
    for (int round = 0; round < 2; round++) { // the second answer comes from the kept mapping
      HttpResponse<byte[]> whole = get("/large.bin", null);
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(first);
    }
    HttpResponse<byte[]> part = get("/large.bin", "bytes=1000-1999");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(first, 1000, 2000));
    HttpResponse<byte[]> tail = get("/large.bin", "bytes=-10");
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(first, first.length - 10, first.length));

    byte[] second = random((1 << 20) + 123, 2);
    Files.write(file, second);
    assertThat(get("/large.bin", null).body()).isEqualTo(second);
  }

  @Test
  void aFilePastTheMappingLimitIsCopied() throws Exception {
    byte[] bytes = random((int) FileResponder.MAPPED_FILE_MAX + 4096, 3);
    Files.write(docroot.resolve("huge.bin"), bytes);
    HttpResponse<byte[]> whole = get("/huge.bin", null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(bytes);
    HttpResponse<byte[]> part = get("/huge.bin", "bytes=16000000-16000099");
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 16_000_000, 16_000_100));
  }
}
