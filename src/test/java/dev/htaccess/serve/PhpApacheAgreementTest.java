package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htaccess.testing.JsonLite;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of PHP behind {@code serve}: the same requests go to real Apache with
 * mod_proxy_fcgi and to {@code serve}, both in front of the same php-fpm, for the WordPress, Drupal
 * and Laravel .htaccess files of {@code ../shared/corpus} around the test application of {@code
 * testdata/php/app} (which prints what PHP sees). Status, Content-Type and body must agree; in
 * PHP's {@code $_SERVER} only {@link #DIFFERENT} may differ.
 */
class PhpApacheAgreementTest {

  /**
   * Values that must differ: the two servers listen on different ports (so HTTP_HOST and
   * SERVER_PORT differ), the client's port and the request time differ per request, our
   * SERVER_SOFTWARE is our own, and PATH is each server's own environment.
   */
  static final Set<String> DIFFERENT =
      Set.of(
          "HTTP_HOST",
          "SERVER_PORT",
          "REMOTE_PORT",
          "REQUEST_TIME",
          "REQUEST_TIME_FLOAT",
          "SERVER_SOFTWARE",
          "PATH");

  /**
   * Differences we know, each with its reason. PATH_TRANSLATED comes from a subrequest for the path
   * info; under Magento's pub/static rule {@code RewriteRule .* ../static.php?resource=$0}, whose
   * target climbs above the document root, Apache's subrequest keeps the unresolved {@code
   * /docroot/../static.php} as its file name, where ours leaves the file name the walk found. The
   * main request (a 400 in both) agrees.
   */
  static final List<String> KNOWN =
      List.of(
          "magento2-pub-static GET /sub/info.php/extra/path%20x?q=1 []: $_SERVER[PATH_TRANSLATED]");

  private static PhpStack stack;

  @BeforeAll
  static void startFpm() throws Exception {
    assumeTrue(Files.isExecutable(PhpStack.APACHE), "apache2 is not installed");
    Path fpm = PhpStack.fpmBinary().orElse(null);
    assumeTrue(fpm != null, "php-fpm is not installed");
    assumeTrue(Files.exists(Path.of("/usr/lib/apache2/modules/mod_proxy_fcgi.so")));
    stack = PhpStack.startFpm(fpm);
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /** One request: method, path, headers (name, value, ...), body or null. */
  record Req(String method, String path, List<String> headers, String body) {
    static Req get(String path, String... headers) {
      return new Req("GET", path, List.of(headers), null);
    }
  }

  static final List<Req> REQUESTS =
      List.of(
          Req.get("/"),
          Req.get("/index.php"),
          Req.get("/index.php?x=1&y=%20z"),
          Req.get("/some/pretty/path?x=1&y=%20z"),
          Req.get("/blog/2024/hello-world/"),
          Req.get("/caf%C3%A9/men%C3%BC"),
          new Req(
              "POST",
              "/wp-comments-post",
              List.of("Content-Type", "application/x-www-form-urlencoded"),
              "a=1&b=two+words"),
          new Req("PUT", "/api/items/7", List.of("Content-Type", "application/json"), "{\"x\":1}"),
          Req.get("/api/user", "Authorization", "Bearer abc123"),
          Req.get("/index.php", "Authorization", "Basic dXNlcjpwYXNz"),
          Req.get("/api/token", "X-XSRF-TOKEN", "tok", "X-Dup", "1", "X-Dup", "2"),
          Req.get("/sub/info.php/extra/path%20x?q=1"),
          Req.get("/sub/info.php"),
          Req.get("/missing.php"),
          Req.get("/sub/missing.php/more"),
          Req.get("/hello.txt"),
          Req.get("/hello.txt/more"),
          Req.get("/sub/"),
          Req.get("/source.phps"),
          Req.get("/index.php?status=404"),
          Req.get("/index.php?stderr=hello"),
          Req.get("/index.php?location=/hello.txt&code=200"),
          Req.get("/index.php?location=http://example.net/x&code=200"),
          Req.get("/index.php?location=/elsewhere"),
          Req.get("/.htaccess"),
          // for testdata/php/own.htaccess
          Req.get("/nothing/here?q=1"),
          Req.get("/secret.txt"),
          Req.get("/page.html"),
          Req.get("/other.foo"),
          Req.get("/old/a/b?x=1"),
          Req.get("/env/x"),
          Req.get("/page.phtm"),
          Req.get("/gone"),
          Req.get("/index.php/path/info"),
          Req.get("/sub/info.php/a%2Fb"),
          new Req("HEAD", "/index.php", List.of(), null),
          new Req("OPTIONS", "/index.php", List.of(), null),
          new Req("DELETE", "/sub/info.php", List.of(), null));

  /** Our own case, then every .htaccess of ../shared/corpus (WordPress, Drupal, Laravel...). */
  static Stream<String> apps() {
    return Stream.concat(Stream.of("own"), ProjectFiles.corpusEntriesWithHtaccess().stream());
  }

  @ParameterizedTest
  @MethodSource("apps")
  void phpSeesWhatItSeesBehindApache(String app) throws Exception {
    Path htaccess =
        app.equals("own")
            ? ProjectFiles.testdata("php", "own.htaccess")
            : ProjectFiles.shared()
                .map(s -> s.resolve("corpus").resolve(app).resolve(".htaccess"))
                .orElse(null);
    assumeTrue(htaccess != null && Files.exists(htaccess), "../shared/corpus is absent");
    Path docroot = PhpStack.worldReadableTempDir("php-" + app);
    copyApp(ProjectFiles.testdata("php", "app"), docroot);
    Files.writeString(
        docroot.resolve(".htaccess"),
        Files.readString(htaccess).replace("{fpm}", "127.0.0.1:" + stack.fpmPort));
    for (String copy : List.of("page.html", "other.foo", "secret.txt", "page.phtm")) {
      Files.copy(docroot.resolve("index.php"), docroot.resolve(copy));
      Files.setPosixFilePermissions(
          docroot.resolve(copy), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.setPosixFilePermissions(
        docroot.resolve(".htaccess"), PosixFilePermissions.fromString("rw-r--r--"));
    stack.startApache(docroot);
    StringWriter errors = new StringWriter();
    ServeOptions options =
        new ServeOptions(
            docroot,
            null,
            new InetSocketAddress("127.0.0.1", 0),
            "example.com",
            null,
            null,
            false,
            Map.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            false,
            PhpBackend.parse("fpm:127.0.0.1:" + stack.fpmPort),
            4);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    List<String> differences = new ArrayList<>();
    try (HtaccessServer serve =
        HtaccessServer.start(
            options, new PrintWriter(new StringWriter()), new PrintWriter(errors, true))) {
      for (Req r : REQUESTS) {
        Answer apache = send(client, URI.create("http://127.0.0.1:" + stack.apachePort), r);
        Answer ours = send(client, serve.uri(), r);
        String what = app + " " + r.method() + " " + r.path() + " " + r.headers();
        if (apache.status != ours.status) {
          differences.add(what + ": status " + apache.status + " vs " + ours.status);
        }
        if (!String.valueOf(apache.contentType).equals(String.valueOf(ours.contentType))) {
          differences.add(
              what + ": Content-Type " + apache.contentType + " vs " + ours.contentType);
        }
        if (!String.valueOf(apache.location).equals(String.valueOf(ours.location))) {
          differences.add(what + ": Location " + apache.location + " vs " + ours.location);
        }
        if (apache.json != null && ours.json != null) {
          Set<String> keys = new java.util.TreeSet<>(apache.json.keySet());
          keys.addAll(ours.json.keySet());
          for (String k : keys) {
            Object a = apache.json.get(k);
            Object b = ours.json.get(k);
            if (!String.valueOf(a).equals(String.valueOf(b))) {
              differences.add(what + ": " + k + " = " + a + " vs " + b);
            }
          }
        } else if (!apache.body.equals(ours.body)) {
          differences.add(what + ": body\n" + apache.body + "\nvs\n" + ours.body);
        }
      }
    } finally {
      stack.stopApache();
    }
    differences.removeIf(d -> KNOWN.stream().anyMatch(d::startsWith));
    assertThat(differences).isEmpty();
    if (List.of("wordpress", "drupal-11", "laravel", "own").contains(app)) {
      // PHP's stderr reached serve's error log, as Apache logs it.
      assertThat(errors.toString()).contains("AH01071: Got error 'PHP message: app says: hello");
    }
  }

  /** One answer, with the server's own port in body and Location written as {port}. */
  record Answer(
      int status, String contentType, String location, String body, Map<String, Object> json) {}

  @SuppressWarnings("unchecked")
  private static Answer send(HttpClient client, URI base, Req r) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(r.path()))
            .method(
                r.method(),
                r.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(r.body()));
    for (int i = 0; i + 1 < r.headers().size(); i += 2) {
      b.header(r.headers().get(i), r.headers().get(i + 1));
    }
    HttpResponse<String> resp;
    try {
      resp =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    } catch (java.io.IOException e) {
      // A server may close an idle persistent connection just as the client reuses it; an
      // idempotent request is then sent again on a new one (RFC 9112, 9.3.1), as browsers do.
      if (r.method().equals("POST")) {
        throw e;
      }
      resp =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }
    String type = resp.headers().firstValue("Content-Type").orElse(null);
    Map<String, Object> json = null;
    if (type != null && type.startsWith("application/json") && !resp.body().isEmpty()) {
      Map<String, Object> all = (Map<String, Object>) JsonLite.parse(resp.body());
      json = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : all.entrySet()) {
        if (e.getKey().equals("server")) {
          for (Map.Entry<String, Object> s : ((Map<String, Object>) e.getValue()).entrySet()) {
            if (!DIFFERENT.contains(s.getKey())) {
              json.put("$_SERVER[" + s.getKey() + "]", s.getValue());
            }
          }
        } else {
          json.put(e.getKey(), e.getValue());
        }
      }
    }
    String port = ":" + base.getPort();
    return new Answer(
        resp.statusCode(),
        type,
        resp.headers().firstValue("Location").map(l -> l.replace(port, ":{port}")).orElse(null),
        resp.body().replace(port, ":{port}"),
        json);
  }

  static void copyApp(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
