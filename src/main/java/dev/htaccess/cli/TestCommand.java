package dev.htaccess.cli;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.RequestLines;
import dev.htaccess.report.Json;
import dev.htaccess.report.TraceRenderer;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htaccess test}: dry-runs requests as Apache httpd 2.4 would answer them. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Dry-run requests against a document root as Apache httpd 2.4 would answer them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:requests evaluated",
      "1:the server configuration has errors (Apache would not start)",
      "2:usage error",
      "3:an input could not be read"
    })
final class TestCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    jsonl
  }

  @Spec CommandSpec spec;

  @Option(names = "--docroot", paramLabel = "DIR", description = "Document root (default: .).")
  Path docroot = Path.of(".");

  @Option(
      names = "--server-config",
      paramLabel = "FILE",
      description = "Directives of the <VirtualHost> around the document root.")
  Path serverConfig;

  @Option(names = "--host", paramLabel = "NAME", description = "Default Host header.")
  String host = "localhost";

  @Option(names = "-X", paramLabel = "METHOD", description = "Method for URL arguments.")
  String method = "GET";

  @Option(names = "-H", paramLabel = "'Name: value'", description = "Header for URL arguments.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--https", description = "Requests arrive over TLS.")
  boolean https;

  @Option(names = "--remote-addr", paramLabel = "IP", description = "Client address.")
  String remoteAddr = "127.0.0.1";

  @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or jsonl.")
  Format format = Format.text;

  @Option(
      names = "--requests",
      paramLabel = "FILE",
      description = "One request a line: METHOD URL[<TAB>Header: value]...")
  Path requestsFile;

  @Parameters(paramLabel = "URL", arity = "0..*", description = "Paths or absolute URLs.")
  List<String> urls = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(docroot)) {
      err.println(docroot + ": cannot read: not a directory");
      return ExitCodes.UNREADABLE;
    }
    if (serverConfig != null && !Files.isRegularFile(serverConfig)) {
      err.println(serverConfig + ": cannot read: no such file");
      return ExitCodes.UNREADABLE;
    }
    Evaluator evaluator = Evaluator.create(docroot, serverConfig, host, true);
    if (!evaluator.configErrors().isEmpty()) {
      for (Diagnostic d : evaluator.configErrors()) {
        err.println(d.format());
      }
      return ExitCodes.FINDINGS;
    }
    List<RequestLines.Line> requests = new ArrayList<>();
    if (requestsFile != null) {
      if (!Files.isRegularFile(requestsFile)) {
        err.println(requestsFile + ": cannot read: no such file");
        return ExitCodes.UNREADABLE;
      }
      requests.addAll(
          RequestLines.parseFile(
              RawText.fromBytes(Files.readAllBytes(requestsFile)), https, remoteAddr));
    }
    for (String url : urls) {
      requests.add(RequestLines.fromArguments(method, url, headers, https, remoteAddr));
    }
    if (requests.isEmpty()) {
      err.println("htaccess test: give URLs or --requests FILE");
      return ExitCodes.USAGE;
    }
    List<Object> all = new ArrayList<>();
    if (format == Format.jsonl) {
      // Requests are independent: evaluate a block at a time on every core, print in order.
      // Logs repeat the same requests a lot; a reproducible answer is rendered once per line.
      Map<String, String> rendered = new java.util.concurrent.ConcurrentHashMap<>();
      int block = 8192;
      for (int start = 0; start < requests.size(); start += block) {
        List<RequestLines.Line> slice =
            requests.subList(start, Math.min(requests.size(), start + block));
        String[] lines = new String[slice.size()];
        java.util.stream.IntStream.range(0, slice.size())
            .parallel()
            .forEach(
                i -> {
                  RequestLines.Line line = slice.get(i);
                  String known = rendered.get(line.raw());
                  if (known != null) {
                    lines[i] = known;
                    return;
                  }
                  Evaluation e = evaluator.evaluate(line.spec(), false);
                  Map<String, Object> o = outcomeJson(line.request(), e.outcome());
                  o.put("trace", TraceRenderer.compact(e.trace()));
                  lines[i] = Json.write(o);
                  if (e.reproducible() && rendered.size() < 100_000) {
                    rendered.put(line.raw(), lines[i]);
                  }
                });
        for (String l : lines) {
          out.println(l);
        }
      }
      return ExitCodes.OK;
    }
    for (RequestLines.Line line : requests) {
      Evaluation e = evaluator.evaluate(line.spec());
      if (format == Format.json) {
        Map<String, Object> o = outcomeJson(line.request(), e.outcome());
        o.put("trace", TraceRenderer.json(e.trace()));
        all.add(o);
      } else {
        out.print(TraceRenderer.text(line.request(), e));
      }
    }
    if (format == Format.json) {
      out.println(Json.pretty(all));
    }
    return ExitCodes.OK;
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
