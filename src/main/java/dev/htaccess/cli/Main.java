package dev.htaccess.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code bin/htaccess}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // Standard output is buffered (batch runs print one line per request) and flushed at exit;
    // standard error flushes every line so messages appear as they happen.
    PrintWriter out =
        new PrintWriter(
            new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(
                    new java.io.FileOutputStream(java.io.FileDescriptor.out),
                    java.nio.charset.StandardCharsets.UTF_8),
                1 << 16),
            false);
    PrintWriter err = new PrintWriter(System.err, true);
    Warmup.start(args);
    int[] code = {70};
    // The reader, linter and evaluator walk the configuration tree recursively; a thread with a
    // deep stack walks files nested as deep as the reader accepts (AstBuilder's limit). The
    // stack is reserved, not used, until a file needs it.
    Thread worker = new Thread(null, () -> code[0] = run(args, out, err), "htaccess", STACK_BYTES);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(code[0]);
  }

  /** The stack of the thread that runs the command. */
  private static final long STACK_BYTES = 64L << 20;

  /** The {@code htaccess} command line with all its subcommands (for tests and tools). */
  public static CommandLine commandLine() {
    return new CommandLine(new HtaccessCommand.Full());
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = HtaccessCommand.forArguments(args);
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
    int code;
    try {
      code = cli.execute(args);
    } catch (RuntimeException | Error e) {
      // Errors (such as a failed class initialisation) bypass picocli's exception handler.
      err.println("htaccess: internal error: " + e);
      if (Boolean.getBoolean("htaccess.debug") || System.getenv("HTACCESS_DEBUG") != null) {
        e.printStackTrace(err);
      }
      code = ExitCodes.INTERNAL;
    }
    out.flush();
    err.flush();
    return code;
  }
}
