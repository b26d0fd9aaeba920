package dev.htaccess.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers remembered between requests, for {@link MemoPolicy#REVALIDATE} (a replay evaluates each
 * distinct request once by itself, so {@link MemoPolicy#STATIC_TREE} remembers files, not answers).
 * An answer that depends on more than the request and the files (the clock, the client's port, a
 * random or program map) is never remembered, nor is one that read a RewriteMap, whose file can
 * change without any stat seeing it.
 *
 * <p>Before reuse every path the answer looked at is stat'ed again, except that a path that was
 * missing is proven still missing by its directory: creating, deleting or renaming an entry sets
 * the directory's modification time, so while the directory stats the same, no name in it came or
 * went. Most missing paths are .htaccess files that are not there, and Java reports a failed stat
 * with an exception that costs three successful ones. A directory changed less than {@link
 * #SETTLED_MILLIS} before the missing path was seen is not trusted so (a second change within the
 * file system's timestamp granularity could leave the time as it was): such paths are stat'ed
 * themselves until the directory has settled.
 */
final class AnswerMemo {

  private static final int LIMIT = 4_096;

  /** How old a directory's modification time must be to vouch for what is missing in it. */
  static final long SETTLED_MILLIS = 3_000;

  /**
   * An answer and what it depended on.
   *
   * @param seen every path the answer looked at, with what it was
   * @param paths the paths stat'ed themselves on reuse, with {@code stats} what they must still be
   * @param directories the directories stat'ed for the missing paths in them, with {@code
   *     directoryStats}
   * @param unsettled whether some missing path is stat'ed itself only because its directory had
   *     changed recently (the plan is made again once it has settled)
   * @param madeMillis when the plan was made
   */
  private record Validated(
      Evaluation evaluation,
      Map<String, FileStats.Stat> seen,
      String[] paths,
      FileStats.Stat[] stats,
      String[] directories,
      FileStats.Stat[] directoryStats,
      boolean unsettled,
      long madeMillis) {

    static Validated plan(
        Evaluation evaluation, Map<String, FileStats.Stat> seen, FileStats files, long now) {
      Map<String, FileStats.Stat> own = new LinkedHashMap<>();
      Map<String, FileStats.Stat> directories = new LinkedHashMap<>();
      boolean unsettled = false;
      long settledBefore = (now - SETTLED_MILLIS) * 1_000_000L; // Stat.modified is in ns
      for (Map.Entry<String, FileStats.Stat> e : seen.entrySet()) {
        String parent = e.getValue().equals(FileStats.Stat.MISSING) ? parent(e.getKey()) : null;
        if (parent != null) {
          FileStats.Stat dir = seen.get(parent);
          if (dir == null) {
            dir = directories.containsKey(parent) ? directories.get(parent) : files.stat(parent);
          }
          if (dir.directory() && dir.modified() < settledBefore) {
            if (!seen.containsKey(parent)) {
              directories.put(parent, dir);
            }
            continue;
          }
          unsettled |= dir.directory();
        }
        own.put(e.getKey(), e.getValue());
      }
      return new Validated(
          evaluation,
          seen,
          own.keySet().toArray(new String[0]),
          own.values().toArray(new FileStats.Stat[0]),
          directories.keySet().toArray(new String[0]),
          directories.values().toArray(new FileStats.Stat[0]),
          unsettled,
          now);
    }

    /**
     * The directory holding the entry {@code path} names, or null when the path names no entry of a
     * directory ({@code /}, a trailing slash, {@code .} or {@code ..}).
     */
    private static String parent(String path) {
      int slash = path.lastIndexOf('/');
      if (slash < 0 || slash == path.length() - 1) {
        return null;
      }
      String name = path.substring(slash + 1);
      if (name.equals(".") || name.equals("..")) {
        return null;
      }
      return slash == 0 ? "/" : path.substring(0, slash);
    }

    boolean stillTrue(FileStats files) {
      for (int i = 0; i < paths.length; i++) {
        if (!files.stat(paths[i]).equals(stats[i])) {
          return false;
        }
      }
      for (int i = 0; i < directories.length; i++) {
        if (!files.stat(directories[i]).equals(directoryStats[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private final MemoPolicy policy;
  private final FileStats stats;
  private final Map<RequestSpec, Validated> validated = new ConcurrentHashMap<>();

  AnswerMemo(MemoPolicy policy, FileStats stats) {
    this.policy = policy;
    this.stats = stats;
  }

  /** The remembered answer to {@code request}, or null. */
  Evaluation get(RequestSpec request) {
    if (policy != MemoPolicy.REVALIDATE) {
      return null;
    }
    Validated known = validated.get(request);
    if (known == null || !known.stillTrue(stats)) {
      return null;
    }
    long now = System.currentTimeMillis();
    if (known.unsettled() && now - known.madeMillis() >= SETTLED_MILLIS) {
      // The missing paths were just stat'ed again: their directories may vouch for them now.
      validated.replace(
          request, known, Validated.plan(known.evaluation(), known.seen(), stats, now));
    }
    return known.evaluation();
  }

  /** Remembers an answer when it may be reused. */
  void put(RequestSpec request, Evaluation evaluation, RequestState state) {
    if (policy != MemoPolicy.REVALIDATE || state.nondeterministic || state.readMap) {
      return;
    }
    if (validated.size() >= LIMIT) {
      validated.clear(); // a crude bound; a server's working set is much smaller
    }
    validated.put(
        request,
        Validated.plan(evaluation, Map.copyOf(state.seen), stats, System.currentTimeMillis()));
  }

  /** The paths the answer to {@code request} is revalidated by, for tests. */
  List<String> checkedPaths(RequestSpec request) {
    Validated known = validated.get(request);
    List<String> out = new ArrayList<>();
    if (known != null) {
      out.addAll(List.of(known.paths()));
      out.addAll(List.of(known.directories()));
    }
    return out;
  }
}
