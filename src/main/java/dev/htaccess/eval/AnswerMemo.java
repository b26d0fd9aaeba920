package dev.htaccess.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers remembered between requests, for {@link MemoPolicy#REVALIDATE} (a replay evaluates each
 * distinct request once by itself, so {@link MemoPolicy#STATIC_TREE} remembers files, not answers).
 * An answer that depends on more than the request and the files (the clock, the client's port, a
 * random or program map) is never remembered, nor is one that read a RewriteMap, whose file can
 * change without any stat seeing it.
 */
final class AnswerMemo {

  private static final int LIMIT = 4_096;

  private record Validated(Evaluation evaluation, Map<String, FileStats.Stat> seen) {
    boolean stillTrue(FileStats stats) {
      for (Map.Entry<String, FileStats.Stat> e : seen.entrySet()) {
        if (!stats.stat(e.getKey()).equals(e.getValue())) {
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
    return known != null && known.stillTrue(stats) ? known.evaluation() : null;
  }

  /** Remembers an answer when it may be reused. */
  void put(RequestSpec request, Evaluation evaluation, RequestState state) {
    if (policy != MemoPolicy.REVALIDATE || state.nondeterministic || state.readMap) {
      return;
    }
    if (validated.size() >= LIMIT) {
      validated.clear(); // a crude bound; a server's working set is much smaller
    }
    validated.put(request, new Validated(evaluation, Map.copyOf(state.seen)));
  }
}
