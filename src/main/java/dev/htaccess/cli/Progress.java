package dev.htaccess.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on a terminal's standard error while a log is read: how far through the file,
 * lines read, the rate and the time left, rewritten in place at most four times a second.
 */
final class Progress {

  private final PrintWriter err;
  private final String label;
  private final long totalBytes;
  private final LongSupplier nanos;
  private final long started;
  private long lastShown;
  private boolean shown;

  Progress(PrintWriter err, String label, long totalBytes, LongSupplier nanos) {
    this.err = err;
    this.label = label;
    this.totalBytes = totalBytes;
    this.nanos = nanos;
    this.started = nanos.getAsLong();
    this.lastShown = started;
  }

  /** A progress line for the terminal, or null when standard error is not one. */
  static Progress onTerminal(PrintWriter err, String label, long totalBytes) {
    return System.console() == null ? null : new Progress(err, label, totalBytes, System::nanoTime);
  }

  /** Shows the line for {@code bytes} of the file read and {@code lines} lines, if it is time. */
  void update(long bytes, long lines) {
    long now = nanos.getAsLong();
    if (now - lastShown < 250_000_000L) {
      return;
    }
    lastShown = now;
    shown = true;
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    double rate = lines / seconds;
    String eta =
        bytes > 0 && totalBytes > bytes
            ? String.format(Locale.ROOT, ", %.0f s left", seconds * (totalBytes - bytes) / bytes)
            : "";
    int percent = totalBytes <= 0 ? 0 : (int) Math.min(100, bytes * 100 / totalBytes);
    int filled = percent * 20 / 100;
    err.print(
        String.format(
            Locale.ROOT,
            "\r%s [%s%s] %3d%% %,d lines, %,.0f lines/s%s   ",
            label,
            "#".repeat(filled),
            " ".repeat(20 - filled),
            percent,
            lines,
            rate,
            eta));
    err.flush();
  }

  /** Ends the line, if one was shown. */
  void done() {
    if (shown) {
      err.println();
    }
  }
}
