package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's modes and safeguards against a scripted origin: the seed's development copy, whose
 * missing uploads the rules send to production with [P].
 */
class ServeMirrorTest {

  @TempDir Path site;
  @TempDir Path outside;

  private MockWebServer origin;
  private HtaccessServer server;
  private final StringWriter errorLog = new StringWriter();
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    origin = new MockWebServer();
    origin.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    origin.close();
  }

  /** Missing files under files/ come from {@code upstream}. */
  private void serve(MirrorSettings mirror, String upstream) throws Exception {
    Files.createDirectories(site.resolve("files"));
    Files.writeString(
        site.resolve(".htaccess"),
        String.join(
            "\n",
            "RewriteEngine On",
            "RewriteCond %{REQUEST_FILENAME} !-f",
            "RewriteRule ^files/(.*)$ " + upstream + "/files/$1 [P,L]",
            ""));
    start(mirror, 0);
  }

  /** Serves {@code site} with its .htaccess as written, on {@code port} (0: a free one). */
  private void start(MirrorSettings mirror, int port) throws Exception {
    server =
        HtaccessServer.start(
            ServeTesting.options(site, null, "localhost", mirror, port),
            new PrintWriter(new StringWriter()),
            new PrintWriter(errorLog, true));
  }

  private void serve(MirrorSettings mirror) throws Exception {
    serve(mirror, "http://127.0.0.1:" + origin.getPort());
  }

  private static MirrorSettings download(
      String auth, List<String[]> headers, Duration negativeTtl, int retries) {
    return new MirrorSettings(
        MirrorSettings.Mode.DOWNLOAD, 302, auth, headers, negativeTtl, retries, false);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
  }

  private static void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 100 && !Files.exists(file); i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void redirectModeSendsTheClientToTheOriginAndFetchesNothing() throws Exception {
    serve(
        new MirrorSettings(
            MirrorSettings.Mode.REDIRECT, 301, null, List.of(), Duration.ZERO, 0, false));
    Files.writeString(site.resolve("files/here.txt"), "local\n");
    HttpResponse<String> r = get("/files/2024/photo.jpg?itok=1");
    assertThat(r.statusCode()).isEqualTo(301);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("http://127.0.0.1:" + origin.getPort() + "/files/2024/photo.jpg?itok=1");
    assertThat(get("/files/here.txt").body()).isEqualTo("local\n");
    assertThat(origin.getRequestCount()).isZero();
    assertThat(site.resolve("files/2024")).doesNotExist();
  }

  @Test
  void downloadSendsTheOriginsCredentialsAndHeadersAndKeepsTheFile() throws Exception {
    serve(
        download(
            "stage:s3cret",
            List.<String[]>of(new String[] {"X-Origin-Key", "abc"}),
            Duration.ofSeconds(60),
            0));
    origin.enqueue(new MockResponse.Builder().code(200).body("PNG bytes").build());
    assertThat(get("/files/a/logo.png").body()).isEqualTo("PNG bytes");
    RecordedRequest got = origin.takeRequest(5, TimeUnit.SECONDS);
    assertThat(got.getHeaders().get("Authorization")).isEqualTo("Basic c3RhZ2U6czNjcmV0");
    assertThat(got.getHeaders().get("X-Origin-Key")).isEqualTo("abc");
    assertThat(got.getHeaders().get(Mirror.LOOP_HEADER)).isNotBlank();
    awaitFile(site.resolve("files/a/logo.png"));
    assertThat(site.resolve("files/a/logo.png")).hasContent("PNG bytes");
    // no temporary file is left beside it
    try (var listing = Files.list(site.resolve("files/a"))) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("logo.png");
    }
    assertThat(get("/files/a/logo.png").body()).isEqualTo("PNG bytes");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anOrigins404IsBelievedForTheNegativeTtl() throws Exception {
    serve(download(null, List.of(), Duration.ofSeconds(60), 0));
    origin.enqueue(new MockResponse.Builder().code(404).body("no").build());
    assertThat(get("/files/gone.jpg").statusCode()).isEqualTo(404);
    assertThat(get("/files/gone.jpg").statusCode()).isEqualTo(404);
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(site.resolve("files/gone.jpg")).doesNotExist();
  }

  @Test
  void withoutANegativeTtlEach404AsksAgain() throws Exception {
    serve(download(null, List.of(), Duration.ZERO, 0));
    origin.enqueue(new MockResponse.Builder().code(404).build());
    origin.enqueue(new MockResponse.Builder().code(404).build());
    get("/files/gone.jpg");
    get("/files/gone.jpg");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFiveHundredIsRetriedBeforeTheClientSeesIt() throws Exception {
    serve(download(null, List.of(), Duration.ZERO, 2));
    origin.enqueue(new MockResponse.Builder().code(503).body("busy").build());
    origin.enqueue(new MockResponse.Builder().code(502).body("busy").build());
    origin.enqueue(new MockResponse.Builder().code(200).body("at last").build());
    HttpResponse<String> r = get("/files/retry.txt");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("at last");
    assertThat(origin.getRequestCount()).isEqualTo(3);
    awaitFile(site.resolve("files/retry.txt"));
    assertThat(site.resolve("files/retry.txt")).hasContent("at last");

    for (int i = 0; i < 3; i++) {
      origin.enqueue(new MockResponse.Builder().code(500).body("down").build());
    }
    HttpResponse<String> down = get("/files/down.txt");
    assertThat(down.statusCode()).isEqualTo(500); // the origin's answer, after the retries
    assertThat(origin.getRequestCount()).isEqualTo(6);
    assertThat(site.resolve("files/down.txt")).doesNotExist();
  }

  @Test
  void scriptsAndHtFilesAreServedButNeverWritten() throws Exception {
    serve(download(null, List.of(), Duration.ZERO, 0));
    for (String name : List.of("evil.php", "x.php.jpg", "run.cgi", "a.PHTML", "b.pl")) {
      origin.enqueue(new MockResponse.Builder().code(200).body("<?php system($_GET[c]);").build());
      assertThat(get("/files/" + name).statusCode()).as(name).isEqualTo(200);
      Thread.sleep(50);
      assertThat(site.resolve("files/" + name)).as(name).doesNotExist();
    }
    // an .ht* name (a file, or a missing directory) is Apache's 403 before anything is proxied
    assertThat(get("/files/.htaccess").statusCode()).isEqualTo(403);
    assertThat(get("/files/.htdir/a.jpg").statusCode()).isEqualTo(403);
    assertThat(origin.getRequestCount()).isEqualTo(5);
  }

  @Test
  void writableNamesAreTheOnesNoHandlerRuns() {
    assertThat(Mirror.writable("/files/a/photo.jpg")).isTrue();
    assertThat(Mirror.writable("/files/archive.tar.gz")).isTrue();
    assertThat(Mirror.writable("/files/.well-known/x.txt")).isTrue();
    assertThat(Mirror.writable("/files/shell.php5")).isFalse();
    assertThat(Mirror.writable("/files/a.phar.png")).isFalse();
    assertThat(Mirror.writable("/files/.htpasswd")).isFalse();
    assertThat(Mirror.writable("/files/.HTaccess")).isFalse();
    assertThat(Mirror.writable("/files//a.jpg")).isFalse();
    assertThat(Mirror.writable("/files/../a.jpg")).isFalse();
  }

  @Test
  void aLinkInTheTreeDoesNotCarryAWriteOutsideIt() throws Exception {
    serve(download(null, List.of(), Duration.ZERO, 0));
    Files.createSymbolicLink(site.resolve("files/out"), outside);
    Files.writeString(
        site.resolve("files/.htaccess"), "Options +FollowSymLinks\n"); // the link is followed
    origin.enqueue(new MockResponse.Builder().code(200).body("payload").build());
    assertThat(get("/files/out/dropped.txt").body()).isEqualTo("payload");
    Thread.sleep(100);
    try (var listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
    Files.delete(site.resolve("files/out")); // the temporary directories are removed apart
  }

  @Test
  void aRequestThatComesBackToThisServerIsALoop() throws Exception {
    // the origin is this server itself: the file is missing here too
    Files.createDirectories(site.resolve("files"));
    java.net.ServerSocket probe = new java.net.ServerSocket(0);
    int port = probe.getLocalPort();
    probe.close();
    Files.writeString(
        site.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^files/(.*)$ http://127.0.0.1:"
            + port
            + "/files/$1 [P,L]\n");
    start(MirrorSettings.DOWNLOAD, port);
    HttpResponse<String> r = get("/files/self.png");
    assertThat(r.statusCode()).isEqualTo(508);
    assertThat(errorLog.toString()).contains("came back to it");
    assertThat(site.resolve("files/self.png")).doesNotExist();
  }

  @Test
  void aFileTwoClientsAskForAtOnceIsFetchedOnceAndBothGetItWhole() throws Exception {
    serve(download(null, List.of(), Duration.ZERO, 0));
    String body = "x".repeat(64 * 1024);
    origin.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(body)
            .throttleBody(8 * 1024, 100, TimeUnit.MILLISECONDS) // about 0.8 s
            .build());
    origin.enqueue(new MockResponse.Builder().code(200).body("second fetch").build());
    HttpRequest request =
        HttpRequest.newBuilder(server.uri().resolve("/files/big.bin"))
            .timeout(Duration.ofSeconds(20))
            .build();
    CompletableFuture<HttpResponse<String>> first =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    Thread.sleep(200); // the first is fetching
    CompletableFuture<HttpResponse<String>> second =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    assertThat(first.get(20, TimeUnit.SECONDS).body()).isEqualTo(body);
    HttpResponse<String> other = second.get(20, TimeUnit.SECONDS);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(body);
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(site.resolve("files/big.bin")).hasContent(body);
  }

  @Test
  void aDerivativesOriginalIsFetchedFirstSoTheSiteCanBuildIt() throws Exception {
    serve(
        new MirrorSettings(
            MirrorSettings.Mode.DOWNLOAD, 302, null, List.of(), Duration.ZERO, 0, true));
    origin.enqueue(new MockResponse.Builder().code(200).body("the original").build());
    origin.enqueue(new MockResponse.Builder().code(200).body("the derivative").build());
    HttpResponse<String> r = get("/files/styles/thumbnail/public/2024/a%20b.jpg?itok=Xy");
    assertThat(r.body()).isEqualTo("the derivative");
    RecordedRequest first = origin.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getTarget()).isEqualTo("/files/2024/a%20b.jpg");
    assertThat(origin.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/files/styles/thumbnail/public/2024/a%20b.jpg?itok=Xy");
    assertThat(site.resolve("files/2024/a b.jpg")).hasContent("the original");
    // the original is here now: another style of it asks the origin for the derivative only
    origin.enqueue(new MockResponse.Builder().code(200).body("large").build());
    assertThat(get("/files/styles/large/public/2024/a%20b.jpg").body()).isEqualTo("large");
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void derivativePathsAreRecognised() {
    assertThat(Mirror.originalOf("/sites/default/files/styles/thumbnail/public/2024/a.jpg"))
        .isEqualTo("/sites/default/files/2024/a.jpg");
    assertThat(Mirror.originalOf("/files/styles/x/private/a.png")).isEqualTo("/files/a.png");
    assertThat(Mirror.originalOf("/files/styles/x/other/a.png")).isNull();
    assertThat(Mirror.originalOf("/files/styles/a.png")).isNull();
    assertThat(Mirror.originalOf("/files/photo.png")).isNull();
  }

  @Test
  void theRulesMapTheLocalPathToTheOriginsAndTheFileIsKeptAtTheLocalOne() throws Exception {
    // Bedrock keeps uploads in /app/uploads, the production WordPress in /wp-content/uploads
    Files.createDirectories(site.resolve("app/uploads"));
    Files.writeString(
        site.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^app/uploads/(.*)$ http://127.0.0.1:"
            + origin.getPort()
            + "/wp-content/uploads/$1 [P,L]\n");
    start(MirrorSettings.DOWNLOAD, 0);
    origin.enqueue(new MockResponse.Builder().code(200).body("jpeg").build());
    assertThat(get("/app/uploads/2024/05/cat.jpg").body()).isEqualTo("jpeg");
    assertThat(origin.takeRequest(5, TimeUnit.SECONDS).getTarget())
        .isEqualTo("/wp-content/uploads/2024/05/cat.jpg");
    awaitFile(site.resolve("app/uploads/2024/05/cat.jpg"));
    assertThat(site.resolve("app/uploads/2024/05/cat.jpg")).hasContent("jpeg");
    assertThat(site.resolve("wp-content")).doesNotExist();
  }
}
