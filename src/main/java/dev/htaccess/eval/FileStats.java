package dev.htaccess.eval;

import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * File metadata for the evaluator, with an optional memo: a batch dry run looks at a tree that does
 * not change while it runs, so each path is asked about once; the server asks every time, so that
 * edits show at once.
 *
 * <p>With the memo, a path is also known to be missing without a stat when its directory's listing
 * (read once) has no such name, or its parent is missing or not a directory. Most paths a replay
 * asks about are missing (a front controller's {@code !-f}), and Java reports a failed stat with an
 * exception, which costs three times a successful stat.
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
  private final Map<String, Listing> listings;

  FileStats(boolean memoize) {
    this.memo = memoize ? new ConcurrentHashMap<>() : null;
    this.listings = memoize ? new ConcurrentHashMap<>() : null;
  }

  /**
   * The names in a directory, ASCII letters lowered (on a file system that ignores case a name
   * listed as {@code Index.php} answers for {@code index.php} too, so a name counts as missing only
   * when no spelling of it is listed); null names when the directory could not be listed or is too
   * big to keep.
   */
  private record Listing(Set<String> names) {
    static final Listing UNKNOWN = new Listing(null);
    static final int MAX_NAMES = 4_096;
    static final int MAX_DIRECTORIES = 1_024;

    static Listing read(String directory) {
      Set<String> names = new HashSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(directory))) {
        for (Path entry : entries) {
          if (names.size() == MAX_NAMES) {
            return UNKNOWN;
          }
          names.add(entry.getFileName().toString().toLowerCase(Locale.ROOT));
        }
      } catch (IOException | RuntimeException e) {
        return UNKNOWN;
      }
      return new Listing(names);
    }
  }

  /** Stats {@code path} (a byte string). */
  Stat stat(String path) {
    if (memo == null) {
      return load(path);
    }
    Stat s = memo.get(path);
    if (s == null) {
      s = knownMissing(path) ? Stat.MISSING : load(path);
      if (memo.size() < 16_384) {
        memo.put(path, s);
      }
    }
    return s;
  }

  /**
   * Whether {@code path} is missing by what is already known of its parent: the parent is missing
   * or not a directory, or its listing lacks the name. Only plain ASCII names are looked up (others
   * are named by bytes the listing may decode differently), never {@code .} or {@code ..}.
   */
  private boolean knownMissing(String path) {
    int slash = path.lastIndexOf('/');
    if (slash <= 0 || slash == path.length() - 1 || !RawText.isAscii(path)) {
      return false;
    }
    String name = path.substring(slash + 1);
    if (name.equals(".") || name.equals("..")) {
      return false;
    }
    String parent = path.substring(0, slash);
    Stat dir = stat(parent);
    if (!dir.directory()) {
      return true; // a missing parent, or a file or a dangling link: ENOENT or ENOTDIR
    }
    Listing listing = listings.get(parent);
    if (listing == null) {
      if (listings.size() >= Listing.MAX_DIRECTORIES) {
        return false; // a stat, as for a directory too big to list
      }
      listing = Listing.read(parent);
      listings.putIfAbsent(parent, listing);
    }
    return listing.names() != null && !listing.names().contains(name.toLowerCase(Locale.ROOT));
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
