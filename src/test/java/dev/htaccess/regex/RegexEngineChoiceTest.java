package dev.htaccess.regex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The engine is chosen once, at start: libpcre2-8 when it loads, unless -Dhtaccess.regex=java asks
 * for the fallback (the build runs the agreement tests both ways).
 */
class RegexEngineChoiceTest {

  @Test
  void theEngineIsTheOneAskedFor() {
    boolean forcedJava = "java".equals(System.getProperty("htaccess.regex"));
    if (forcedJava || Pcre2Engine.load() == null) {
      assertThat(PcrePattern.nativePcre()).isFalse();
      assertThat(PcrePattern.ENGINE).startsWith("java.util.regex");
    } else {
      assertThat(PcrePattern.nativePcre()).isTrue();
      assertThat(PcrePattern.ENGINE).startsWith("PCRE2 ");
    }
  }
}
