package dev.htaccess.cli;

import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.replay.WeightedRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The traffic a replay takes (diff, coverage): access logs, a request file, URLs, the Host. */
final class ReplayInputs {

  @Option(
      names = "--access-log",
      paramLabel = "LOG",
      description = "Apache common/combined access logs (.gz too); repeatable.")
  List<Path> accessLogs = new ArrayList<>();

  @Option(
      names = "--requests",
      paramLabel = "FILE",
      description = "One request a line: METHOD URL[<TAB>Header: value]...")
  Path requestsFile;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "Host header of requests that have none (default: ${DEFAULT-VALUE}).")
  String host = "localhost";

  @Parameters(paramLabel = "URL", arity = "0..*", description = "Paths or absolute URLs.")
  List<String> urls = new ArrayList<>();

  /**
   * Adds the distinct requests of every input to {@code out}; an exit code, OK when they were read
   * and there is at least one.
   */
  int read(List<WeightedRequest> out, PrintWriter err, String command) {
    int status = Traffic.read(accessLogs, requestsFile, urls, out, err);
    if (status == ExitCodes.OK && out.isEmpty()) {
      err.println("htaccess " + command + ": give --access-log LOG, --requests FILE or URLs");
      return ExitCodes.USAGE;
    }
    return status;
  }

  /** The evaluator options of a replay of {@code site}: its Host, and a static tree. */
  EvaluatorOptions options(SiteOptions site) {
    return EvaluatorOptions.of(site.docroot)
        .withServerConfig(site.serverConfig)
        .withDefaultHost(host)
        .withMemo(MemoPolicy.STATIC_TREE);
  }
}
