package dev.htaccess.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.htaccess.testing.ProjectFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/htaccess lsp} as an editor starts it: a real process spoken to in JSON-RPC over its
 * standard input and output, with the protocol's Content-Length framing written by hand.
 */
class LspProcessIT {

  @TempDir Path site;

  @Test
  void theLauncherSpeaksTheProtocolOverStdio() throws Exception {
    Files.writeString(site.resolve(".htaccess"), "RewriteRule ^/a$ /b\n");
    String uri = site.resolve(".htaccess").toUri().toString();
    Process p =
        new ProcessBuilder(ProjectFiles.root().resolve("bin/htaccess").toString(), "lsp")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      OutputStream in = p.getOutputStream();
      InputStream out = p.getInputStream();
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
              + "\"rootUri\":\""
              + site.toUri()
              + "\",\"capabilities\":{}}}");
      JsonObject init = until(out, "id", 1);
      assertThat(
              init.getAsJsonObject("result")
                  .getAsJsonObject("serverInfo")
                  .get("name")
                  .getAsString())
          .isEqualTo("htaccess");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
              + "{\"uri\":\""
              + uri
              + "\",\"languageId\":\"apacheconf\",\"version\":1,\"text\":\"RewriteRule ^/a$ /b\\n\"}}}");
      JsonObject diagnostics = until(out, "method", "textDocument/publishDiagnostics");
      assertThat(diagnostics.toString()).contains("HT2001", "HT2003");
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{"
              + "\"textDocument\":{\"uri\":\""
              + uri
              + "\"},\"position\":{\"line\":0,\"character\":2}}}");
      assertThat(until(out, "id", 2).toString()).contains("RewriteRule", "mod_rewrite");
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
      until(out, "id", 3);
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after exit").isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  private static void send(OutputStream in, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    in.write(body);
    in.flush();
  }

  /** Reads messages until one whose {@code field} is {@code value}. */
  private static JsonObject until(InputStream out, String field, Object value) throws IOException {
    while (true) {
      JsonObject m = read(out);
      if (m.has(field) && m.get(field).getAsString().equals(String.valueOf(value))) {
        return m;
      }
    }
  }

  private static JsonObject read(InputStream out) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = out.read();
      if (b < 0) {
        throw new IOException("the server closed its output");
      }
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return JsonParser.parseString(new String(out.readNBytes(length), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }
}
