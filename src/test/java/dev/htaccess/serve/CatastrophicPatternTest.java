package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.htaccess.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules whose patterns backtrack exponentially, against requests made to trigger it: Apache answers
 * at once (PCRE2's match limit: no match), and so must {@code test} and {@code serve}, which keeps
 * answering other requests meanwhile. The timeouts guard against a hang only.
 */
class CatastrophicPatternTest {

  @TempDir Path site;

  private static final String BAD = "/" + "a".repeat(41) + "c";

  private void writeSite() throws Exception {
    Files.writeString(
        site.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteRule ^(.*a){12}$ /hit [R=302,L]\n"
            + "RewriteCond %{REQUEST_URI} ^/((x+x+)+y)$\n"
            + "RewriteRule ^ /cond-hit [R=302,L]\n"
            + "RewriteRule (.+)/$ /slash [R=302,L]\n");
    Files.writeString(site.resolve("ok.html"), "ok\n");
  }

  @Test
  void theDryRunAnswersAtOnce() throws Exception {
    writeSite();
    StringWriter out = new StringWriter();
    int exit =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                Main.run(
                    new String[] {
                      "test",
                      "--docroot",
                      site.toString(),
                      BAD,
                      "/" + "x".repeat(40),
                      "/" + "y/".repeat(4000)
                    },
                    new PrintWriter(out),
                    new PrintWriter(new StringWriter())));
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("GET " + BAD + " -> 404");
    assertThat(out.toString()).contains("hit the match limit");
  }

  @Test
  void serveKeepsAnsweringWhileAPatternRunsToItsLimit() throws Exception {
    writeSite();
    try (HtaccessServer server =
        HtaccessServer.start(
            ServeTesting.options(site, null, "localhost"), new PrintWriter(new StringWriter()))) {
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> bad = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        bad.add(
            client.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve(BAD.substring(1) + i)).build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      HttpResponse<String> ok =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  client.send(
                      HttpRequest.newBuilder(server.uri().resolve("ok.html")).build(),
                      HttpResponse.BodyHandlers.ofString()));
      assertThat(ok.statusCode()).isEqualTo(200);
      for (CompletableFuture<HttpResponse<String>> f : bad) {
        HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> f.get());
        assertThat(r.statusCode()).isEqualTo(404);
      }
    }
  }
}
