package dev.htaccess.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * apr_password_validate on hashes htpasswd 2.4.71 wrote (testdata/eval/auth-basic/conf/htpasswd,
 * where Apache itself accepted each): every format matches its password and nothing else.
 */
class AprPasswordTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "alicepw $apr1$WzeVmf.M$6XjYGX7uy/ChG5Z1XTEnA0",
        "bobpw $2y$05$1nSRxV175sQfJDvXW9byieLGnSxIzm1HFFv1xlgnjtBWvphrhSwvy",
        "carolpw {SHA}stOsjhQ+/Zr2RzmhAD8uggClG7Y=",
        "davepw eMOyATLYYYi06",
        "erinpw $5$PYUBzz9w1sAfWr1k$jFl8DcE.aVkg.KeJPbE6zZW5T3tBZfy/HCjI8fXP9o/",
        "frankpw"
            + " $6$8i5gmFUE5oOYUmJB$onRhDh5Ne8C9NlhPc4syaKDFn790uXUr7KkljqH7S8qn8RJvmbqvc09FcfkP20uXixeywS0KvlwPY5uzSOjpm0",
        "ginapw $1$a1nev2bk$pQBQUYgKkqzNw3mdkqR/S0",
      })
  void eachFormatMatchesItsPasswordOnly(String password, String hash) {
    assertThat(AprPassword.validate(bytes(password), hash)).isTrue();
    assertThat(AprPassword.validate(bytes(password + "x"), hash)).isFalse();
    assertThat(AprPassword.validate(bytes(""), hash)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "davepw eMOyATLYYYi06",
        "erinpw $5$PYUBzz9w1sAfWr1k$jFl8DcE.aVkg.KeJPbE6zZW5T3tBZfy/HCjI8fXP9o/",
        "ginapw $1$a1nev2bk$pQBQUYgKkqzNw3mdkqR/S0",
      })
  void theJavaCryptAgreesWithTheSystemsWhereThereIsNoLibcrypt(String password, String hash) {
    assertThat(AprPassword.javaCrypt(bytes(password), hash)).isEqualTo(hash);
    assertThat(AprPassword.javaCrypt(bytes(password + "x"), hash)).isNotEqualTo(hash);
  }

  @org.junit.jupiter.api.Test
  void bcryptReadsSeventyTwoBytesAndPlainTextNeverMatches() {
    String hash80 = "$2y$05$akBU.CMiZdxqvfID2MnhtOXmUVBVryNn.gQ.6JUqkXiUtbTYf3rLS"; // 80 L's
    assertThat(AprPassword.validate(bytes("L".repeat(80)), hash80)).isTrue();
    assertThat(AprPassword.validate(bytes("L".repeat(72)), hash80)).isTrue();
    assertThat(AprPassword.validate(bytes("L".repeat(71)), hash80)).isFalse();
    // Unix: a plain-text "hash" goes to crypt(3), which never gives it back.
    assertThat(AprPassword.validate(bytes("paulpw"), "paulpw")).isFalse();
    assertThat(AprPassword.validate(bytes(""), "")).isFalse();
    assertThat(AprPassword.validate(bytes("x"), "$apr1$broken")).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
