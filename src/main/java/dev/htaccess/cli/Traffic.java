package dev.htaccess.cli;

import dev.htaccess.replay.WeightedRequest;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The requests a replay gets from access logs (gzip-compressed ones too), a request file and URL
 * arguments, as distinct requests with how often each occurs (in the order first seen).
 */
final class Traffic {

  private Traffic() {}

  /** Adds the distinct requests of all inputs to {@code out}; an exit code (OK when all read). */
  static int read(
      List<Path> logs,
      Path requestsFile,
      List<String> urls,
      List<WeightedRequest> out,
      PrintWriter err) {
    Map<String, RequestLines.Line> first = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Long> logLines = new LinkedHashMap<>();
    for (Path log : logs) {
      if (!readLog(log, logLines, err)) {
        return ExitCodes.UNREADABLE;
      }
    }
    for (Map.Entry<String, Long> e : logLines.entrySet()) {
      RequestLines.Line line;
      try {
        line = RequestLines.parse(e.getKey(), false, "127.0.0.1");
      } catch (RequestLines.BadLine bad) {
        // A log entry whose request line is not one a client can send (as test --access-log
        // skips it).
        err.println(
            "htaccess: skipped "
                + e.getValue()
                + " log entr"
                + (e.getValue() == 1 ? "y" : "ies")
                + " of a request that cannot be sent: "
                + RawText.display(e.getKey())
                + ": "
                + bad.getMessage());
        continue;
      }
      count(line, e.getValue(), first, counts);
    }
    if (requestsFile != null) {
      String content = read(requestsFile, err);
      if (content == null) {
        return ExitCodes.UNREADABLE;
      }
      try {
        RequestLines.parseFile(content, false, "127.0.0.1")
            .forEach(l -> count(l, 1, first, counts));
      } catch (RequestLines.BadLine e) {
        err.println(requestsFile + ":" + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    for (String url : urls) {
      try {
        count(
            RequestLines.fromArguments("GET", url, List.of(), false, "127.0.0.1"),
            1,
            first,
            counts);
      } catch (RequestLines.BadLine e) {
        err.println("htaccess: " + url + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    for (Map.Entry<String, RequestLines.Line> e : first.entrySet()) {
      RequestLines.Line line = e.getValue();
      out.add(new WeightedRequest(line.request(), line.spec(), counts.get(e.getKey())));
    }
    return ExitCodes.OK;
  }

  private static void count(
      RequestLines.Line line,
      long times,
      Map<String, RequestLines.Line> first,
      Map<String, Long> counts) {
    String key = line.request() + '\0' + line.spec().headers() + '\0' + line.spec().remoteAddr();
    first.putIfAbsent(key, line);
    counts.merge(key, times, Long::sum);
  }

  /**
   * Reads a log a line at a time (memory grows with its distinct requests, not its size), adding
   * each request line to {@code counts}; false (reported) when the file cannot be read.
   */
  private static boolean readLog(Path log, Map<String, Long> counts, PrintWriter err) {
    if (!Files.isRegularFile(log)) {
      err.println(log + ": cannot read: no such file");
      return false;
    }
    long[] read = {0};
    Progress progress;
    try {
      progress = Progress.onTerminal(err, log.getFileName().toString(), Files.size(log));
    } catch (IOException e) {
      progress = null;
    }
    try (LineInput input = new LineInput(open(log, read))) {
      // Lines are read in blocks and parsed on every core; counted in order.
      for (List<LineInput.Line> block = input.next(BLOCK);
          !block.isEmpty();
          block = input.next(BLOCK)) {
        List<LineInput.Line> lines = block;
        String[] requests = new String[lines.size()];
        java.util.stream.IntStream.range(0, lines.size())
            .parallel()
            .forEach(i -> requests[i] = parse(lines.get(i).text()));
        for (int i = 0; i < requests.length; i++) {
          if (requests[i] == null) {
            err.println(log + ":" + lines.get(i).number() + ": skipped: not a log entry");
          } else if (!requests[i].isEmpty()) {
            counts.merge(requests[i], 1L, Long::sum);
          }
        }
        if (progress != null) {
          progress.update(read[0], lines.get(lines.size() - 1).number());
        }
      }
      return true;
    } catch (IOException e) {
      err.println(log + ": cannot read: " + e.getMessage());
      return false;
    } finally {
      if (progress != null) {
        progress.done();
      }
    }
  }

  private static final int BLOCK = 1 << 15;

  /** A log line's request line, "" for a blank line, null for a line that is not an entry. */
  private static String parse(String line) {
    return line.isBlank() ? "" : AccessLog.requestLine(line);
  }

  /** A file's bytes, gunzipped when they are gzip. */
  private static InputStream open(Path file) throws IOException {
    return open(file, new long[1]);
  }

  /** A file's bytes, gunzipped when they are gzip; {@code read[0]} counts the file's bytes read. */
  static InputStream open(Path file, long[] read) throws IOException {
    InputStream counting =
        new java.io.FilterInputStream(Files.newInputStream(file)) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              read[0]++;
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
              read[0] += n;
            }
            return n;
          }
        };
    InputStream buffered = new java.io.BufferedInputStream(counting, 1 << 16);
    buffered.mark(2);
    int b1 = buffered.read();
    int b2 = buffered.read();
    buffered.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
  }

  /** A file's content as raw text, gunzipped when it is gzip; null (reported) when unreadable. */
  static String read(Path file, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(file + ": cannot read: no such file");
      return null;
    }
    try (InputStream body = open(file)) {
      return RawText.fromBytes(body.readAllBytes());
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return null;
    }
  }
}
