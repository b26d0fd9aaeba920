package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reader of a log line ({@link AccessLog#fields}) finds exactly what the log
 * format's regex ({@code AccessLog.LINE}) finds: on real lines, on lines cut and spliced at random,
 * and on random lines of the characters that matter (quotes, backslashes, brackets, spaces, tabs,
 * line terminators).
 */
class AccessLogTest {

  private static final String[] REAL = {
    "127.0.0.1 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl\"",
    "10.0.0.1 - bob [01/Dec/2026:10:00:00 +0000] \"POST /a?b=1 HTTP/1.0\" 302 -",
    "::1 - - [x] \"GET /q HTTP/1.1\" 200 5 \"http://r/\\\"x\\\"\" \"UA \\\\ 1\" extra",
    "h - - [d] \"\" 400 0 \"-\" \"-\"",
  };

  private static final String ALPHABET = "ab -\"\\[]\t\r\u0085/0";

  @Test
  void realLines() {
    for (String line : REAL) {
      assertSame(line);
    }
    assertThat(AccessLog.requestLine(REAL[2]))
        .isEqualTo("GET /q\tReferer: http://r/\"x\"\tUser-Agent: UA \\ 1");
    assertThat(AccessLog.fields(REAL[1]).userAgent()).isNull();
  }

  @Test
  void mutatedAndRandomLines() {
    Random random = new Random(7);
    for (int n = 0; n < 200_000; n++) {
      String line;
      if (n % 2 == 0) {
        StringBuilder b = new StringBuilder(REAL[n / 2 % REAL.length]);
        for (int k = random.nextInt(3); k >= 0; k--) {
          int at = random.nextInt(b.length() + 1);
          if (random.nextBoolean() && at < b.length()) {
            b.deleteCharAt(at);
          } else {
            b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        line = b.toString();
      } else {
        StringBuilder b = new StringBuilder("a b c [d] \"");
        for (int k = random.nextInt(40); k > 0; k--) {
          b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        line = b.toString();
      }
      assertSame(line);
    }
  }

  private static void assertSame(String line) {
    Matcher m = regex().matcher(line);
    AccessLog.Fields f = AccessLog.fields(line);
    if (!m.matches()) {
      assertThat(f).as("%s", line).isNull();
      return;
    }
    assertThat(f).as("%s", line).isNotNull();
    assertThat(f.request()).as("%s", line).isEqualTo(m.group(1));
    assertThat(f.referer()).as("%s", line).isEqualTo(m.group(2));
    assertThat(f.userAgent()).as("%s", line).isEqualTo(m.group(3));
  }

  private static java.util.regex.Pattern regex() {
    return AccessLog.LINE;
  }
}
