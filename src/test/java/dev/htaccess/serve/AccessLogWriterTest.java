package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

  @Test
  void writesApachesCombinedFormatWithEscapedQuotes() {
    StringWriter text = new StringWriter();
    AccessLogWriter log = new AccessLogWriter(new PrintWriter(text));
    log.log("10.0.0.1", "GET /a\"b HTTP/1.1", 200, 4096, null, "agent \"x\"");
    log.log("10.0.0.1", "HEAD / HTTP/1.1", 304, 0, "http://ref/", null);
    String[] lines = text.toString().split("\n");
    assertThat(lines[0])
        .matches(
            "10\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\]"
                + " \"GET /a\\\\\"b HTTP/1\\.1\" 200 4096 \"-\" \"agent \\\\\"x\\\\\"\"");
    assertThat(lines[1]).endsWith("\"HEAD / HTTP/1.1\" 304 - \"http://ref/\" \"-\"");
  }
}
