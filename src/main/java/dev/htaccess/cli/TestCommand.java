package dev.htaccess.cli;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.report.DiagnosticPrinter;
import dev.htaccess.report.JUnitReport;
import dev.htaccess.report.Json;
import dev.htaccess.report.JsonLine;
import dev.htaccess.report.TraceRenderer;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htaccess test}: dry-runs requests as Apache httpd 2.4 would answer them. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Dry-run requests against a document root as Apache httpd 2.4 would answer them: the"
          + " outcome first, then every rule and condition tried, round by round."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:requests evaluated (and, with --expect, every expectation met)",
      "1:an expectation failed, or the server configuration has errors (Apache would not"
          + " start)",
      "2:usage error, or a syntax error in the spec file",
      "3:an input could not be read"
    })
final class TestCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    jsonl
  }

  @Spec CommandSpec spec;

  @Mixin SiteOptions site;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "Host header of requests that have none (default: ${DEFAULT-VALUE}).")
  String host = "localhost";

  @Option(
      names = "-X",
      paramLabel = "METHOD",
      description = "Method of the URL arguments (default: ${DEFAULT-VALUE}).")
  String method = "GET";

  @Option(
      names = "-H",
      paramLabel = "'Name: value'",
      description = "A request header for the URL arguments; repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--https", description = "Requests arrive over TLS (HTTPS=on, port 443).")
  boolean https;

  @Option(
      names = "--remote-addr",
      paramLabel = "IP",
      description = "Client address (default: ${DEFAULT-VALUE}).")
  String remoteAddr = "127.0.0.1";

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "A variable of the environment Apache runs with (%%{ENV:NAME}); repeatable.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (outcome and readable trace), json (array with the full typed trace) or jsonl"
              + " (one object per request with the oracle's keys plus a compact trace)."
              + " Default: text, or jsonl for --requests and --access-log.")
  Format format;

  @Option(
      names = "--expect",
      paramLabel = "SPEC",
      description =
          "Check expectations: lines of 'METHOD URL -> expectation' (see README); exit 1 on any"
              + " mismatch.")
  Path expectFile;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "With --expect, also write a JUnit XML report to FILE.")
  Path junitFile;

  static final class Inputs {
    @Option(
        names = "--requests",
        paramLabel = "FILE",
        description = "One request a line: METHOD URL[<TAB>Header: value]...; # comments.")
    Path requestsFile;

    @Option(
        names = "--access-log",
        paramLabel = "FILE",
        description = "Replay an Apache common/combined access log; a summary goes to stderr.")
    Path accessLog;
  }

  @ArgGroup(exclusive = true)
  Inputs inputs = new Inputs();

  @Parameters(paramLabel = "URL", arity = "0..*", description = "Paths or absolute URLs.")
  List<String> urls = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = site.check(err);
    if (unreadable != 0) {
      return unreadable;
    }
    Path docroot = site.docroot;
    Path serverConfig = site.serverConfig;
    if (junitFile != null && expectFile == null) {
      err.println("htaccess test: --junit needs --expect");
      return ExitCodes.USAGE;
    }
    Evaluator evaluator =
        Evaluator.create(
            EvaluatorOptions.of(docroot)
                .withServerConfig(serverConfig)
                .withDefaultHost(host)
                .withMemo(MemoPolicy.STATIC_TREE)
                .withProcessEnvironment(env));
    if (site.refusedByApache(evaluator, err, "test")) {
      return ExitCodes.FINDINGS;
    }
    if (expectFile != null) {
      return expect(evaluator, out, err);
    }
    List<String> argumentLines = new ArrayList<>();
    for (String url : urls) {
      String line = RequestLines.argumentLine(method, url, headers);
      String problem = RequestLines.problem(line);
      if (problem != null) {
        err.println("htaccess test: -H: " + problem);
        return ExitCodes.USAGE;
      }
      argumentLines.add(line);
    }
    Path file = inputs.requestsFile != null ? inputs.requestsFile : inputs.accessLog;
    BatchRun.Kind kind =
        inputs.requestsFile != null ? BatchRun.Kind.REQUESTS : BatchRun.Kind.ACCESS_LOG;
    if (file == null && argumentLines.isEmpty()) {
      err.println("htaccess test: give URLs, --requests FILE or --access-log FILE");
      return ExitCodes.USAGE;
    }
    if (file != null && !Files.isRegularFile(file)) {
      err.println(file + ": cannot read: no such file");
      return ExitCodes.UNREADABLE;
    }
    Format f = format != null ? format : file != null ? Format.jsonl : Format.text;
    try {
      if (kind == BatchRun.Kind.REQUESTS && file != null) {
        String problem = firstProblem(file);
        if (problem != null) {
          err.println(file + ":" + problem);
          return ExitCodes.USAGE;
        }
      }
      return f == Format.jsonl
          ? jsonl(evaluator, file, kind, argumentLines, out, err)
          : oneByOne(evaluator, file, kind, argumentLines, f, out, err);
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return ExitCodes.UNREADABLE;
    }
  }

  /** {@code LINE:1: message} for the first request line that cannot be read, or null. */
  private static String firstProblem(Path file) throws IOException {
    try (LineInput lines = new LineInput(Traffic.open(file, new long[1]))) {
      // Only a line with a tab (a header field) can be refused.
      for (List<LineInput.Line> block = lines.next(BatchRun.BLOCK_LINES, '\t');
          !block.isEmpty();
          block = lines.next(BatchRun.BLOCK_LINES, '\t')) {
        for (LineInput.Line line : block) {
          if (!RequestLines.ignored(line.text())) {
            String problem = RequestLines.problem(line.text());
            if (problem != null) {
              return line.number() + ":1: " + problem;
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * The blocks of the input file (read on as they are taken; {@code read[0]} counts its bytes),
   * then one block of the URL arguments.
   */
  private static BatchRun.BlockSource blocks(
      LineInput lines, BatchRun.Kind kind, List<String> argumentLines) {
    boolean[] argumentsGiven = {false};
    return () -> {
      if (lines != null) {
        List<LineInput.Line> block = lines.next(BatchRun.BLOCK_LINES);
        if (!block.isEmpty()) {
          return new BatchRun.Block(kind, block);
        }
      }
      if (argumentsGiven[0] || argumentLines.isEmpty()) {
        return null;
      }
      argumentsGiven[0] = true;
      List<LineInput.Line> block = new ArrayList<>();
      for (String line : argumentLines) {
        block.add(new LineInput.Line(0, line));
      }
      return new BatchRun.Block(BatchRun.Kind.REQUESTS, block);
    };
  }

  /** JSON lines, evaluated on every core, printed in order; a summary for a log. */
  private int jsonl(
      Evaluator evaluator,
      Path file,
      BatchRun.Kind kind,
      List<String> argumentLines,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    long[] read = {0};
    Progress progress =
        file == null
            ? null
            : Progress.onTerminal(err, file.getFileName().toString(), Files.size(file));
    BatchRun run = new BatchRun(evaluator, https, remoteAddr);
    try (LineInput lines = file == null ? null : new LineInput(Traffic.open(file, read))) {
      BatchRun.BlockSource source = blocks(lines, kind, argumentLines);
      BatchRun.BlockSource watched =
          progress == null
              ? source
              : () -> {
                progress.update(read[0], run.requests());
                return source.next();
              };
      run.run(
          watched, out, number -> err.println(file + ":" + number + ": skipped: not a log entry"));
    } finally {
      if (progress != null) {
        progress.done();
      }
    }
    out.flush();
    if (kind == BatchRun.Kind.ACCESS_LOG && file != null) {
      summary(err, run.requests(), run.statuses(), run.proxied());
    }
    return ExitCodes.OK;
  }

  /** The text transcript or the JSON array with full traces, one request after another. */
  private int oneByOne(
      Evaluator evaluator,
      Path file,
      BatchRun.Kind kind,
      List<String> argumentLines,
      Format f,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    List<Object> all = new ArrayList<>();
    try (LineInput lines = file == null ? null : new LineInput(Traffic.open(file, new long[1]))) {
      BatchRun.BlockSource source = blocks(lines, kind, argumentLines);
      for (BatchRun.Block block = source.next(); block != null; block = source.next()) {
        for (LineInput.Line input : block.lines()) {
          String request = BatchRun.requestLine(block.kind(), input.text());
          RequestLines.Line line = null;
          try {
            line = request == null ? null : RequestLines.parse(request, https, remoteAddr);
          } catch (RequestLines.BadLine e) {
            // a log entry a client cannot send (a request file was checked)
          }
          if (line == null) {
            if (BatchRun.toldWhenSkipped(block.kind(), input.text())) {
              err.println(file + ":" + input.number() + ": skipped: not a log entry");
            }
            continue;
          }
          Evaluation e = evaluator.evaluate(line.spec());
          if (f == Format.json) {
            Map<String, Object> o = JsonLine.fields(line.request(), e.outcome());
            o.put("trace", TraceRenderer.json(e.trace()));
            all.add(o);
          } else {
            out.print(TraceRenderer.text(line.request(), e));
          }
        }
      }
    }
    if (f == Format.json) {
      out.println(Json.pretty(all));
    }
    return ExitCodes.OK;
  }

  private static void summary(
      PrintWriter err, long total, Map<Integer, Long> statuses, long proxied) {
    StringBuilder b = new StringBuilder().append(total).append(" requests:");
    for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
      b.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    b.append("; proxied ").append(proxied);
    err.println(b);
  }

  private int expect(Evaluator evaluator, PrintWriter out, PrintWriter err) throws IOException {
    if (!Files.isRegularFile(expectFile)) {
      err.println(expectFile + ": cannot read: no such file");
      return ExitCodes.UNREADABLE;
    }
    SourceFile specFile = SourceFile.read(expectFile);
    Expectation.SpecFile parsed = Expectation.parse(specFile, https, remoteAddr);
    if (!parsed.errors().isEmpty()) {
      for (Diagnostic d : parsed.errors()) {
        err.println(DiagnosticPrinter.withSource(d, specFile));
      }
      return ExitCodes.USAGE;
    }
    long started = System.nanoTime();
    List<JUnitReport.Case> cases = new ArrayList<>();
    int failed = 0;
    for (Expectation x : parsed.expectations()) {
      Evaluation e = evaluator.evaluate(x.line().spec());
      List<String> failures = x.failures(e.outcome());
      cases.add(new JUnitReport.Case(x.line().raw(), x.span().position(), failures));
      if (!failures.isEmpty()) {
        failed++;
        out.println(x.span().position() + ": FAIL " + RawText.display(x.line().raw()));
        out.println("  expected: " + x.text());
        out.println("  actual:   " + TraceRenderer.outcome(e.outcome()));
        for (String f : failures) {
          out.println("  - " + f);
        }
      }
    }
    int passed = parsed.expectations().size() - failed;
    out.println(passed + " passed, " + failed + " failed");
    if (junitFile != null) {
      double seconds = (System.nanoTime() - started) / 1e9;
      Files.writeString(
          junitFile,
          JUnitReport.render(expectFile.toString(), cases, seconds),
          StandardCharsets.UTF_8);
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }
}
