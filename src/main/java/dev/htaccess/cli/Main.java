package dev.htaccess.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code bin/htaccess}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new HtaccessCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("htaccess: internal error: " + ex);
          if (Boolean.getBoolean("htaccess.debug") || System.getenv("HTACCESS_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return ExitCodes.INTERNAL;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
