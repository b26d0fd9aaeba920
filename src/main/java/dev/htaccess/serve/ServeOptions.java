package dev.htaccess.serve;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code htaccess serve} runs.
 *
 * @param docroot the default site's document root
 * @param serverConfig the {@code <VirtualHost>} directives, or null
 * @param listen where to listen (port 0 picks a free port)
 * @param serverName the name used for redirects when a request has no Host header
 * @param upstreamProxy a forward proxy for all upstream traffic (http://host:port), or null
 * @param cacheDir a directory for an HTTP cache of proxied responses, or null
 * @param mirror what becomes of proxied GETs for files under the document root (see {@link
 *     MirrorSettings})
 * @param vhosts extra sites by Host name
 * @param connectTimeout upstream connect timeout
 * @param readTimeout upstream read timeout
 * @param insecureUpstream accept any upstream TLS certificate (Apache's {@code SSLProxyVerify none}
 *     with {@code SSLProxyCheckPeerName off})
 * @param php where PHP runs
 * @param phpConnections at most this many FastCGI connections to each backend at once
 */
public record ServeOptions(
    Path docroot,
    Path serverConfig,
    InetSocketAddress listen,
    String serverName,
    String upstreamProxy,
    Path cacheDir,
    MirrorSettings mirror,
    Map<String, Path> vhosts,
    Duration connectTimeout,
    Duration readTimeout,
    boolean insecureUpstream,
    PhpBackend php,
    int phpConnections) {

  /** The options with the mirror in download mode ({@code mirror}) or off, its defaults else. */
  public ServeOptions(
      Path docroot,
      Path serverConfig,
      InetSocketAddress listen,
      String serverName,
      String upstreamProxy,
      Path cacheDir,
      boolean mirror,
      Map<String, Path> vhosts,
      Duration connectTimeout,
      Duration readTimeout,
      boolean insecureUpstream,
      PhpBackend php,
      int phpConnections) {
    this(
        docroot,
        serverConfig,
        listen,
        serverName,
        upstreamProxy,
        cacheDir,
        mirror ? MirrorSettings.DOWNLOAD : MirrorSettings.OFF,
        vhosts,
        connectTimeout,
        readTimeout,
        insecureUpstream,
        php,
        phpConnections);
  }
}
