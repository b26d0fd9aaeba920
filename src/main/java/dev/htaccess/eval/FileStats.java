package dev.htaccess.eval;

import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * File metadata for the evaluator, with an optional memo: a batch dry run looks at a tree that does
 * not change while it runs, so each path is asked about once; the server asks every time, so that
 * edits show at once.
 */
final class FileStats {

  /**
   * What a stat says about a path (following links, except {@link #symlink} and {@link
   * #linkOwnerMatches}, which is true for a link whose target has the link's owner, and for
   * anything that is not a link).
   */
  record Stat(
      boolean exists,
      boolean directory,
      boolean regular,
      boolean symlink,
      boolean linkOwnerMatches,
      boolean executable,
      long size,
      long modified) {
    static final Stat MISSING = new Stat(false, false, false, false, true, false, 0, 0);
  }

  private final Map<String, Stat> memo;

  FileStats(boolean memoize) {
    this.memo = memoize ? new ConcurrentHashMap<>() : null;
  }

  /** Stats {@code path} (a byte string). */
  Stat stat(String path) {
    if (memo == null) {
      return load(path);
    }
    Stat s = memo.get(path);
    if (s == null) {
      s = load(path);
      if (memo.size() < 16_384) {
        memo.put(path, s);
      }
    }
    return s;
  }

  /**
   * The name of the user (or group) owning {@code path}, or null when it cannot be read. Looked up
   * only when asked (SCRIPT_USER is rare): resolving a name costs far more than a stat.
   */
  static String owner(String path, boolean user) {
    try {
      PosixFileAttributes a =
          Files.readAttributes(Path.of(RawText.display(path)), PosixFileAttributes.class);
      return user ? a.owner().getName() : a.group().getName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Stat load(String path) {
    Path p;
    try {
      p = Path.of(RawText.isAscii(path) ? path : RawText.display(path));
    } catch (RuntimeException e) {
      return Stat.MISSING;
    }
    PosixFileAttributes link;
    try {
      link = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return Stat.MISSING;
    }
    if (!link.isSymbolicLink()) {
      return of(link, false, true);
    }
    try {
      PosixFileAttributes target = Files.readAttributes(p, PosixFileAttributes.class);
      return of(target, true, target.owner().equals(link.owner()));
    } catch (IOException e) {
      // A dangling symbolic link: it exists as a link only.
      return new Stat(false, false, false, true, false, false, 0, 0);
    }
  }

  private static Stat of(PosixFileAttributes a, boolean symlink, boolean ownerMatches) {
    var perms = a.permissions();
    boolean exec =
        perms.contains(PosixFilePermission.OWNER_EXECUTE)
            || perms.contains(PosixFilePermission.GROUP_EXECUTE)
            || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    return new Stat(
        true,
        a.isDirectory(),
        a.isRegularFile(),
        symlink,
        ownerMatches,
        exec,
        a.size(),
        // Nanoseconds where the file system keeps them: two same-size edits within one
        // millisecond must still look different to the caches that compare stats.
        a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
  }
}
