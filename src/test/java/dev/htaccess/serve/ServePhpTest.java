package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PHP behind {@code serve} end to end, with real php-fpm on a unix socket (and php-cgi): pretty
 * URLs, Authorization forwarding, a 100 MB upload, and the failures (backend down, too slow).
 */
class ServePhpTest {

  private static PhpStack fpm;
  private static final String WORDPRESS =
      """
      RewriteEngine On
      RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]
      RewriteBase /
      RewriteRule ^index\\.php$ - [L]
      RewriteCond %{REQUEST_FILENAME} !-f
      RewriteCond %{REQUEST_FILENAME} !-d
      RewriteRule . /index.php [L]
      """;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private HtaccessServer server;
  private final StringWriter errorLog = new StringWriter();

  @BeforeAll
  static void startFpm() throws Exception {
    Path binary = PhpStack.fpmBinary().orElse(null);
    assumeTrue(binary != null, "php-fpm is not installed");
    fpm = PhpStack.startFpm(binary, true);
  }

  @AfterAll
  static void stopFpm() {
    if (fpm != null) {
      fpm.close();
    }
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private Path site(String htaccess) throws Exception {
    Path docroot = PhpStack.worldReadableTempDir("serve-php");
    PhpApacheAgreementTest.copyApp(ProjectFiles.testdata("php", "app"), docroot);
    Files.writeString(docroot.resolve(".htaccess"), htaccess);
    return docroot;
  }

  private void start(Path docroot, PhpBackend php, Duration timeout) throws Exception {
    server =
        HtaccessServer.start(
            new ServeOptions(
                docroot,
                null,
                new InetSocketAddress("127.0.0.1", 0),
                "localhost",
                null,
                null,
                false,
                Map.of(),
                Duration.ofSeconds(2),
                timeout,
                false,
                php,
                4),
            new PrintWriter(new StringWriter()),
            new PrintWriter(errorLog, true));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.uri().resolve(path));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return (Map<String, Object>) JsonLite.parse(r.body());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> server(HttpResponse<String> r) {
    return (Map<String, Object>) json(r).get("server");
  }

  @Test
  void prettyUrlsReachTheFrontControllerWithApachesVariables() throws Exception {
    start(site(WORDPRESS), fpmOnSocket(), Duration.ofSeconds(10));
    HttpResponse<String> r = send(request("/2024/11/hello-world/?replytocom=5"));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> s = server(r);
    assertThat(s)
        .containsEntry("REQUEST_URI", "/2024/11/hello-world/?replytocom=5")
        .containsEntry("SCRIPT_NAME", "/index.php")
        .containsEntry("PHP_SELF", "/index.php")
        .containsEntry("REDIRECT_URL", "/2024/11/hello-world/")
        .containsEntry("REDIRECT_STATUS", "200")
        .containsEntry("QUERY_STRING", "replytocom=5")
        .containsEntry("GATEWAY_INTERFACE", "CGI/1.1");
    assertThat((String) s.get("SCRIPT_FILENAME")).endsWith("/index.php");
    assertThat((String) s.get("SERVER_SOFTWARE")).startsWith("Apache");
    // A static file is still served by serve itself.
    assertThat(send(request("/hello.txt")).body()).isEqualTo("a static file\n");
  }

  @Test
  void authorizationReachesPhpOnlyWhereTheRulesPassIt() throws Exception {
    Path docroot = site(WORDPRESS);
    start(docroot, fpmOnSocket(), Duration.ofSeconds(10));
    Map<String, Object> passed =
        server(send(request("/wp-json/me").header("Authorization", "Basic dTpw")));
    assertThat(passed).containsEntry("HTTP_AUTHORIZATION", "Basic dTpw");
    assertThat(passed).containsEntry("PHP_AUTH_USER", "u").containsEntry("PHP_AUTH_PW", "p");

    Files.writeString(docroot.resolve(".htaccess"), "DirectoryIndex index.php\n");
    Map<String, Object> withheld =
        server(send(request("/index.php").header("Authorization", "Basic dTpw")));
    assertThat(withheld).doesNotContainKey("HTTP_AUTHORIZATION");

    Files.writeString(docroot.resolve(".htaccess"), "CGIPassAuth On\n");
    Map<String, Object> cgiPassAuth =
        server(send(request("/index.php").header("Authorization", "Basic dTpw")));
    assertThat(cgiPassAuth).containsEntry("HTTP_AUTHORIZATION", "Basic dTpw");
  }

  @Test
  void aHundredMegabyteUploadStreamsToPhp() throws Exception {
    start(site(WORDPRESS), fpmOnSocket(), Duration.ofSeconds(60));
    long size = 100L * 1024 * 1024;
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    byte[] block = new byte[64 * 1024];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31 + 7);
    }
    for (long sent = 0; sent < size; sent += block.length) {
      sha1.update(block);
    }
    HttpResponse<String> r =
        send(
            request("/upload/big.bin")
                .header("Content-Type", "application/octet-stream")
                .POST(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new RepeatingStream(block, size)),
                        size)));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> j = json(r);
    assertThat(((Number) j.get("body_length")).longValue()).isEqualTo(size);
    assertThat(j.get("body_sha1")).isEqualTo(HexFormat.of().formatHex(sha1.digest()));
  }

  @Test
  void aChunkedBodyReachesPhpWithItsLength() throws Exception {
    start(site(WORDPRESS), fpmOnSocket(), Duration.ofSeconds(10));
    byte[] body = "a chunked body".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            request("/api/chunked")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body))));
    Map<String, Object> j = json(r);
    assertThat(((Number) j.get("body_length")).intValue()).isEqualTo(body.length);
    assertThat(server(r))
        .containsEntry("CONTENT_LENGTH", Integer.toString(body.length))
        .doesNotContainKey("HTTP_TRANSFER_ENCODING");
  }

  @Test
  void aBackendThatIsDownIs503AndOneThatIsTooSlowIs504() throws Exception {
    Path docroot = site(WORDPRESS);
    int closed = PhpStack.freePort();
    start(docroot, PhpBackend.parse("fpm:127.0.0.1:" + closed), Duration.ofSeconds(10));
    HttpResponse<String> down = send(request("/index.php"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("<title>503 Service Unavailable</title>");
    assertThat(errorLog.toString()).contains("cannot connect to 127.0.0.1:" + closed);
    server.close();

    start(docroot, fpmOnSocket(), Duration.ofSeconds(1));
    HttpResponse<String> slow = send(request("/index.php?sleep=3"));
    assertThat(slow.statusCode()).isEqualTo(504);
    // The pool recovers: the next request gets a fresh connection.
    assertThat(send(request("/index.php")).statusCode()).isEqualTo(200);
  }

  @Test
  void scriptStatusHeadersAndStderrAreHonoured() throws Exception {
    Path docroot = site(WORDPRESS);
    Files.writeString(docroot.resolve("sub/.htaccess"), "RewriteEngine Off\n");
    start(docroot, fpmOnSocket(), Duration.ofSeconds(10));
    HttpResponse<String> r = send(request("/index.php?status=418&stderr=careful"));
    assertThat(r.statusCode()).isEqualTo(418);
    assertThat(errorLog.toString()).contains("AH01071: Got error 'PHP message: app says: careful");
    // A missing script is php-fpm's own 404, as behind Apache.
    HttpResponse<String> missing = send(request("/sub/missing.php"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("File not found.\n");
  }

  @Test
  void phpCgiRunsTheSameApplication() throws Exception {
    Path phpCgi = Path.of("/usr/bin/php-cgi");
    assumeTrue(Files.isExecutable(phpCgi), "php-cgi is not installed");
    start(site(WORDPRESS), PhpBackend.parse("cgi:" + phpCgi), Duration.ofSeconds(10));
    HttpResponse<String> r =
        send(
            request("/some/page?x=1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=two")));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> j = json(r);
    assertThat(j.get("post")).isEqualTo(Map.of("a", "1", "b", "two"));
    assertThat(server(r))
        .containsEntry("REQUEST_URI", "/some/page?x=1")
        .containsEntry("SCRIPT_NAME", "/index.php")
        .containsEntry("REDIRECT_URL", "/some/page");
    // mod_cgi: a local Location without Status is fetched in the script's place...
    HttpResponse<String> local = send(request("/index.php?location=/hello.txt&code=200"));
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(local.body()).isEqualTo("a static file\n");
    // ...and any other Location without Status is a 302.
    HttpResponse<String> away = send(request("/index.php?location=http://example.net/&code=200"));
    assertThat(away.statusCode()).isEqualTo(302);
    assertThat(away.headers().firstValue("Location")).hasValue("http://example.net/");
  }

  @Test
  void withoutPhpScriptsAreServedAsFiles() throws Exception {
    start(site(WORDPRESS), PhpBackend.NONE, Duration.ofSeconds(10));
    HttpResponse<String> r = send(request("/index.php"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("<?php");
  }

  private static PhpBackend fpmOnSocket() {
    return PhpBackend.parse("fpm:unix:" + fpm.socket());
  }

  /** {@code size} bytes of a repeated block, without holding them in memory. */
  private static final class RepeatingStream extends InputStream {
    private final byte[] block;
    private long left;
    private int pos;

    RepeatingStream(byte[] block, long size) {
      this.block = block;
      this.left = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, left), block.length - pos);
      System.arraycopy(block, pos, b, off, n);
      pos = (pos + n) % block.length;
      left -= n;
      return n;
    }
  }
}
