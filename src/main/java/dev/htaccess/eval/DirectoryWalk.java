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
  private final Map<String, Walk> memo;

  DirectoryWalk(String docroot, boolean staticTree) {
    this.docroot = docroot;
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

  private Walk walkUncached(String filename, StatLookup stat) {
    String[] segments = filename.substring(1).split("/", -1);
    List<String> dirs = new ArrayList<>();
    List<String> symlinks = new ArrayList<>();
    boolean special = false;
    StringBuilder current = new StringBuilder();
    int i = 0;
    boolean isDir = false;
    boolean exists = true;
    for (; i < segments.length; i++) {
      String next = current + "/" + segments[i];
      if (segments[i].isEmpty() && i == segments.length - 1) {
        break; // trailing slash
      }
      // The document root and its parents are directories: no need to look.
      boolean known =
          docroot.startsWith(next)
              && (docroot.length() == next.length() || docroot.charAt(next.length()) == '/');
      FileStats.Stat st = known ? null : stat.stat(next);
      current.setLength(0);
      current.append(next);
      if (st != null && st.symlink()) {
        symlinks.add(next);
      }
      if (st != null && !st.exists()) {
        // Apache keeps the first missing segment in r->filename; the rest is PATH_INFO.
        exists = false;
        isDir = false;
        i++;
        break;
      }
      if (st == null || st.directory()) {
        dirs.add(next);
        isDir = true;
      } else {
        isDir = false;
        special = !st.regular();
        i++;
        break;
      }
    }
    String existing = current.length() == 0 ? "/" : current.toString();
    StringBuilder info = new StringBuilder();
    for (int j = i; j < segments.length; j++) {
      info.append('/').append(segments[j]);
    }
    String pathInfo = info.toString();
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
