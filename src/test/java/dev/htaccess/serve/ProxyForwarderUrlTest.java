package dev.htaccess.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Upstream URLs resolved against a cached origin are exactly what parsing them whole gives. */
class ProxyForwarderUrlTest {

  @Test
  void aCachedOriginGivesWhatAWholeParseGives() {
    ProxyForwarder forwarder =
        new ProxyForwarder(null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), "x", false);
    String[] urls = {
      "http://127.0.0.1:8193/px/item.json",
      "http://127.0.0.1:8193/px/item.json?a=1&b=%20",
      "http://127.0.0.1:8193/px/a/../b/./c",
      "http://127.0.0.1:8193/caf\u00e9 x?q=\u00e9",
      "http://127.0.0.1:8193",
      "http://127.0.0.1:8193?only=query",
      "http://127.0.0.1:8193//double/slash",
      "http://127.0.0.1:8193/\\evil.example/x",
      "http://127.0.0.1:8193\\evil.example/x",
      "http://127.0.0.1:8193/a#fragment",
      "http://user:pw@Example.COM/x",
      "https://[::1]:8443/v6",
      "http://bücher.example/idn",
      "http://127.0.0.1:99999/bad-port",
      "http://127.0.0.1:8193/%zz",
    };
    for (int round = 0; round < 2; round++) { // the second round from the cache
      for (String url : urls) {
        assertThat(String.valueOf(forwarder.upstreamUrl(url)))
            .as(url)
            .isEqualTo(String.valueOf(HttpUrl.parse(url)));
      }
    }
    forwarder.close();
  }
}
