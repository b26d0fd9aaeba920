package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a Host header splits into the name and port the virtual host sees. */
class HostHeaderTest {

  record Case(String header, boolean https, String name, int port, boolean valid) {}

  /** Each row as Apache 2.4.71 took it (testdata/eval/request-host, recorded with the oracle). */
  static Stream<Case> cases() {
    return Stream.of(
        new Case("example.com", false, "example.com", 80, true),
        new Case("example.com", true, "example.com", 443, true),
        // Lower case, and the trailing dot dropped.
        new Case("WWW.Example.COM.:8080", false, "www.example.com", 8080, true),
        // An IPv6 literal's colons are not port separators (serve once cut "[::1]" to "[:").
        new Case("[::1]", false, "[::1]", 80, true),
        new Case("[::FFFF:1.2.3.4]:8443", true, "[::ffff:1.2.3.4]", 8443, true),
        new Case("example.com:0000000080", false, "example.com", 80, true),
        new Case("ex_ample.com", false, "ex_ample.com", 80, true),
        new Case("1.2.3.4", false, "1.2.3.4", 80, true),
        // Refused with a 400.
        new Case("example.com:", false, "example.com:", 80, false),
        new Case("example.com:8x", false, "example.com:8x", 80, false),
        new Case("example.com:65536", false, "example.com:65536", 80, false),
        new Case("example.com:99999999999", false, "example.com:99999999999", 80, false),
        new Case("123", false, "123", 80, false),
        new Case("01.2.3.4", false, "01.2.3.4", 80, false),
        new Case("1.2.3", false, "1.2.3", 80, false),
        new Case("example.123", false, "example.123", 80, false),
        new Case("a..b", false, "a..b", 80, false),
        new Case("a/b", false, "a/b", 80, false),
        new Case("a b", false, "a b", 80, false),
        new Case("a:b:80", false, "a:b:80", 80, false),
        new Case("[::1", false, "[::1", 80, false),
        new Case("[::1%eth0]", false, "[::1%eth0]", 80, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splits(Case c) {
    HostHeader h = HostHeader.parse(c.header(), c.https());
    assertThat(h.name()).isEqualTo(c.name());
    assertThat(h.port()).isEqualTo(c.port());
    assertThat(h.valid()).isEqualTo(c.valid());
  }
}
