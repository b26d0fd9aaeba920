package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliasMatchTest {

  @ParameterizedTest
  @CsvSource({
    "/app/x, /app, 4",
    "/app, /app, 4",
    "/apple, /app, 0",
    "/app/x, /app/, 5",
    "/app, /app/, 0",
    "//app//x, /app/, 7",
    "/app//x, /app, 4",
    "/a, /app, 0",
    "/x/app, /app, 0",
    "/, /, 1",
    "///x, /, 3",
  })
  void prefixMatchesOnSegmentsWithRunsOfSlashes(String uri, String prefix, int length) {
    assertThat(AliasMatch.length(uri, prefix)).isEqualTo(length);
  }
}
