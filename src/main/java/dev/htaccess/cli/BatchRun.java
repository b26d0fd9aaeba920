package dev.htaccess.cli;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.report.JsonLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code test}'s batch mode as JSON lines: the lines of a request file or an access log are read a
 * block at a time, each block is evaluated on a worker (one per core) and printed, in input order,
 * as soon as the blocks before it are. Memory stays flat whatever the size of the input, and the
 * output starts at once. Logs repeat the same requests a lot, so an answer that may be reused is
 * rendered once per distinct line.
 */
final class BatchRun {

  /** What the lines of a block are. */
  enum Kind {
    /** Request-file lines ({@link RequestLines}); comments and blank lines are no request. */
    REQUESTS,
    /** Access-log lines ({@link AccessLog}); a line that is not an entry is skipped and told. */
    ACCESS_LOG
  }

  /** Lines to evaluate, read from one input. */
  record Block(Kind kind, List<LineInput.Line> lines) {}

  /** Lines a block holds: enough to keep a worker busy, few enough to keep memory flat. */
  static final int BLOCK_LINES = 2048;

  /** Distinct lines whose rendered answer is kept for reuse. */
  private static final int REMEMBERED = 4096;

  /** An evaluated line: its JSON (null when it is not kept for reuse), status, and proxy. */
  private record Rendered(String json, int status, boolean proxied) {}

  /** What a block gave: its JSON lines, the line numbers skipped, the statuses. */
  private record Done(String text, List<Long> skipped, int[] statuses, int proxied) {}

  /** A worker's builder for a block's text, kept at the size blocks need (no regrowing). */
  private static final ThreadLocal<StringBuilder> BLOCK_TEXT =
      ThreadLocal.withInitial(() -> new StringBuilder(1 << 20));

  private final Evaluator evaluator;
  private final boolean https;
  private final String remoteAddr;
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private long requests;
  private long proxied;

  BatchRun(Evaluator evaluator, boolean https, String remoteAddr) {
    this.evaluator = evaluator;
    this.https = https;
    this.remoteAddr = remoteAddr;
  }

  /** Reads blocks from {@code blocks}, prints each block's lines to {@code out} in order. */
  void run(BlockSource blocks, PrintWriter out, SkipReport skipped) throws IOException {
    int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            task -> {
              Thread t = new Thread(task, "htaccess-batch");
              t.setDaemon(true);
              return t;
            });
    Deque<Future<Done>> inFlight = new ArrayDeque<>();
    try {
      for (Block block = blocks.next(); block != null; block = blocks.next()) {
        Block b = block;
        inFlight.add(pool.submit(() -> evaluate(b)));
        while (inFlight.size() >= 2 * workers) {
          write(inFlight.poll(), out, skipped);
        }
      }
      while (!inFlight.isEmpty()) {
        write(inFlight.poll(), out, skipped);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The next block to evaluate, or null at the end of the input. */
  interface BlockSource {
    Block next() throws IOException;
  }

  /** Told each skipped access-log line, in order. */
  interface SkipReport {
    void skipped(long lineNumber);
  }

  /** Requests evaluated so far. */
  long requests() {
    return requests;
  }

  /** Requests proxied so far. */
  long proxied() {
    return proxied;
  }

  /** How many requests got each status, by status. */
  Map<Integer, Long> statuses() {
    return statuses;
  }

  private void write(Future<Done> next, PrintWriter out, SkipReport skipped) {
    Done done;
    try {
      done = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    out.write(done.text());
    for (long number : done.skipped()) {
      skipped.skipped(number);
    }
    for (int i = 0; i < done.statuses().length; i++) {
      statuses.merge(done.statuses()[i], 1L, Long::sum);
    }
    requests += done.statuses().length;
    proxied += done.proxied();
  }

  private Done evaluate(Block block) {
    List<LineInput.Line> lines = block.lines();
    StringBuilder text = BLOCK_TEXT.get();
    text.setLength(0);
    List<Long> skipped = new ArrayList<>(0);
    int[] status = new int[lines.size()];
    int count = 0;
    int proxiedHere = 0;
    for (LineInput.Line line : lines) {
      String request = requestLine(block.kind(), line.text());
      if (request == null) {
        if (toldWhenSkipped(block.kind(), line.text())) {
          skipped.add(line.number());
        }
        continue;
      }
      Rendered known = rendered.get(request);
      if (known != null) {
        text.append(known.json());
      } else {
        known = render(request, text);
        if (known == null) {
          skipped.add(line.number());
          continue;
        }
      }
      text.append('\n');
      status[count++] = known.status();
      if (known.proxied()) {
        proxiedHere++;
      }
    }
    return new Done(text.toString(), skipped, Arrays.copyOf(status, count), proxiedHere);
  }

  /**
   * Evaluates {@code request} and appends its JSON line to {@code text}; remembers the line when
   * its answer may be reused. Null when it is no request a client can send (a request file was
   * checked before the run, so only a log entry can be such a line: it is skipped).
   */
  private Rendered render(String request, StringBuilder text) {
    RequestLines.Line parsed;
    try {
      parsed = RequestLines.parse(request, https, remoteAddr);
    } catch (RequestLines.BadLine e) {
      return null;
    }
    Evaluation e = evaluator.evaluate(parsed.spec(), TraceLevel.DECISIONS);
    int start = text.length();
    JsonLine.append(text, parsed.request(), e.outcome(), e.trace());
    boolean kept = e.reproducible() && rendered.size() < REMEMBERED;
    Rendered r =
        new Rendered(
            kept ? text.substring(start) : null, e.outcome().status(), e.outcome().proxy() != null);
    if (kept) {
      rendered.put(request, r);
    }
    return r;
  }

  /**
   * Whether a line that gives no request is told as skipped: a log line that is not an entry (a
   * request file's comments and blank lines are no requests; a blank log line neither).
   */
  static boolean toldWhenSkipped(Kind kind, String line) {
    return kind == Kind.ACCESS_LOG && !line.isBlank();
  }

  /** The request-file line a line of the input gives, or null for none. */
  static String requestLine(Kind kind, String line) {
    if (kind == Kind.REQUESTS) {
      return RequestLines.ignored(line) ? null : line;
    }
    return line.isBlank() ? null : AccessLog.requestLine(line);
  }
}
