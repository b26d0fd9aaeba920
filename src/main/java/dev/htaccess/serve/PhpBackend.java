package dev.htaccess.serve;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where {@code serve} runs PHP ({@code --php}): php-fpm over FastCGI, php-cgi per request, or not
 * at all.
 *
 * @param kind how PHP runs
 * @param fastCgi php-fpm's address (FPM only)
 * @param cgiBinary the php-cgi program (CGI only)
 */
public record PhpBackend(Kind kind, SocketAddress fastCgi, Path cgiBinary) {

  /** How PHP runs. */
  public enum Kind {
    FPM,
    CGI,
    NONE
  }

  public static final PhpBackend NONE = new PhpBackend(Kind.NONE, null, null);

  /**
   * Parses {@code fpm:HOST:PORT}, {@code fpm:unix:/path.sock}, {@code cgi:/usr/bin/php-cgi} or
   * {@code none}.
   *
   * @throws IllegalArgumentException with a message for the user
   */
  public static PhpBackend parse(String spec) {
    String s = spec.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("none")) {
      return NONE;
    }
    if (lower.startsWith("fpm:unix:")) {
      String path = s.substring("fpm:unix:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("--php fpm:unix: needs a socket path");
      }
      return new PhpBackend(Kind.FPM, UnixDomainSocketAddress.of(path), null);
    }
    if (lower.startsWith("fpm:")) {
      return new PhpBackend(Kind.FPM, hostPort(s.substring(4)), null);
    }
    if (lower.startsWith("cgi:")) {
      String path = s.substring(4);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("--php cgi: needs the php-cgi program's path");
      }
      return new PhpBackend(Kind.CGI, null, Path.of(path));
    }
    throw new IllegalArgumentException(
        "--php must be fpm:HOST:PORT, fpm:unix:/path.sock, cgi:/path/to/php-cgi or none, not '"
            + spec
            + "'");
  }

  /** {@code host:port} or {@code [v6]:port} as a socket address, without resolving it yet. */
  static InetSocketAddress hostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + text + "'");
    }
  }

  /**
   * What {@code --php} means when it is not given: Debian's php-fpm socket when one is there, else
   * php-cgi on the PATH, else none.
   */
  public static PhpBackend detect() {
    Path run = Path.of("/run/php");
    if (Files.isDirectory(run)) {
      try (var list = Files.list(run)) {
        Path sock =
            list.filter(p -> p.getFileName().toString().matches("php[0-9.]*-fpm\\.sock"))
                .sorted()
                .reduce((a, b) -> b)
                .orElse(null);
        if (sock != null) {
          return new PhpBackend(Kind.FPM, UnixDomainSocketAddress.of(sock), null);
        }
      } catch (java.io.IOException e) {
        // not readable: look further
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "php-cgi");
        if (Files.isExecutable(candidate)) {
          return new PhpBackend(Kind.CGI, null, candidate);
        }
      }
    }
    return NONE;
  }

  /**
   * The handler Apache would give .php files for this backend: mod_proxy_fcgi's as in Debian's
   * php-fpm configuration, PHP's own for php-cgi, or null without PHP.
   */
  public String handler() {
    return switch (kind) {
      case FPM ->
          fastCgi instanceof UnixDomainSocketAddress u
              ? "proxy:unix:" + u.getPath() + "|fcgi://localhost"
              : "proxy:fcgi://" + describe() + "/";
      case CGI -> "application/x-httpd-php";
      case NONE -> null;
    };
  }

  /** As the user wrote it. */
  public String describe() {
    return switch (kind) {
      case FPM -> {
        if (fastCgi instanceof UnixDomainSocketAddress u) {
          yield "unix:" + u.getPath();
        }
        InetSocketAddress i = (InetSocketAddress) fastCgi;
        String host = i.getHostString();
        yield (host.contains(":") ? "[" + host + "]" : host) + ":" + i.getPort();
      }
      case CGI -> String.valueOf(cgiBinary);
      case NONE -> "none";
    };
  }
}
