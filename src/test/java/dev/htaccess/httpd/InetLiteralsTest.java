package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetLiteralsTest {

  @ParameterizedTest
  @CsvSource({
    "::1, true",
    "::, true",
    "1::, true",
    "fe80::1, true",
    "1:2:3:4:5:6:7:8, true",
    "1:2:3:4:5:6:7::, true",
    "::ffff:1.2.3.4, true",
    "1:2:3:4:5:6:1.2.3.4, true",
    "ABCD:ef01::, true",
    "1:2:3:4:5:6:7:8:9, false",
    "1:2:3:4:5:6:7, false",
    ":1, false",
    "1:, false",
    "1:::2, false",
    "1::2::3, false",
    "12345::, false",
    "g::1, false",
    "::1.2.3, false",
    "::01.2.3.4, false",
    "::256.1.1.1, false",
    "1:2:3:4:5:6:7:1.2.3.4, false",
    "backend, false",
  })
  void ipv6AsInetPtonReadsIt(String literal, boolean valid) {
    assertThat(InetLiterals.isIpv6(literal)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "1.2.3.4, true",
    "0.0.0.0, true",
    "255.255.255.255, true",
    "1.2.3, false",
    "1.2.3.4.5, false",
    "01.2.3.4, false",
    "1.2.3.256, false",
    "1.2.3., false",
    "1..3.4, false",
  })
  void ipv4AsInetPtonReadsIt(String literal, boolean valid) {
    assertThat(InetLiterals.isIpv4(literal)).isEqualTo(valid);
  }
}
