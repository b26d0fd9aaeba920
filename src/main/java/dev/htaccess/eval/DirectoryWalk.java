package dev.htaccess.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's directory walk (ap_directory_walk) of a file name: the directories on the way, the
 * existing (or first missing) part that becomes {@code r->filename}, and the rest, PATH_INFO. With
 * a static tree the walk of each file name is remembered.
 */
final class DirectoryWalk {

  /**
   * What the walk found.
   *
   * @param dirs the directories on the way, document root first
   * @param existing what becomes {@code r->filename}
   * @param pathInfo what becomes PATH_INFO
   * @param isDir whether {@code existing} is a directory
   * @param exists whether {@code existing} exists
   * @param symlinks the symbolic links on the way, in order (a dangling one ends the walk), which
   *     Options decides on (see {@link SymlinkOptions})
   * @param special whether {@code existing} is neither a file nor a directory (a FIFO, a socket, a
   *     device): the walk refuses it with 403
   */
  record Walk(
      List<String> dirs,
      String existing,
      String pathInfo,
      boolean isDir,
      boolean exists,
      List<String> symlinks,
      boolean special) {}

  private final String docroot;

  /** The document root and its parents, outermost first: directories the walk need not stat. */
  private final List<String> docrootChain;

  private final Map<String, Walk> memo;

  DirectoryWalk(String docroot, boolean staticTree) {
    this.docroot = docroot;
    List<String> chain = new ArrayList<>();
    for (int slash = docroot.indexOf('/', 1); slash > 0; slash = docroot.indexOf('/', slash + 1)) {
      chain.add(docroot.substring(0, slash));
    }
    chain.add(docroot);
    this.docrootChain = List.copyOf(chain);
    this.memo = staticTree ? new ConcurrentHashMap<>() : null;
  }

  Walk walk(String filename, StatLookup stat) {
    if (memo == null) {
      return walkUncached(filename, stat);
    }
    Walk w = memo.get(filename);
    if (w == null) {
      w = walkUncached(filename, stat);
      if (memo.size() < 4_096) {
        memo.put(filename, w);
      }
    }
    return w;
  }

  /** Whether {@code filename} is the document root or below it (a root of "/" never is). */
  private boolean insideDocroot(String filename) {
    int n = docroot.length();
    return n > 1
        && !docroot.endsWith("/")
        && filename.startsWith(docroot)
        && (filename.length() == n || filename.charAt(n) == '/');
  }

  private Walk walkUncached(String filename, StatLookup stat) {
    List<String> dirs = new ArrayList<>();
    List<String> symlinks = new ArrayList<>();
    boolean special = false;
    boolean isDir = false;
    boolean exists = true;
    // filename.substring(0, walked) is what the walk has reached; the rest starts with '/'.
    int walked = 0;
    if (insideDocroot(filename)) {
      dirs.addAll(docrootChain);
      isDir = true;
      walked = docroot.length();
    }
    while (walked < filename.length()) {
      int slash = filename.indexOf('/', walked + 1);
      int segmentEnd = slash < 0 ? filename.length() : slash;
      if (segmentEnd == walked + 1 && segmentEnd == filename.length()) {
        break; // trailing slash
      }
      String next = filename.substring(0, segmentEnd);
      // The document root and its parents are directories: no need to look.
      boolean known =
          docroot.startsWith(next)
              && (docroot.length() == next.length() || docroot.charAt(next.length()) == '/');
      FileStats.Stat st = known ? null : stat.stat(next);
      walked = segmentEnd;
      if (st != null && st.symlink()) {
        symlinks.add(next);
      }
      if (st != null && !st.exists()) {
        // Apache keeps the first missing segment in r->filename; the rest is PATH_INFO.
        exists = false;
        isDir = false;
        break;
      }
      if (st == null || st.directory()) {
        dirs.add(next);
        isDir = true;
      } else {
        isDir = false;
        special = !st.regular();
        break;
      }
    }
    String existing = walked == 0 ? "/" : filename.substring(0, walked);
    String pathInfo = filename.substring(walked);
    if (isDir && pathInfo.equals("/")) {
      existing = existing + "/";
      pathInfo = "";
    }
    if (isDir && !existing.endsWith("/") && pathInfo.isEmpty() && filename.endsWith("/")) {
      existing = existing + "/";
    }
    return new Walk(
        List.copyOf(dirs), existing, pathInfo, isDir, exists, List.copyOf(symlinks), special);
  }
}
