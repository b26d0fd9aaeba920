package dev.htaccess.lint.probe;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file under lint as the .htaccess of a throw-away document root, asked requests through the
 * real evaluator: what the engine does, not what a check guesses. Made on the first request and
 * removed by {@link #close}.
 */
public final class SiteProbe implements AutoCloseable {

  private final SourceFile file;
  private final ParseResult parse;
  private Path docroot;
  private Evaluator evaluator;

  /** A probe of a file lint has read (its reading is handed to the engine, not repeated). */
  public SiteProbe(LintContext context) {
    this(context.file(), context.parse());
  }

  SiteProbe(SourceFile file, ParseResult parse) {
    this.file = file;
    this.parse = parse;
  }

  /** The outcome of a request, or null when the site cannot be made. */
  public Outcome request(String method, String target, List<RequestSpec.Header> headers) {
    Evaluation e = evaluate(method, target, headers, TraceLevel.DECISIONS);
    return e == null ? null : e.outcome();
  }

  /** The whole evaluation (its trace too), or null when the site cannot be made. */
  public Evaluation evaluate(String method, String target, List<RequestSpec.Header> headers) {
    return evaluate(method, target, headers, TraceLevel.FULL);
  }

  /** The evaluation at a trace level (DECISIONS is cheaper where only the outcome matters). */
  public Evaluation evaluate(
      String method, String target, List<RequestSpec.Header> headers, TraceLevel level) {
    try {
      if (evaluator == null) {
        if (docroot == null) {
          docroot = newDirectory();
          Path dir = docroot;
          whileAlive(() -> Files.write(dir.resolve(".htaccess"), RawText.toBytes(file.text())));
        }
        evaluator = Evaluator.create(EvaluatorOptions.of(docroot));
        if (parse != null) {
          evaluator.preload(docroot.resolve(".htaccess"), parse);
        }
      }
      return evaluator.evaluate(
          new RequestSpec(method, target, headers, false, "203.0.113.7"), level);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger COUNTER =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Where the probes' directories go: the shared-memory file system when java.io.tmpdir is the
   * default /tmp and /dev/shm is there to write to. A probe makes up to a few dozen files and
   * directories per lint, and on a virtual disk each mkdir takes a millisecond or more (measured:
   * 1.3 ms on this project's CI machine, where /tmp is ext4): the editor's diagnostics of a large
   * file waited on them. An explicitly chosen java.io.tmpdir is kept.
   */
  private static final Path BASE = base();

  private static Path base() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path shm = Path.of("/dev/shm");
    if (tmp.normalize().toString().equals("/tmp")
        && Files.isDirectory(shm)
        && Files.isWritable(shm)) {
      return shm;
    }
    return tmp;
  }

  /**
   * A fresh directory under {@link #BASE}, named by process and counter: Files.createTempDirectory
   * would initialise SecureRandom, a tenth of a second of a lint run.
   */
  private static Path newDirectory() throws IOException {
    Path tmp = BASE;
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path dir = tmp.resolve("htaccess-lint-" + pid + "-" + COUNTER.incrementAndGet());
      try {
        whileAlive(() -> LIVE.add(Files.createDirectory(dir)));
        return dir;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /**
   * A URL or path the probe produced, with its temporary document root shown as Debian's {@code
   * /var/www/html} (a redirect without RewriteBase puts the directory's path into Location).
   */
  public String display(String text) {
    if (text == null || docroot == null) {
      return text;
    }
    return text.replace(docroot.toString(), "/var/www/html");
  }

  /** Adds a file to the document root (for probes that need one to exist). */
  public void addFile(String relative) {
    try {
      if (docroot == null) {
        request("GET", "/", List.of());
      }
      Path p = docroot.resolve(relative).normalize();
      if (!p.startsWith(docroot) || p.equals(docroot) || Files.isDirectory(p)) {
        return;
      }
      if (relative.endsWith("/")) {
        whileAlive(() -> Files.createDirectories(p));
      } else if (!Files.exists(p)) {
        whileAlive(
            () -> {
              Files.createDirectories(p.getParent());
              return Files.writeString(p, "x\n");
            });
      }
      // The engine stays: it caches only the .htaccess it parsed (revalidated) and looks at the
      // other files on each request.
    } catch (IOException | java.nio.file.InvalidPathException e) {
      // a path this file system cannot hold: the probe goes without it
    }
  }

  @Override
  public void close() {
    if (docroot != null) {
      remove(docroot);
      LIVE.remove(docroot);
    }
  }

  /**
   * The probes' directories not yet closed: removed when the JVM exits with probes still open (the
   * command ended while the warm-up's lint was probing, or Ctrl-C).
   */
  private static final java.util.Set<Path> LIVE = liveDirectories();

  private static volatile boolean exiting;

  private static java.util.Set<Path> liveDirectories() {
    java.util.Set<Path> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (live) {
                    exiting = true;
                    live.forEach(SiteProbe::remove);
                  }
                },
                "lint-probe-cleanup"));
    return live;
  }

  /** A file system change that writes into a probe's directory. */
  private interface Write {
    Object run() throws IOException;
  }

  /**
   * Makes a change under the cleanup's lock, unless the JVM is exiting: a probe's directory and
   * what is in it are either made before the cleanup runs, and removed by it, or never made.
   */
  private static void whileAlive(Write write) throws IOException {
    synchronized (LIVE) {
      if (exiting) {
        throw new IOException("the JVM is exiting");
      }
      write.run();
    }
  }

  private static void remove(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a temporary directory left behind
    }
  }
}
