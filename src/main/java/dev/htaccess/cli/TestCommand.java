package dev.htaccess.cli;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.report.DiagnosticPrinter;
import dev.htaccess.report.JUnitReport;
import dev.htaccess.report.Json;
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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
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
    List<RequestLines.Line> requests = new ArrayList<>();
    boolean fromLog = false;
    if (inputs.requestsFile != null) {
      String content = readInput(inputs.requestsFile, err);
      if (content == null) {
        return ExitCodes.UNREADABLE;
      }
      try {
        requests.addAll(RequestLines.parseFile(content, https, remoteAddr));
      } catch (RequestLines.BadLine e) {
        err.println(inputs.requestsFile + ":" + e.getMessage());
        return ExitCodes.USAGE;
      }
    } else if (inputs.accessLog != null) {
      String content = readInput(inputs.accessLog, err);
      if (content == null) {
        return ExitCodes.UNREADABLE;
      }
      AccessLog.Parsed parsed = AccessLog.parse(content, https, remoteAddr);
      for (AccessLog.Skipped s : parsed.skipped()) {
        err.println(inputs.accessLog + ":" + s.lineNumber() + ": skipped: not a log entry");
      }
      requests.addAll(parsed.requests());
      fromLog = true;
    }
    for (String url : urls) {
      try {
        requests.add(RequestLines.fromArguments(method, url, headers, https, remoteAddr));
      } catch (RequestLines.BadLine e) {
        err.println("htaccess test: -H: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    if (requests.isEmpty()) {
      err.println("htaccess test: give URLs, --requests FILE or --access-log FILE");
      return ExitCodes.USAGE;
    }
    Format f = format != null ? format : urls.isEmpty() ? Format.jsonl : Format.text;
    if (f == Format.jsonl) {
      Map<Integer, Integer> statuses = new TreeMap<>();
      int[] proxied = new int[1];
      boolean progress = fromLog && System.console() != null;
      jsonl(evaluator, requests, out, err, statuses, proxied, progress);
      if (fromLog) {
        summary(err, requests.size(), statuses, proxied[0]);
      }
      return ExitCodes.OK;
    }
    List<Object> all = new ArrayList<>();
    for (RequestLines.Line line : requests) {
      Evaluation e = evaluator.evaluate(line.spec());
      if (f == Format.json) {
        Map<String, Object> o = outcomeJson(line.request(), e.outcome());
        o.put("trace", TraceRenderer.json(e.trace()));
        all.add(o);
      } else {
        out.print(TraceRenderer.text(line.request(), e));
      }
    }
    if (f == Format.json) {
      out.println(Json.pretty(all));
    }
    return ExitCodes.OK;
  }

  private static String readInput(Path file, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(file + ": cannot read: no such file");
      return null;
    }
    try {
      return RawText.fromBytes(Files.readAllBytes(file));
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return null;
    }
  }

  /**
   * One JSON line per request. Requests are independent: a block at a time is evaluated on every
   * core and printed in order. Logs repeat the same requests a lot, so a reproducible answer is
   * rendered once per distinct line.
   */
  private static void jsonl(
      Evaluator evaluator,
      List<RequestLines.Line> requests,
      PrintWriter out,
      PrintWriter err,
      Map<Integer, Integer> statuses,
      int[] proxied,
      boolean progress) {
    Map<String, String> rendered = new ConcurrentHashMap<>();
    int block = 8192;
    for (int start = 0; start < requests.size(); start += block) {
      List<RequestLines.Line> slice =
          requests.subList(start, Math.min(requests.size(), start + block));
      String[] lines = new String[slice.size()];
      int[] status = new int[slice.size()];
      boolean[] proxy = new boolean[slice.size()];
      IntStream.range(0, slice.size())
          .parallel()
          .forEach(
              i -> {
                RequestLines.Line line = slice.get(i);
                String known = rendered.get(line.raw());
                if (known != null) {
                  lines[i] = known;
                  return;
                }
                Evaluation e = evaluator.evaluate(line.spec(), TraceLevel.DECISIONS);
                Map<String, Object> o = outcomeJson(line.request(), e.outcome());
                o.put("trace", TraceRenderer.compact(e.trace()));
                lines[i] = Json.write(o);
                status[i] = e.outcome().status();
                proxy[i] = e.outcome().proxy() != null;
                if (e.reproducible() && rendered.size() < 4096) {
                  rendered.put(line.raw(), lines[i]);
                }
              });
      for (int i = 0; i < lines.length; i++) {
        out.println(lines[i]);
        if (status[i] == 0) {
          // A reused answer: read its status back from the rendered line.
          String l = lines[i];
          int k = l.indexOf("\"status\":") + 9;
          status[i] = Integer.parseInt(l.substring(k, l.indexOf(',', k)));
          proxy[i] = !l.contains("\"proxy\":null");
        }
        statuses.merge(status[i], 1, Integer::sum);
        if (proxy[i]) {
          proxied[0]++;
        }
      }
      if (progress) {
        int done = Math.min(requests.size(), start + block);
        int width = 30;
        int filled = (int) ((long) done * width / requests.size());
        err.print(
            "\r["
                + "#".repeat(filled)
                + " ".repeat(width - filled)
                + "] "
                + done
                + "/"
                + requests.size());
        err.flush();
      }
    }
    if (progress) {
      err.println();
    }
  }

  private static void summary(
      PrintWriter err, int total, Map<Integer, Integer> statuses, int proxied) {
    StringBuilder b = new StringBuilder().append(total).append(" requests:");
    for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
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

  private static Map<String, Object> outcomeJson(String request, Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("request", request);
    m.put("status", o.status());
    m.put("location", o.location());
    m.put("uri", o.uri());
    m.put("query", o.query());
    m.put("proxy", o.proxy());
    m.put("filename", o.filename());
    m.put("content_type", o.contentType());
    m.put("set_cookie", o.setCookie());
    return m;
  }
}
