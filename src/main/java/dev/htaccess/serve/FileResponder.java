package dev.htaccess.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a static file as Apache's default handler does: Last-Modified and ETag validators, 304 for
 * If-None-Match / If-Modified-Since, a single byte range (206, or 416 when unsatisfiable), HEAD.
 */
final class FileResponder {

  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** What to send: status, headers and the byte range of the file (or none). */
  record Plan(
      int status,
      long start,
      long length,
      String etag,
      String lastModified,
      long size,
      long modifiedMillis,
      List<long[]> parts) {

    Plan(
        int status,
        long start,
        long length,
        String etag,
        String lastModified,
        long size,
        long modifiedMillis) {
      this(status, start, length, etag, lastModified, size, modifiedMillis, List.of());
    }
  }

  private FileResponder() {}

  static Plan plan(
      Path file,
      int status,
      String method,
      String ifNoneMatch,
      String ifModifiedSince,
      String range)
      throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    long size = a.size();
    long modifiedMillis = a.lastModifiedTime().toMillis();
    Validators v = VALIDATORS.get(file);
    if (v == null || v.size() != size || v.modifiedMillis() != modifiedMillis) {
      long mtimeMicros = modifiedMillis * 1000;
      // Apache's default FileETag: inode-size-mtime; without the inode here: size-mtime in hex.
      String tag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtimeMicros) + "\"";
      Instant seconds =
          a.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      v = new Validators(size, modifiedMillis, tag, seconds, HTTP_DATE.format(seconds));
      if (VALIDATORS.size() >= CACHED_FILES_MAX) {
        VALIDATORS.clear();
      }
      VALIDATORS.put(file, v);
    }
    String etag = v.etag();
    Instant modified = v.modified();
    String lastModified = v.lastModified();
    if (status == 200) {
      if (ifNoneMatch != null) {
        if (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag)) {
          return new Plan(304, 0, 0, etag, lastModified, size, modifiedMillis);
        }
      } else if (ifModifiedSince != null) {
        try {
          Instant since =
              ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant();
          // A date in the future is ignored, as Apache does (it cannot be a real validator).
          if (!modified.isAfter(since) && !since.isAfter(Instant.now())) {
            return new Plan(304, 0, 0, etag, lastModified, size, modifiedMillis);
          }
        } catch (DateTimeParseException e) {
          // an unreadable date is ignored, as Apache does
        }
      }
      if (range != null && range.startsWith("bytes=")) {
        List<long[]> parts = ranges(range.substring(6), size);
        if (parts == null) {
          // an invalid Range header is ignored
        } else if (parts.isEmpty()) {
          return new Plan(416, 0, 0, etag, lastModified, size, modifiedMillis);
        } else if (parts.size() == 1) {
          long[] r = parts.get(0);
          return new Plan(206, r[0], r[1] - r[0] + 1, etag, lastModified, size, modifiedMillis);
        } else {
          return new Plan(206, 0, 0, etag, lastModified, size, modifiedMillis, parts);
        }
      }
    }
    return new Plan(status, 0, size, etag, lastModified, size, modifiedMillis);
  }

  /**
   * The satisfiable ranges of a {@code bytes=} list as Apache's byterange filter keeps them:
   * unsatisfiable ones dropped, each merged into the one before it when they overlap or touch,
   * order otherwise kept. Null when the header is malformed (it is then ignored).
   */
  private static List<long[]> ranges(String spec, long size) {
    List<long[]> out = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String part = raw.trim();
      int dash = part.indexOf('-');
      if (dash < 0) {
        return null;
      }
      long start;
      long end;
      try {
        if (dash == 0) {
          long suffix = Long.parseLong(part.substring(1));
          if (suffix == 0) {
            continue;
          }
          start = Math.max(0, size - suffix);
          end = size - 1;
        } else {
          start = Long.parseLong(part.substring(0, dash));
          end =
              dash == part.length() - 1
                  ? size - 1
                  : Math.min(size - 1, Long.parseLong(part.substring(dash + 1)));
        }
      } catch (NumberFormatException e) {
        return null;
      }
      if (start >= size || start > end) {
        continue;
      }
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && start <= last[1] + 1 && end >= last[0] - 1) {
        last[0] = Math.min(last[0], start);
        last[1] = Math.max(last[1], end);
      } else {
        out.add(new long[] {start, end});
      }
    }
    return out;
  }

  /** Small files by path, with the size and mtime they had when read. */
  private record CachedBody(long size, long modifiedMillis, byte[] bytes) {}

  /** A file's ETag and Last-Modified, formatted once per version of the file. */
  private record Validators(
      long size, long modifiedMillis, String etag, Instant modified, String lastModified) {}

  private static final Map<Path, Validators> VALIDATORS = new ConcurrentHashMap<>();

  private static final int CACHED_FILE_MAX = 64 * 1024;
  private static final int CACHED_FILES_MAX = 2_048;
  private static final java.util.concurrent.ConcurrentHashMap<Path, CachedBody> BODIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Reads {@code length} bytes from {@code start}: a small file's whole answer. Files up to 64 KB
   * are kept in memory while their size and mtime (just read by {@link #plan}) stay the same.
   */
  static byte[] read(Path file, Plan plan) throws IOException {
    if (plan.size() > CACHED_FILE_MAX) {
      return readRange(file, plan.start(), (int) plan.length());
    }
    CachedBody cached = BODIES.get(file);
    if (cached == null
        || cached.size() != plan.size()
        || cached.modifiedMillis() != plan.modifiedMillis()) {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != plan.size()) {
        // changed while we looked: answer what was read now, cache nothing
        return java.util.Arrays.copyOfRange(
            bytes,
            (int) Math.min(plan.start(), bytes.length),
            (int) Math.min(plan.start() + plan.length(), bytes.length));
      }
      cached = new CachedBody(plan.size(), plan.modifiedMillis(), bytes);
      if (BODIES.size() >= CACHED_FILES_MAX) {
        BODIES.clear();
      }
      BODIES.put(file, cached);
    }
    if (plan.start() == 0 && plan.length() == cached.bytes().length) {
      return cached.bytes();
    }
    return java.util.Arrays.copyOfRange(
        cached.bytes(), (int) plan.start(), (int) (plan.start() + plan.length()));
  }

  /** A larger file mapped into memory, with the size and mtime it had when mapped. */
  private record MappedBody(long size, long modifiedMillis, java.nio.MappedByteBuffer bytes) {}

  /**
   * Files up to this size are mapped (and the mapping kept) rather than copied through the heap.
   */
  static final long MAPPED_FILE_MAX = 16L << 20;

  /** The most bytes of mappings kept at once (address space, and resident once sent). */
  private static final long MAPPED_TOTAL_MAX = 64L << 20;

  private static final Map<Path, MappedBody> MAPPED = new ConcurrentHashMap<>();
  private static final java.util.concurrent.atomic.AtomicLong MAPPED_BYTES =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * The bytes {@code plan} sends of a file up to {@link #MAPPED_FILE_MAX}, as a read-only view of
   * the file mapped into memory: the socket write then copies them once, from the page cache, as
   * Apache's EnableMMAP does (copying through a heap buffer halved the throughput of 1 MB files).
   * The mapping is kept while the file's size and mtime stay as {@link #plan} just read them.
   */
  static java.nio.ByteBuffer mapped(Path file, Plan plan) throws IOException {
    MappedBody body = MAPPED.get(file);
    if (body == null
        || body.size() != plan.size()
        || body.modifiedMillis() != plan.modifiedMillis()) {
      java.nio.MappedByteBuffer map;
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
        if (channel.size() != plan.size()) {
          // changed while we looked: send what is there now, by the copying path
          return null;
        }
        map = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, plan.size());
      }
      body = new MappedBody(plan.size(), plan.modifiedMillis(), map);
      if (MAPPED_BYTES.addAndGet(plan.size()) > MAPPED_TOTAL_MAX) {
        MAPPED.clear(); // the mappings go when the collector finds them unreachable
        MAPPED_BYTES.set(plan.size());
      }
      MAPPED.put(file, body);
    }
    return body.bytes().slice((int) plan.start(), (int) plan.length()).asReadOnlyBuffer();
  }

  private static byte[] readRange(Path file, long start, int length) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(start);
      return in.readNBytes(length);
    }
  }

  static void copy(Path file, long start, long length, OutputStream out) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(start);
      // Sized to the file: most answers are small, and a 64 KB buffer per request costs more
      // than the copy.
      byte[] buffer = new byte[(int) Math.max(1, Math.min(64 * 1024, length))];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }
}
