package dev.htaccess.eval.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mod_proxy's canonicalisation of the URL it is handed; the same rules are checked against real
 * Apache in testdata/eval/proxy-canon and proxy-schemes.
 */
class ProxyCanonTest {

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "HTTP://BackEnd.Example:80/a => - => http://backend.example/a",
        "https://h:443/a => - => https://h/a",
        "https://h:80/a => - => https://h:80/a",
        "wss://h:443/a => - => wss://h/a",
        "http://user:p%41ss@h/a => - => http://h/a",
        "http://h => - => http://h/",
        "http://h/a b%25c?d => - => http://h/a%20b%2525c%3Fd",
        "http://h/a => q=1 2 => 403",
        "http://h/~a;b=c,d@e => - => http://h/~a;b=c,d@e",
        "http://h/a => x=1 => http://h/a?x=1",
        "http://[::1]:8080/a => - => http://[::1]:8080/a",
        "http://h:000080/a => - => http://h/a",
        "fcgi://H:9000/a b => - => fcgi://H:9000/a b",
        "unix:/run/app.sock|http://localhost/a => - => http://localhost/a",
        "unix:/run/app.sock|http: => - => http://localhost/",
        "unix:/run/app.sock|http:/x => - => http://localhost/x",
        "unix:/run/app.sock|http:///x => - => http://localhost/x",
      })
  void canonicalFormOfAUrl(String url, String args, String expected) {
    ProxyCanon.Result r =
        ProxyCanon.canonicalise(ProxyTarget.of(url, args.equals("-") ? null : args), true);
    if (expected.matches("\\d{3}")) {
      assertThat(((ProxyCanon.Refused) r).status()).isEqualTo(Integer.parseInt(expected));
    } else {
      assertThat(((ProxyCanon.Canonical) r).url()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "http:///a, 400",
    "http://h:0/a, 400",
    "http://h:65536/a, 400",
    "http://8080/a, 400",
    "http://:80/a, 400",
    "http:h/a, 400",
    "http://u%4@h/a, 400",
    "http://[::1/a, 400",
    "http://[fe80::1%25eth0]/a, 400",
    "http://[zz::1]/a, 400",
    "unix:/run/app.sock|nocolon, 400",
    "unix://host/run/app.sock|http://localhost/, 400",
    ":nothing, 400",
  })
  void refusedUrls(String url, int status) {
    ProxyCanon.Result r = ProxyCanon.canonicalise(ProxyTarget.of(url, null), true);
    assertThat(r).isInstanceOf(ProxyCanon.Refused.class);
    assertThat(((ProxyCanon.Refused) r).status()).isEqualTo(status);
  }

  @ParameterizedTest
  @CsvSource({"http://h/a b, 403", "http://h/a\tb, 403", "http://h/a\u00e9, 0"})
  void withoutCanonTheRawPathMustBeVisible(String url, int status) {
    ProxyCanon.Result r = ProxyCanon.canonicalise(new ProxyTarget(url, null, true, false), true);
    if (status == 0) {
      assertThat(((ProxyCanon.Canonical) r).url()).isEqualTo(url);
    } else {
      assertThat(((ProxyCanon.Refused) r).status()).isEqualTo(status);
    }
  }

  @ParameterizedTest
  @CsvSource({"unix:/run/app.sock|http://localhost/a, /run/app.sock", "unix:///s|http:, /s"})
  void theUnixSocketIsPutAside(String url, String socket) {
    ProxyCanon.Result r = ProxyCanon.canonicalise(ProxyTarget.of(url, null), true);
    assertThat(((ProxyCanon.Canonical) r).udsPath()).isEqualTo(socket);
  }
}
