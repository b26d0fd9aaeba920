package dev.htaccess.httpd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderValuesTest {

  @ParameterizedTest
  @CsvSource({
    "'http://h/a b', true",
    "'a\tb', true",
    "'a\r\n b', true",
    "'a\r\n\tb', true",
    "'a\rb', false",
    "'a\nb', false",
    "'a\r\nb', false",
    "'a\u007fb', false",
    "'a\u0001b', false",
    "'caf\u00c3\u00a9', true",
    "'a\r\n', false",
  })
  void controlCharactersButTabAndFoldingAreRefused(String value, boolean sendable) {
    assertThat(HeaderValues.sendable(value)).isEqualTo(sendable);
  }
}
