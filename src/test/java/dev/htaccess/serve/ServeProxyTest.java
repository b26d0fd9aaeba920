package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario end to end: a development copy serves its local files and proxies the
 * missing ones to a mock "production"; --mirror keeps what was fetched, --cache avoids a second
 * upstream hit; plus what mod_proxy_http does to the forwarded request.
 */
class ServeProxyTest {

  @TempDir Path site;
  @TempDir Path cache;

  private final StringWriter errorLog = new StringWriter();
  private MockWebServer production;
  private HtaccessServer server;
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void startProduction() throws Exception {
    production = new MockWebServer();
    production.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    production.close();
  }

  private void writeSite(String upstreamBase) throws Exception {
    Files.writeString(site.resolve("index.html"), "local index\n");
    Files.createDirectories(site.resolve("sites/default/files"));
    Files.writeString(site.resolve("sites/default/files/local.txt"), "local file\n");
    Files.writeString(
        site.resolve(".htaccess"),
        String.join(
            "\n",
            "RewriteEngine On",
            "RewriteCond %{REQUEST_FILENAME} !-f",
            "RewriteCond %{REQUEST_FILENAME} !-d",
            "RewriteCond %{REQUEST_URI} /sites/default/files",
            "RewriteRule ^(.*)$ " + upstreamBase + "/$1 [P,L]",
            "RewriteRule (.*serviceapi/.*) " + upstreamBase + "/$1 [P,L]",
            "RequestHeader set X-Forwarded-Proto https",
            "RequestHeader unset Cookie",
            "RequestHeader append Accept-Language \"en;q=0.1\"",
            ""));
  }

  private void startServer(boolean mirror, Path cacheDir) throws Exception {
    ServeOptions options =
        new ServeOptions(
            site,
            null,
            new InetSocketAddress("127.0.0.1", 0),
            "localhost",
            null,
            cacheDir,
            mirror,
            Map.of(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            false,
            PhpBackend.NONE,
            4);
    server =
        HtaccessServer.start(
            options, new PrintWriter(new StringWriter()), new PrintWriter(errorLog, true));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void localFilesAreServedAndMissingOnesComeFromProduction() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(false, null);
    production.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "image/jpeg")
            .body("JPEG")
            .build());

    HttpResponse<String> local = get("/sites/default/files/local.txt");
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(local.body()).isEqualTo("local file\n");
    assertThat(production.getRequestCount()).isZero();

    HttpResponse<String> missing =
        client.send(
            HttpRequest.newBuilder(server.uri().resolve("/sites/default/files/photo.jpg?itok=abc"))
                .header("Cookie", "session=secret")
                .header("Accept-Language", "de")
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(missing.statusCode()).isEqualTo(200);
    assertThat(missing.body()).isEqualTo("JPEG");
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    RecordedRequest got = production.takeRequest(2, TimeUnit.SECONDS);
    assertThat(got.getTarget()).isEqualTo("/sites/default/files/photo.jpg?itok=abc");
    assertThat(got.getHeaders().get("Host"))
        .isEqualTo(production.url("").host() + ":" + production.getPort());
    assertThat(got.getHeaders().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.getHeaders().get("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(got.getHeaders().get("X-Forwarded-Server")).isNotNull();
    // RequestHeader edits what goes upstream.
    assertThat(got.getHeaders().get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(got.getHeaders().get("Cookie")).isNull();
    assertThat(got.getHeaders().get("Accept-Language")).isEqualTo("de, en;q=0.1");

    // Outside /sites/default/files nothing is proxied: Apache's plain 404.
    assertThat(get("/nothere.html").statusCode()).isEqualTo(404);
    assertThat(production.getRequestCount()).isEqualTo(1);
  }

  @Test
  void mirrorStoresFetchedFilesSoTheNextRequestIsLocal() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(true, null);
    production.enqueue(new MockResponse.Builder().code(200).body("from production").build());

    assertThat(get("/sites/default/files/new.txt").body()).isEqualTo("from production");
    // The client may read the last byte before the file is moved into place.
    Path mirrored = site.resolve("sites/default/files/new.txt");
    for (int i = 0; i < 50 && !Files.exists(mirrored); i++) {
      Thread.sleep(20);
    }
    assertThat(mirrored).hasContent("from production");

    HttpResponse<String> again = get("/sites/default/files/new.txt");
    assertThat(again.body()).isEqualTo("from production");
    assertThat(again.headers().firstValue("ETag")).isPresent();
    assertThat(production.getRequestCount()).isEqualTo(1);
  }

  @Test
  void mirrorKeepsNothingThatWasNotA200() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(true, null);
    production.enqueue(new MockResponse.Builder().code(404).body("nope").build());

    assertThat(get("/sites/default/files/gone.txt").statusCode()).isEqualTo(404);
    assertThat(site.resolve("sites/default/files/gone.txt")).doesNotExist();
  }

  @Test
  void cacheAnswersTheSecondRequestWithoutProduction() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(false, cache);
    production.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Cache-Control", "max-age=600")
            .body("{\"answer\":42}")
            .build());

    assertThat(get("/app/serviceapi/q").body()).isEqualTo("{\"answer\":42}");
    assertThat(get("/app/serviceapi/q").body()).isEqualTo("{\"answer\":42}");
    assertThat(production.getRequestCount()).isEqualTo(1);
  }

  @Test
  void requestBodiesStreamUpstreamAndRedirectsAreNotFollowed() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(false, null);
    production.enqueue(
        new MockResponse.Builder()
            .code(302)
            .setHeader("Location", "https://elsewhere.example/")
            .build());

    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(server.uri().resolve("/serviceapi/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(302);
    assertThat(post.headers().firstValue("Location")).hasValue("https://elsewhere.example/");
    RecordedRequest got = production.takeRequest(2, TimeUnit.SECONDS);
    assertThat(got.getMethod()).isEqualTo("POST");
    assertThat(got.getTarget()).isEqualTo("/serviceapi/items");
    assertThat(got.getBody().utf8()).isEqualTo("{\"name\":\"x\"}");
    assertThat(got.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void anUpstreamThatIsDownAnswers503() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    writeSite("http://127.0.0.1:" + closedPort);
    startServer(false, null);
    assertThat(get("/sites/default/files/x.jpg").statusCode()).isEqualTo(503);
  }

  @Test
  void anUpstreamThatDoesNotAnswerInTimeGives502() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(false, null);
    production.enqueue(
        new MockResponse.Builder()
            .code(200)
            .headersDelay(3, TimeUnit.SECONDS)
            .body("late")
            .build());
    // mod_proxy_http: a read timeout is "Error reading from remote server", 502 (not 504).
    assertThat(get("/sites/default/files/slow.jpg").statusCode()).isEqualTo(502);
  }

  @Test
  void anEditedHtaccessTakesEffectOnTheNextRequest() throws Exception {
    writeSite(production.url("").toString().replaceAll("/$", ""));
    startServer(false, null);
    assertThat(get("/index.html").statusCode()).isEqualTo(200);

    Path htaccess = site.resolve(".htaccess");
    Files.writeString(htaccess, Files.readString(htaccess) + "RewriteRule ^index\\.html$ - [G]\n");
    // A different size is enough for the cache to notice, whatever the clock's resolution.
    assertThat(get("/index.html").statusCode()).isEqualTo(410);

    Files.writeString(htaccess, "Header always set X-Broken\n");
    assertThat(get("/index.html").statusCode()).isEqualTo(500);
    assertThat(errorLog.toString()).contains(htaccess + ":1:1: ").contains("/index.html");
  }

  /**
   * A failure while answering (here OkHttp refusing a header name that mod_headers would send) is a
   * 500 with a line in the error log saying what failed, never a silent 500.
   */
  @Test
  void aFailureWhileAnsweringIsLogged() throws Exception {
    Files.writeString(
        site.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RequestHeader set \"Bad Name\" value\n"
            + "RewriteRule ^api/(.*)$ "
            + production.url("").toString()
            + "$1 [P,L]\n");
    startServer(false, null);
    HttpResponse<String> response = get("/api/x");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(errorLog.toString())
        .contains("[core:error]")
        .contains("/api/x: internal error: IllegalArgumentException");
  }
}
