package dev.htaccess.serve;

import java.time.Duration;
import java.util.List;

/**
 * What {@code serve --mirror} does with the {@code [P]} requests for files under the document root
 * (a development copy's missing uploads), as the users of Drupal's Stage File Proxy and WordPress's
 * "Uploads by Proxy" set it up.
 *
 * @param mode off, download (fetch, save under the document root, serve) or redirect (send the
 *     client to the origin instead: "hotlinking")
 * @param redirectStatus the status of the redirect mode: 301, 302, 303, 307 or 308
 * @param basicAuth {@code user:password} for an origin behind Basic authentication, or null; sent
 *     with the fetches the mirror saves only
 * @param headers extra request headers for those fetches ({@code name}, {@code value})
 * @param negativeTtl how long an origin's 404 or 410 for a file is believed (no second request for
 *     it meanwhile); zero for never
 * @param retries how many times a fetch that failed or got a 5xx is tried again, before anything is
 *     sent to the client
 */
public record MirrorSettings(
    Mode mode,
    int redirectStatus,
    String basicAuth,
    List<String[]> headers,
    Duration negativeTtl,
    int retries,
    boolean derivatives) {

  /** What the mirror does. */
  public enum Mode {
    OFF,
    DOWNLOAD,
    REDIRECT
  }

  public MirrorSettings {
    headers = List.copyOf(headers);
    if (redirectStatus != 301
        && redirectStatus != 302
        && redirectStatus != 303
        && redirectStatus != 307
        && redirectStatus != 308) {
      throw new IllegalArgumentException(
          "the mirror's redirect status is 301, 302, 303, 307 or 308, not " + redirectStatus);
    }
    if (retries < 0 || negativeTtl.isNegative()) {
      throw new IllegalArgumentException("retries and the negative TTL are not negative");
    }
  }

  /** No mirror. */
  public static final MirrorSettings OFF =
      new MirrorSettings(Mode.OFF, 302, null, List.of(), Duration.ZERO, 0, false);

  /** Download mode with the defaults: 404s believed for a minute, two retries. */
  public static final MirrorSettings DOWNLOAD =
      new MirrorSettings(Mode.DOWNLOAD, 302, null, List.of(), Duration.ofSeconds(60), 2, false);

  /** Whether the mirror is on. */
  public boolean on() {
    return mode != Mode.OFF;
  }
}
