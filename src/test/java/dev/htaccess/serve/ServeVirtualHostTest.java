package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --vhost NAME=DIR}: one process, several sites chosen by Host, each with its rules. */
class ServeVirtualHostTest {

  @TempDir Path main;
  @TempDir Path blog;

  @Test
  void theHostHeaderChoosesTheSiteAndItsHtaccess() throws Exception {
    Files.writeString(main.resolve("page.html"), "main site\n");
    Files.writeString(blog.resolve("page.html"), "blog site\n");
    Files.writeString(blog.resolve(".htaccess"), "Redirect 301 /old /page.html\n");
    try (HtaccessServer server =
        HtaccessServer.start(
            new ServeOptions(
                main,
                null,
                new InetSocketAddress("127.0.0.1", 0),
                "localhost",
                null,
                null,
                false,
                Map.of("blog.example", blog),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                false,
                PhpBackend.NONE,
                4),
            new PrintWriter(new StringWriter()))) {
      assertThat(get(server, "www.example", "/page.html")).contains("main site");
      assertThat(get(server, "blog.example", "/page.html")).contains("blog site");
      assertThat(get(server, "BLOG.example:80", "/page.html")).contains("blog site");
      assertThat(get(server, "blog.example", "/old"))
          .startsWith("HTTP/1.1 301")
          .contains("Location: http://blog.example/page.html");
      assertThat(get(server, "www.example", "/old")).startsWith("HTTP/1.1 404");
    }
  }

  /** A raw exchange, so the Host header is exactly what the test says. */
  private static String get(HtaccessServer server, String host, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder answer = new StringBuilder();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      String line;
      while ((line = in.readLine()) != null) {
        answer.append(line).append('\n');
      }
      return answer.toString();
    }
  }
}
