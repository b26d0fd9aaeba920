package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many sites, one config: one [P] rule and one host → backend table send each Host's missing files
 * to its own production, and a host the table does not name to the default. Each mock upstream is
 * asked what it got. The table is a txt map, then the same entries as a Berkeley DB and as an SDBM
 * made by httxt2dbm (where apache2-utils is installed).
 */
class ServeManySitesTest {

  @TempDir Path dir;

  private final List<MockWebServer> upstreams = new ArrayList<>();
  private HtaccessServer server;

  @BeforeEach
  void startUpstreams() throws Exception {
    for (int i = 0; i < 4; i++) { // a, b, c and the default
      MockWebServer m = new MockWebServer();
      m.start();
      upstreams.add(m);
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    upstreams.forEach(MockWebServer::close);
  }

  private String base(int i) {
    return "http://127.0.0.1:" + upstreams.get(i).getPort();
  }

  @ParameterizedTest
  @ValueSource(strings = {"txt", "db", "sdbm"})
  void eachHostGoesToItsOwnProduction(String table) throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve("files"));
    Files.writeString(site.resolve("files/local.txt"), "local\n");
    Files.writeString(
        site.resolve(".htaccess"),
        String.join(
            "\n",
            "RewriteEngine On",
            "RewriteCond %{REQUEST_FILENAME} !-f",
            "RewriteRule ^files/(.*)$ ${backends:%{HTTP_HOST}|" + base(3) + "}/files/$1 [P,L]",
            ""));
    Path txt = dir.resolve("backends.txt");
    Files.writeString(
        txt,
        String.join(
            "\n",
            "# host                production",
            "a.example.com " + base(0),
            "b.example.com " + base(1) + "/b-prefix",
            "c.example.com " + base(2),
            ""));
    String spec =
        switch (table) {
          case "txt" -> "txt:backends.txt";
          case "db" -> "dbm:" + httxt2dbm(txt, null, "backends.db");
          default -> "dbm=sdbm:" + httxt2dbm(txt, "SDBM", "backends");
        };
    Path conf = dir.resolve("site.conf");
    Files.writeString(conf, "RewriteMap backends " + spec + "\n");
    start(site, conf);
    for (MockWebServer m : upstreams) {
      for (int i = 0; i < 3; i++) {
        m.enqueue(new MockResponse.Builder().code(200).body("from " + m.getPort()).build());
      }
    }

    assertThat(get("/files/local.txt", "a.example.com").body()).isEqualTo("local\n");
    assertThat(get("/files/x.png?s=1", "a.example.com").body()).isEqualTo("from " + port(0));
    assertThat(get("/files/y.png", "b.example.com").body()).isEqualTo("from " + port(1));
    assertThat(get("/files/z.png", "c.example.com").body()).isEqualTo("from " + port(2));
    assertThat(get("/files/w.png", "other.example.com").body()).isEqualTo("from " + port(3));
    // the table's keys are the Host header as sent: another spelling is another key
    assertThat(get("/files/v.png", "A.example.com").body()).isEqualTo("from " + port(3));

    assertThat(only(0).getTarget()).isEqualTo("/files/x.png?s=1");
    assertThat(only(1).getTarget()).isEqualTo("/b-prefix/files/y.png");
    RecordedRequest c = only(2);
    assertThat(c.getTarget()).isEqualTo("/files/z.png");
    // mod_proxy: the backend's own Host, and the client's in X-Forwarded-Host
    assertThat(c.getHeaders().get("Host")).isEqualTo("127.0.0.1:" + port(2));
    assertThat(c.getHeaders().get("X-Forwarded-Host")).isEqualTo("c.example.com");
    List<String> fallback = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RecordedRequest r = upstreams.get(3).takeRequest(5, TimeUnit.SECONDS);
      fallback.add(r.getHeaders().get("X-Forwarded-Host") + " " + r.getTarget());
    }
    assertThat(fallback)
        .containsExactlyInAnyOrder("other.example.com /files/w.png", "A.example.com /files/v.png");
    assertThat(upstreams.get(3).getRequestCount()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void virtualDocumentRootServesEachHostFromItsOwnDirectory() throws Exception {
    Path root = dir.resolve("sites");
    for (String host : List.of("a.example.com", "b.example.com", "www.c.example.com")) {
      Files.createDirectories(root.resolve(host));
      Files.writeString(root.resolve(host).resolve("index.html"), "site " + host + "\n");
    }
    Files.writeString(
        root.resolve("b.example.com/.htaccess"),
        "RewriteEngine On\nRewriteRule ^where$ /x?root=%{DOCUMENT_ROOT} [R=302,L]\n");
    Path conf = dir.resolve("hosts.conf");
    Files.writeString(conf, "VirtualDocumentRoot " + root + "/%0\n");
    start(root, conf);
    assertThat(get("/", "a.example.com").body()).isEqualTo("site a.example.com\n");
    assertThat(get("/index.html", "B.Example.com:8080").body()).isEqualTo("site b.example.com\n");
    assertThat(get("/", "www.c.example.com").body()).isEqualTo("site www.c.example.com\n");
    // a host without a directory: Apache's 404, not another site's files
    assertThat(get("/", "d.example.com").status()).isEqualTo(404);
    assertThat(get("/index.html", "c.example.com").status()).isEqualTo(404);
    Answer where = get("/where", "b.example.com");
    assertThat(where.status()).isEqualTo(302);
  }

  private void start(Path docroot, Path conf) throws Exception {
    server =
        HtaccessServer.start(
            ServeTesting.options(docroot, conf, "localhost"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter(), true));
  }

  private int port(int i) {
    return upstreams.get(i).getPort();
  }

  /** The one request upstream {@code i} got. */
  private RecordedRequest only(int i) throws InterruptedException {
    RecordedRequest r = upstreams.get(i).takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(upstreams.get(i).getRequestCount()).isEqualTo(1);
    return r;
  }

  /** What a client got: an HTTP/1.0 request, so the body ends with the connection. */
  private record Answer(int status, String body) {}

  /** A GET with its own Host header (java.net.http will not send one). */
  private Answer get(String path, String host) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int head = raw.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(raw.substring(9, 12)), raw.substring(head + 4));
    }
  }

  private static String httxt2dbm(Path txt, String format, String name) throws Exception {
    Path tool = Path.of("/usr/sbin/httxt2dbm");
    assumeTrue(Files.isExecutable(tool), "httxt2dbm (apache2-utils) is not installed");
    List<String> command = new ArrayList<>(List.of(tool.toString()));
    if (format != null) {
      command.addAll(List.of("-f", format));
    }
    command.addAll(List.of("-i", txt.toString(), "-o", txt.resolveSibling(name).toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return name;
  }
}
