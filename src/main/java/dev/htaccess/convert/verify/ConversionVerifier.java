package dev.htaccess.convert.verify;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs a converted configuration on the real server it was written for ({@link TargetServer}: nginx
 * or Caddy, on loopback, in a temporary directory of its own) over the same document root, sends it
 * requests, and compares each answer with what Apache does (the engine's dry run): the status, the
 * Location of a redirect, and for a file the bytes of the file.
 */
public final class ConversionVerifier {

  private ConversionVerifier() {}

  /** The server is missing, or refused the configuration, or did not start. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * A request both answered differently.
   *
   * @param known why the server cannot answer as Apache does (a documented limitation), or null
   */
  public record Difference(String request, String apache, String server, String known) {}

  /**
   * What the comparison found.
   *
   * @param server the server's name
   */
  public record Report(String server, int requests, List<Difference> differences, int tableTypes) {

    /** True when every difference is a known limitation. */
    public boolean allAgree() {
      return differences.stream().allMatch(d -> d.known() != null);
    }

    public String summary() {
      long known = differences.stream().filter(d -> d.known() != null).count();
      return "verify: "
          + (requests - differences.size())
          + " of "
          + requests
          + " requests answered the same by "
          + server
          + " and Apache"
          + (known == 0 ? "" : " (" + known + " more differ by a known limitation)")
          + (tableTypes == 0
              ? ""
              : "; "
                  + tableTypes
                  + " of them with another Content-Type from the servers' own MIME tables (not a"
                  + " difference of the conversion)");
    }
  }

  /**
   * Verifies {@code config} (the converter's output) against the engine run with {@code
   * engineOptions} (the document root, the server configuration).
   *
   * @param requestsFile lines of {@code METHOD URL}, or null for requests made from the files on
   *     disk
   * @param err where each difference is printed as it is found
   * @param unconverted the lines the conversion left out ({@code file:line}): a request whose
   *     answer from Apache went through one of them differs by that known limitation
   */
  public static Report verify(
      TargetServer target,
      EvaluatorOptions engineOptions,
      String config,
      Path requestsFile,
      PrintWriter err,
      java.util.Set<String> unconverted)
      throws Unavailable {
    Path docroot = engineOptions.docroot();
    Path binary =
        target.binary().orElseThrow(() -> new Unavailable(target.name() + " is not installed"));
    List<String[]> requests;
    try {
      requests = requestsFile != null ? readRequests(requestsFile) : synthesise(docroot);
    } catch (IOException e) {
      throw new Unavailable("cannot read the requests: " + e.getMessage());
    }
    Path prefix;
    try {
      prefix = Files.createTempDirectory("htaccess-" + target.name());
    } catch (IOException e) {
      throw new Unavailable("no temporary directory: " + e.getMessage());
    }
    Process server = null;
    try {
      int port = freePort();
      server = target.start(binary, prefix, config, port);
      waitForPort(target.name(), port, server);
      return compare(target, engineOptions, port, requests, err, unconverted);
    } catch (IOException e) {
      throw new Unavailable("cannot run " + target.name() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    } finally {
      if (server != null) {
        server.destroy();
        try {
          server.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      deleteTree(prefix);
    }
  }

  private static Report compare(
      TargetServer target,
      EvaluatorOptions engineOptions,
      int port,
      List<String[]> requests,
      PrintWriter err,
      java.util.Set<String> unconverted)
      throws IOException, InterruptedException {
    Evaluator engine = Evaluator.create(engineOptions);
    Path docroot = engineOptions.docroot();
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String host = "127.0.0.1:" + port;
    List<Difference> differences = new ArrayList<>();
    int compared = 0;
    int tableTypes = 0;
    for (String[] r : requests) {
      URI uri;
      try {
        uri = URI.create("http://" + host + r[1]);
      } catch (IllegalArgumentException e) {
        err.println("verify: " + r[0] + " " + r[1] + ": skipped (not a URL the client can send)");
        continue;
      }
      compared++;
      Evaluation e = engine.evaluate(spec(r, host), TraceLevel.DECISIONS);
      HttpResponse<byte[]> n =
          client.send(
              HttpRequest.newBuilder(uri)
                  .method(r[0], HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      String apache = describe(e.outcome());
      String got = describe(n);
      String why = disagreement(e.outcome(), n);
      if (why != null && why.startsWith(TABLE_TYPE)) {
        tableTypes++;
        why = null;
      }
      if (why != null) {
        String known = known(target, e.outcome(), n);
        if (known == null && !unconverted.isEmpty()) {
          known =
              why.startsWith("Expires") || why.startsWith("Cache-Control")
                  ? unconvertedExpires(e.outcome(), unconverted)
                  : throughUnconverted(engine, spec(r, host), unconverted);
        }
        Difference d = new Difference(r[0] + " " + r[1], apache, got + " (" + why + ")", known);
        differences.add(d);
        err.println(
            "verify: "
                + d.request()
                + ": Apache "
                + d.apache()
                + ", "
                + target.name()
                + " "
                + d.server()
                + (d.known() == null ? "" : "; known limitation: " + d.known()));
      }
    }
    return new Report(target.name(), compared, List.copyOf(differences), tableTypes);
  }

  /** What {@link #disagreement} says of a Content-Type that only the servers' tables explain. */
  private static final String TABLE_TYPE = "content type from the MIME tables";

  /** Why the server's answer is not Apache's, or null when they agree. */
  private static String disagreement(Outcome o, HttpResponse<byte[]> n) throws IOException {
    if (o.status() != n.statusCode()) {
      return "status";
    }
    if (o instanceof Outcome.Redirect r) {
      String location = n.headers().firstValue("Location").orElse(null);
      if (!RawText.display(r.location()).equals(location)) {
        return "Location";
      }
    }
    if (o instanceof Outcome.ServeFile f
        && o.status() == 200
        && !"HEAD".equals(n.request().method())) {
      byte[] file = Files.readAllBytes(Path.of(RawText.display(f.path())));
      if (!Arrays.equals(file, n.body())) {
        return "body: not the file " + RawText.display(f.path());
      }
    }
    if (o instanceof Outcome.ServeFile f && o.status() == 200) {
      String expires = expiresDisagreement(o, Path.of(RawText.display(f.path())), n);
      if (expires != null) {
        return expires;
      }
    }
    if (o instanceof Outcome.ServeFile f && o.status() == 200) {
      String apache = mediaType(o.contentType());
      String server = mediaType(n.headers().firstValue("Content-Type").orElse(null));
      if (!apache.equals(server)) {
        String name = Path.of(RawText.display(f.path())).getFileName().toString();
        // Apache's type from /etc/mime.types alone: the other server's own table differs (each
        // deployment configures that); a type the .htaccess set must come through
        boolean table = apache.equals(mediaType(dev.htaccess.eval.MimeTypes.systemTypeOf(name)));
        return (table ? TABLE_TYPE : "content type") + ": " + apache + " vs " + server;
      }
    }
    return null;
  }

  /**
   * Whether the server's Expires and Cache-Control max-age are mod_expires' for this file (within
   * two seconds: the two answers are not made at the same instant), or why not.
   */
  private static String expiresDisagreement(Outcome o, Path file, HttpResponse<byte[]> n)
      throws IOException {
    dev.htaccess.httpd.Expiry expiry = o.common().expiry();
    String sent = n.headers().firstValue("Expires").orElse(null);
    if (expiry == null) {
      return sent == null ? null : "Expires: Apache sends none, the server " + sent;
    }
    long base =
        expiry.fromModification()
            ? Files.getLastModifiedTime(file).toMillis() / 1000
            : System.currentTimeMillis() / 1000;
    long wanted = base + expiry.seconds();
    long got;
    try {
      got =
          java.time.ZonedDateTime.parse(
                  sent == null ? "" : sent, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
              .toEpochSecond();
    } catch (java.time.format.DateTimeParseException e) {
      return "Expires: Apache " + wanted + " s after the epoch, the server " + sent;
    }
    if (Math.abs(got - wanted) > 2) {
      return "Expires: " + (got - wanted) + " s off";
    }
    String cacheControl = n.headers().firstValue("Cache-Control").orElse("");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("max-age=(-?\\d+)").matcher(cacheControl);
    long maxAge = wanted - System.currentTimeMillis() / 1000;
    if (!m.find() || Math.abs(Long.parseLong(m.group(1)) - maxAge) > 2) {
      return "Cache-Control: Apache max-age=" + maxAge + ", the server '" + cacheControl + "'";
    }
    return null;
  }

  /** The media type of a Content-Type, lower case, without its parameters ("" for none). */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static RequestSpec spec(String[] r, String host) {
    return new RequestSpec(
        r[0],
        RawText.fromText(r[1]),
        List.of(new RequestSpec.Header("Host", host)),
        false,
        "127.0.0.1");
  }

  /**
   * A left-out mod_expires line of a .htaccess on the way to the served file, as the known reason
   * the server's Expires differs, or null. (The trace does not name what sets a response header.)
   */
  private static String unconvertedExpires(Outcome o, java.util.Set<String> unconverted) {
    if (!(o instanceof Outcome.ServeFile served)) {
      return null;
    }
    Path file = Path.of(RawText.display(served.path()));
    for (String line : new java.util.TreeSet<>(unconverted)) {
      int colon = line.lastIndexOf(':');
      Path htaccess = Path.of(line.substring(0, colon));
      if (htaccess.getParent() == null || !file.startsWith(htaccess.getParent())) {
        continue;
      }
      try {
        List<String> text =
            Files.readAllLines(htaccess, java.nio.charset.StandardCharsets.ISO_8859_1);
        int n = Integer.parseInt(line.substring(colon + 1));
        if (n >= 1
            && n <= text.size()
            && text.get(n - 1).strip().toLowerCase(Locale.ROOT).startsWith("expires")) {
          return "Apache's Expires comes from " + line + ", which was not converted";
        }
      } catch (IOException | NumberFormatException ex) {
        // not a file this can read: no reason from it
      }
    }
    return null;
  }

  /** The first left-out line Apache's answer went through, as a known limitation, or null. */
  private static String throughUnconverted(
      Evaluator engine, RequestSpec request, java.util.Set<String> unconverted) {
    List<dev.htaccess.eval.trace.TraceEvent> trace =
        engine.evaluate(request, TraceLevel.FULL).trace();
    // A rule whose pattern did not match cannot have made the difference: name a line that acted
    // (a rule that matched, a condition, a flag ...) when there is one.
    for (boolean acted : new boolean[] {true, false}) {
      for (dev.htaccess.eval.trace.TraceEvent t : trace) {
        if (acted && t instanceof dev.htaccess.eval.trace.TraceEvent.RuleTried r && !r.matched()) {
          continue;
        }
        if (t instanceof dev.htaccess.eval.trace.TraceEvent.Located l && l.span() != null) {
          String line = l.span().file() + ":" + l.span().line();
          if (unconverted.contains(line)) {
            return "Apache's answer goes through " + line + ", which was not converted";
          }
        }
      }
    }
    return null;
  }

  /** The documented reason the server answers otherwise, or null. */
  private static String known(TargetServer target, Outcome o, HttpResponse<byte[]> n) {
    String uri = o.uri() == null ? null : RawText.display(o.uri());
    String file = o.filename() == null ? null : RawText.display(o.filename());
    if (uri != null && file != null && uri.startsWith(file + "/")) {
      return "a path below a file: Apache's REQUEST_FILENAME is the file (the rest is path"
          + " info), "
          + target.name()
          + "'s file tests see the whole path";
    }
    String method = n.request().method();
    if (o instanceof Outcome.ServeFile
        && n.statusCode() == 405
        && !method.equals("GET")
        && !method.equals("HEAD")) {
      return target.name()
          + "'s static file handler answers 405 to "
          + method
          + " (with --php the script runs)";
    }
    return null;
  }

  private static String describe(Outcome o) {
    String s = String.valueOf(o.status());
    if (o instanceof Outcome.Redirect r) {
      s += " -> " + RawText.display(r.location());
    } else if (o instanceof Outcome.ServeFile f) {
      s += " " + RawText.display(f.path());
    } else if (o instanceof Outcome.Proxy p) {
      s += " proxied to " + RawText.display(p.url());
    }
    return s;
  }

  private static String describe(HttpResponse<byte[]> n) {
    return n.statusCode()
        + n.headers().firstValue("Location").map(l -> " -> " + l).orElse("")
        + " ("
        + n.body().length
        + " bytes)";
  }

  /** {@code METHOD URL} per line; blank lines and {@code #} comments skipped. */
  static List<String[]> readRequests(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("[ \t]+");
      if (parts.length >= 2) {
        out.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts[1]});
      } else if (parts[0].startsWith("/")) {
        out.add(new String[] {"GET", parts[0]});
      }
    }
    return out;
  }

  /**
   * Requests made from the document root: each file and directory (with and without its slash), a
   * missing name in each directory, a made-up pretty URL below it (what a front controller
   * answers), and a path each rule's own pattern matches ({@link RulePatternRequests}), at most
   * 2,000.
   */
  static List<String[]> synthesise(Path docroot) throws IOException {
    List<String[]> out = new ArrayList<>();
    Path root = docroot.toAbsolutePath().normalize();
    try (Stream<Path> walk = Files.walk(root, 8)) {
      for (Path p : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (out.size() >= 2_000) {
          break;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.contains(" ") || rel.contains("%")) {
          continue;
        }
        String url = "/" + rel;
        if (Files.isDirectory(p)) {
          String dir = rel.isEmpty() ? "/" : url + "/";
          out.add(new String[] {"GET", dir});
          if (!rel.isEmpty()) {
            out.add(new String[] {"GET", url});
          }
          out.add(new String[] {"GET", dir + "missing-file.html"});
          out.add(new String[] {"GET", dir + "some/pretty/url"});
          out.add(new String[] {"GET", dir + "some/pretty/url/?q=1"});
        } else {
          out.add(new String[] {"GET", url});
          out.add(new String[] {"GET", url + "?a=1"});
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // a directory that cannot be read, met during the walk
    }
    for (String url : RulePatternRequests.of(root)) {
      if (out.size() >= 2_000) {
        break;
      }
      out.add(new String[] {"GET", url});
      out.add(new String[] {"GET", url + (url.contains("?") ? "&" : "?") + "a=1"});
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(String name, int port, Process server)
      throws Unavailable, InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!server.isAlive()) {
          throw new Unavailable(name + " stopped at start (exit " + server.exitValue() + ")");
        }
        Thread.sleep(50);
      }
    }
    throw new Unavailable(name + " did not listen on 127.0.0.1:" + port + " within 10 s");
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
