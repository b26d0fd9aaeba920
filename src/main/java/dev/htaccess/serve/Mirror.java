package dev.htaccess.serve;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mirror's state and safeguards: where a fetched file may be written (under the document root,
 * never an {@code .ht*} file or one a handler would run), the origin's recent 404s, the fetches in
 * flight (a file is fetched once however many clients ask for it at the same time), and the loop
 * guard (a request this server sent upstream that comes back to it).
 */
final class Mirror {

  /** The request header that marks what this server sent upstream. */
  static final String LOOP_HEADER = "X-Htaccess-Mirror";

  private final MirrorSettings settings;

  /** This server's mark: a request that carries it came from this server. */
  private final String token = Long.toHexString(new java.security.SecureRandom().nextLong());

  /** The URLs the origin had no file for, and until when (System.nanoTime) that is believed. */
  private final ConcurrentHashMap<String, Long> missing = new ConcurrentHashMap<>();

  /** The files being fetched, completed when the fetch has ended (saved or not). */
  private final ConcurrentHashMap<Path, CompletableFuture<Void>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * Extensions a handler would run: PHP in all its spellings, CGI, Perl, Python, shell, ASP, JSP
   * and server-parsed pages. Any of a name's extensions counts ({@code x.php.jpg}): mod_mime gives
   * a file the handlers of all of them.
   */
  private static final java.util.Set<String> RUNNABLE =
      java.util.Set.of(
          "php", "php3", "php4", "php5", "php7", "php8", "phtml", "phar", "pht", "phps", "cgi",
          "fcgi", "pl", "py", "sh", "asp", "aspx", "jsp", "shtml", "shtm");

  /** Whether a file of this path may be written: no {@code .ht*} part, nothing runnable. */
  static boolean writable(String uri) {
    String[] segments = uri.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.regionMatches(true, 0, ".ht", 0, 3)) {
        return false;
      }
    }
    String name = segments[segments.length - 1];
    String[] parts = name.split("\\.");
    for (int i = 1; i < parts.length; i++) {
      if (RUNNABLE.contains(parts[i].toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  Mirror(MirrorSettings settings) {
    this.settings = settings;
  }

  MirrorSettings settings() {
    return settings;
  }

  /** Whether a request came back from this server: answered 508, never proxied again. */
  boolean isLoop(List<String[]> headers) {
    if (!settings.on()) {
      return false;
    }
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(LOOP_HEADER) && h[1].trim().equals(token)) {
        return true;
      }
    }
    return false;
  }

  /** The mark every proxied request of a mirroring server carries. */
  String[] loopMark() {
    return new String[] {LOOP_HEADER, token};
  }

  /** The headers of a fetch the mirror saves: the mark, the origin's credentials, the extras. */
  List<String[]> fetchHeaders() {
    List<String[]> out = new ArrayList<>();
    out.add(loopMark());
    if (settings.basicAuth() != null) {
      out.add(
          new String[] {
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(settings.basicAuth().getBytes(StandardCharsets.UTF_8))
          });
    }
    out.addAll(settings.headers());
    return out;
  }

  /**
   * Where the answer to a proxied GET would be kept: the request's path under the document root, or
   * null when it may not be written there (outside the root, a directory, a script or an {@code
   * .ht*} file).
   */
  Path target(Evaluator site, Outcome o) {
    String uri = RawText.display(o.uri());
    if (!uri.startsWith("/") || uri.endsWith("/") || uri.contains("\0") || !writable(uri)) {
      return null;
    }
    Path root = Path.of(RawText.display(site.docrootPath())).toAbsolutePath().normalize();
    Path file;
    try {
      file = root.resolve(uri.substring(1)).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
    return file.startsWith(root) && !file.equals(root) ? file : null;
  }

  /**
   * Whether {@code file}'s directory, once made, is still under the document root when symbolic
   * links are followed (a link in the tree must not carry a write outside it).
   */
  static boolean confined(Path root, Path file) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    return dir.toRealPath().startsWith(root.toRealPath())
        && !Files.isSymbolicLink(file)
        && !Files.isDirectory(file);
  }

  /**
   * The original of a Drupal image style's derivative: {@code /PREFIX/styles/STYLE/SCHEME/PATH}
   * (the raw request path, without its query) is made from {@code /PREFIX/PATH}; null for any other
   * path.
   */
  static String originalOf(String path) {
    int at = path.indexOf("/styles/");
    while (at >= 0) {
      String[] rest = path.substring(at + "/styles/".length()).split("/", 3);
      if (rest.length == 3
          && !rest[0].isEmpty()
          && (rest[1].equals("public") || rest[1].equals("private"))
          && !rest[2].isEmpty()) {
        return path.substring(0, at + 1) + rest[2];
      }
      at = path.indexOf("/styles/", at + 1);
    }
    return null;
  }

  /** Whether the origin said lately that it has no such file. */
  boolean knownMissing(String url) {
    Long until = missing.get(url);
    if (until == null) {
      return false;
    }
    if (System.nanoTime() - until < 0) {
      return true;
    }
    missing.remove(url, until);
    return false;
  }

  /** Remembers the origin's 404 or 410 for the negative TTL. */
  void rememberMissing(String url) {
    if (!settings.negativeTtl().isZero()) {
      if (missing.size() > 100_000) {
        missing.clear();
      }
      missing.put(url, System.nanoTime() + settings.negativeTtl().toNanos());
    }
  }

  /**
   * Joins the fetch of {@code file}: null when this request is to fetch it (then {@link #done} must
   * follow), else the fetch in flight to wait for.
   */
  CompletableFuture<Void> join(Path file) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> theirs = inFlight.putIfAbsent(file, mine);
    return theirs;
  }

  /** The fetch of {@code file} has ended: the requests waiting for it go on. */
  void done(Path file) {
    CompletableFuture<Void> f = inFlight.remove(file);
    if (f != null) {
      f.complete(null);
    }
  }

  /** The status of an origin's answer that says the file is not there. */
  static boolean isMissing(int status) {
    return status == 404 || status == 410;
  }

  /** A lower-case view, for tests and messages. */
  @Override
  public String toString() {
    return "mirror " + settings.mode().name().toLowerCase(Locale.ROOT);
  }
}
