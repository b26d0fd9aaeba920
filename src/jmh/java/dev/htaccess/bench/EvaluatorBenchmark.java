package dev.htaccess.bench;

import dev.htaccess.cli.RequestLines;
import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The evaluator's cost per request, as serve evaluates: decisive-steps trace, real file-system
 * look-ups, and serve's revalidating memo ({@link #evaluate}); {@link #evaluateUncached} runs every
 * request through all the phases, without any memo, and {@link #evaluateFullTrace} with the full
 * trace. The site is a corpus entry built like the oracle's corpus2case.py: {@code
 * -Dbench.corpus=../shared/corpus -p site=wordpress}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {

  @Param({"wordpress", "drupal-11"})
  public String site;

  private Evaluator evaluator;
  private Evaluator uncached;
  private List<RequestLines.Line> requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"), site);
    Path docroot = Files.createTempDirectory("bench").resolve("docroot");
    Files.createDirectories(docroot);
    Files.copy(corpus.resolve(".htaccess"), docroot.resolve(".htaccess"));
    for (String line : Files.readAllLines(corpus.resolve("files.txt"))) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#") || p.endsWith(".htaccess")) {
        continue;
      }
      Path full = docroot.resolve(p.replaceFirst("^/+", ""));
      if (p.endsWith("/")) {
        Files.createDirectories(full);
      } else {
        Files.createDirectories(full.getParent());
        Files.writeString(full, p);
      }
    }
    evaluator = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    uncached = Evaluator.create(EvaluatorOptions.of(docroot));
    requests =
        RequestLines.parseFile(
            RawText.fromBytes(Files.readAllBytes(corpus.resolve("requests.txt"))),
            false,
            "127.0.0.1");
  }

  /** One request of the corpus traffic, in turn, as serve evaluates it. */
  @Benchmark
  public Evaluation evaluate() {
    RequestLines.Line line = requests.get(next++ % requests.size());
    return evaluator.evaluate(line.spec(), TraceLevel.DECISIONS);
  }

  /** One request of the corpus traffic, in turn, through every phase (no memo). */
  @Benchmark
  public Evaluation evaluateUncached() {
    RequestLines.Line line = requests.get(next++ % requests.size());
    return uncached.evaluate(line.spec(), TraceLevel.DECISIONS);
  }

  /** Every phase with the full trace (which no memo keeps), as {@code test URL} shows it. */
  @Benchmark
  public Evaluation evaluateFullTrace() {
    RequestLines.Line line = requests.get(next++ % requests.size());
    return uncached.evaluate(line.spec(), TraceLevel.FULL);
  }
}
