package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a Host header splits into the name and port the virtual host sees. */
class HostHeaderTest {

  record Case(String header, boolean https, String name, int port, boolean explicit) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("example.com", false, "example.com", 80, false),
        new Case("example.com", true, "example.com", 443, false),
        // Names are compared in lower case (ASCII only).
        new Case("WWW.Example.COM:8080", false, "www.example.com", 8080, true),
        // An IPv6 literal's colons are not port separators (serve once cut "[::1]" to "[:").
        new Case("[::1]", false, "[::1]", 80, false),
        new Case("[::1]:8443", true, "[::1]", 8443, true),
        // A trailing colon or a "port" that is not digits stays part of the name.
        new Case("example.com:", false, "example.com:", 80, false),
        new Case("example.com:8x", false, "example.com:8x", 80, false),
        // Too many digits to be a port: not read as one (and no overflow).
        new Case("example.com:99999999999", false, "example.com:99999999999", 80, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splits(Case c) {
    HostHeader h = HostHeader.parse(c.header(), c.https());
    assertThat(h.name()).isEqualTo(c.name());
    assertThat(h.port()).isEqualTo(c.port());
    assertThat(h.explicitPort()).isEqualTo(c.explicit());
  }
}
