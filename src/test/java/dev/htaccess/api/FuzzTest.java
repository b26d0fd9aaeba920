package dev.htaccess.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.serve.HtaccessServer;
import dev.htaccess.serve.ServeTesting;
import dev.htaccess.source.RawText;
import dev.htaccess.syntax.ParseResult;
import dev.htaccess.testing.ProjectFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time-bounded mutation fuzzer over what users feed the tool: real .htaccess files (the project's
 * cases and ../shared/corpus) mutated with hostile fragments go through the reader, the linter and
 * the evaluator with hostile URLs; mutated raw requests go to a running serve. Nothing may throw,
 * hang (each input has {@link #PER_INPUT_SECONDS}) or, in serve, end in an internal error. A
 * failing input is written to {@code target/fuzz-findings/} to become a fixture.
 *
 * <p>In CI the run is bounded ({@code fuzz.seconds}, default 45, shared by the three targets) and
 * seeded ({@code fuzz.seed}, default fixed, so a failure reproduces). A longer run: {@code mvn -o
 * test -Dtest=FuzzTest -Dfuzz.seconds=1800 -Dfuzz.seed=$RANDOM}.
 */
class FuzzTest {

  private static final long SECONDS = Long.getLong("fuzz.seconds", 45);
  private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
  private static final int PER_INPUT_SECONDS = 20;

  private static final String[] FRAGMENTS = {
    "<IfModule mod_rewrite.c>\n",
    "</IfModule>\n",
    "<RequireAll>\n",
    "</RequireAll>\n",
    "<Files \"x\">\n",
    "</Files>\n",
    "<If \"%{HTTP_HOST} == 'a' && -f %{REQUEST_FILENAME}\">\n",
    "</If>\n",
    "<IfVersion ~ (>\n",
    "<Limit POST>\n",
    "</Limit>\n",
    "RewriteEngine On\n",
    "RewriteRule ^(.*)$ /index.php?q=$1 [L,QSA]\n",
    "RewriteRule ^(.*)$ $1 [N=99999999999]\n",
    "RewriteRule ^ - [S=2147483647]\n",
    "RewriteCond %{REQUEST_URI} -U\n",
    "RewriteCond %{REQUEST_FILENAME} !-f [OR]\n",
    "RewriteRule (.*){1,32000}[bc] /$1c [N]\n",
    "RewriteRule ^(a+)+$ /x [R=301,L]\n",
    "RewriteRule ^x ${m:${m:${m:%{HTTP_HOST}}}} [P]\n",
    "Require valid-user\n",
    "Require expr %{REMOTE_USER} == 'a'\n",
    "AuthType Basic\nAuthName \"r\"\nAuthUserFile /nonexistent\n",
    "Header always set X-A \"%{HTTP_HOST}e\"\n",
    "ErrorDocument 404 /missing\n",
    "SetEnvIf Request_URI (.*) A=$1\n",
    "Options -FollowSymLinks +Indexes\n",
    "DirectoryIndex index.php index.html\n",
    "\\\n",
    "\"",
    "'",
    "[",
    ",",
    "%{",
    "${",
    "<",
    ">",
    "\r\n",
    "\u0000",
    "\u00ff",
  };

  private static final String[] URLS = {
    "/",
    "/x",
    "/index.php",
    "/a/b/../c",
    "/%2e%2e/etc/passwd",
    "/%2f",
    "/%zz",
    "/a?b=c&d",
    "/sub/",
    "/sub/file.txt",
    "/caf%C3%A9",
    "/" + "a".repeat(300),
    "/x?" + "q".repeat(2000),
    "/.htaccess",
    "//double",
    "/a%00b",
    "/*",
    "/index.php/extra/path",
  };

  @TempDir static Path docroot;

  private static List<String> seeds;
  private static ExecutorService worker;
  private static long deadline;

  @BeforeAll
  static void setUp() throws IOException {
    seeds = new ArrayList<>();
    collect(ProjectFiles.testdata("syntax"));
    collect(ProjectFiles.testdata("eval"));
    var shared = ProjectFiles.shared();
    if (shared.isPresent()) {
      collect(shared.get().resolve("corpus"));
    }
    assertThat(seeds).isNotEmpty();
    Files.createDirectories(docroot.resolve("sub"));
    Files.writeString(docroot.resolve("sub/file.txt"), "file\n");
    Files.writeString(docroot.resolve("index.php"), "<?php echo 1;\n");
    Files.writeString(docroot.resolve("x"), "x\n");
    // The command line's and serve's deep stack (Main, HtaccessServer).
    worker = Executors.newSingleThreadExecutor(r -> new Thread(null, r, "fuzz", 64L << 20));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
  }

  @AfterAll
  static void tearDown() {
    worker.shutdownNow();
  }

  private static void collect(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(FuzzTest::isHtaccess).sorted().limit(400).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        if (bytes.length < 200_000) {
          seeds.add(RawText.fromBytes(bytes));
        }
      }
    }
  }

  private static boolean isHtaccess(Path f) {
    String n = f.getFileName().toString();
    return Files.isRegularFile(f) && (n.equals(".htaccess") || n.endsWith(".htaccess"));
  }

  /** Each of the three targets gets a third of what is left of the budget. */
  private static long until(int targetsLeft) {
    long now = System.nanoTime();
    return now + Math.max(0, (deadline - now) / targetsLeft);
  }

  static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
      switch (random.nextInt(7)) {
        case 0 -> s.setLength(at);
        case 1, 2 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 3 -> s.delete(at, Math.min(s.length(), at + random.nextInt(40)));
        case 4 -> {
          byte[] bytes = new byte[1 + random.nextInt(16)];
          random.nextBytes(bytes);
          s.insert(at, RawText.fromBytes(bytes));
        }
        case 5 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(200))));
        default -> {
          String f = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
          s.insert(at, f.repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 20)));
        }
      }
    }
    return s.toString();
  }

  private static <T> T bounded(String what, String input, Callable<T> work) throws Exception {
    Future<T> f = worker.submit(work);
    try {
      return f.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError(what + " hung; input: " + keep(input), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(what + " threw; input: " + keep(input), e.getCause());
    }
  }

  /** Writes a failing input where a person can turn it into a fixture; returns its path. */
  private static Path keep(String input) throws IOException {
    Path dir = ProjectFiles.root().resolve("target/fuzz-findings");
    Files.createDirectories(dir);
    Path f = dir.resolve(Integer.toHexString(input.hashCode()) + ".htaccess");
    Files.write(f, RawText.toBytes(input));
    return f;
  }

  @Test
  void readerAndLinterNeverThrowNorHang() throws Exception {
    Random random = new Random(SEED);
    long end = until(3);
    int runs = 0;
    do {
      String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
      bounded(
          "parse/lint",
          text,
          () -> {
            ParseResult parsed = Htaccess.parse("fuzz.htaccess", text);
            return Htaccess.lint(parsed);
          });
      runs++;
    } while (System.nanoTime() < end);
    assertThat(runs).isPositive();
  }

  @Test
  void theEvaluatorAlwaysAnswers() throws Exception {
    Random random = new Random(SEED + 1);
    long end = until(2);
    int runs = 0;
    do {
      String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
      Files.write(docroot.resolve(".htaccess"), RawText.toBytes(text));
      String url = URLS[random.nextInt(URLS.length)];
      Evaluation e =
          bounded(
              "evaluate " + url,
              text,
              () -> {
                Evaluator site = Htaccess.evaluator(docroot);
                return Htaccess.evaluate(site, random.nextInt(4) == 0 ? "POST" : "GET", url);
              });
      int status = e.outcome().status();
      if (status < 100 || status > 599) {
        throw new AssertionError("status " + status + " for " + url + "; input: " + keep(text));
      }
      runs++;
    } while (System.nanoTime() < end);
    assertThat(runs).isPositive();
  }

  @Test
  void serveAnswersEveryHostileRequest() throws Exception {
    Random random = new Random(SEED + 2);
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^ index.php [L]\n");
    List<String> requests = new ArrayList<>();
    for (String line : Files.readAllLines(ProjectFiles.testdata("serve-raw/raw-requests.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        requests.add(new String(ServeTesting.unescape(line), StandardCharsets.ISO_8859_1));
      }
    }
    StringWriter errors = new StringWriter();
    try (HtaccessServer server = ServeTesting.start(docroot, errors)) {
      long end = until(1);
      int runs = 0;
      do {
        String raw = mutateRequest(requests.get(random.nextInt(requests.size())), random);
        bounded("serve", raw, () -> exchange(server.port(), raw));
        runs++;
      } while (System.nanoTime() < end);
      assertThat(runs).isPositive();
    }
    assertThat(errors.toString()).doesNotContain("internal error");
  }

  private static String mutateRequest(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = random.nextInt(4);
    String[] bits = {
      " ",
      "\r\n",
      "\n",
      "%",
      "%00",
      "/..",
      "?",
      "#",
      ":",
      "\u0000",
      "\u00e9",
      "Host: x\r\n",
      "Content-Length: 5\r\n",
      "Transfer-Encoding: chunked\r\n",
      "Expect: 100-continue\r\n",
      "Authorization: Basic !!\r\n",
      "a".repeat(9000),
    };
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, bits[random.nextInt(bits.length)]);
        case 1 -> s.delete(at, Math.min(s.length(), at + random.nextInt(10)));
        default -> {
          if (s.length() > 0) {
            s.setCharAt(Math.min(at, s.length() - 1), (char) random.nextInt(256));
          }
        }
      }
    }
    return s.toString();
  }

  private static byte[] exchange(int port, String raw) throws IOException {
    return ServeTesting.exchange(port, raw.getBytes(StandardCharsets.ISO_8859_1), true, 10_000);
  }
}
