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
    for (Path log : logs) {
      String content = read(log, err);
      if (content == null) {
        return ExitCodes.UNREADABLE;
      }
      AccessLog.Parsed parsed = AccessLog.parse(content, false, "127.0.0.1");
      for (AccessLog.Skipped s : parsed.skipped()) {
        err.println(log + ":" + s.lineNumber() + ": skipped: not a log entry");
      }
      parsed.requests().forEach(l -> count(l, first, counts));
    }
    if (requestsFile != null) {
      String content = read(requestsFile, err);
      if (content == null) {
        return ExitCodes.UNREADABLE;
      }
      try {
        RequestLines.parseFile(content, false, "127.0.0.1").forEach(l -> count(l, first, counts));
      } catch (RequestLines.BadLine e) {
        err.println(requestsFile + ":" + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    for (String url : urls) {
      try {
        count(RequestLines.fromArguments("GET", url, List.of(), false, "127.0.0.1"), first, counts);
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
      RequestLines.Line line, Map<String, RequestLines.Line> first, Map<String, Long> counts) {
    String key = line.request() + '\0' + line.spec().headers() + '\0' + line.spec().remoteAddr();
    first.putIfAbsent(key, line);
    counts.merge(key, 1L, Long::sum);
  }

  /** A file's content as raw text, gunzipped when it is gzip; null (reported) when unreadable. */
  static String read(Path file, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      err.println(file + ": cannot read: no such file");
      return null;
    }
    try (InputStream in = Files.newInputStream(file);
        InputStream buffered = new java.io.BufferedInputStream(in)) {
      buffered.mark(2);
      int b1 = buffered.read();
      int b2 = buffered.read();
      buffered.reset();
      InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered) : buffered;
      return RawText.fromBytes(body.readAllBytes());
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return null;
    }
  }
}
