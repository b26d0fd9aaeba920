package dev.htaccess.replay;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.trace.TraceLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every distinct request evaluated under two configurations, on every core; only the requests whose
 * answers differ are kept, grouped by kind of change and weighted by how often they occur.
 */
public final class TrafficDiff {

  /** One request whose answer changed. */
  public record Change(String request, long weight, Answer before, Answer after) {}

  /**
   * The changes of one kind.
   *
   * @param kind e.g. {@code 200 -> 301 redirect} or {@code proxy target changed}
   * @param field what changed first
   * @param weight how many requests of the traffic changed so
   * @param distinct how many distinct requests
   * @param examples the most frequent few
   */
  public record Group(String kind, Field field, long weight, int distinct, List<Change> examples) {}

  /**
   * The result.
   *
   * @param requests the requests of the traffic
   * @param distinct its distinct requests
   * @param changed the requests whose answer changed
   * @param groups the kinds of change, the most frequent first
   */
  public record Result(long requests, int distinct, long changed, List<Group> groups) {}

  private TrafficDiff() {}

  /**
   * Compares {@code before} and {@code after} over {@code traffic}; each group keeps {@code
   * examples} of its requests. {@code docroot} is the document root both evaluate (for paths).
   */
  public static Result run(
      Evaluator before,
      Evaluator after,
      String docroot,
      List<WeightedRequest> traffic,
      int examples) {
    Change[] changes = new Change[traffic.size()];
    IntStream.range(0, traffic.size())
        .parallel()
        .forEach(
            i -> {
              WeightedRequest r = traffic.get(i);
              Answer a = answer(before, r, docroot);
              Answer b = answer(after, r, docroot);
              if (b.changedFrom(a) != null) {
                changes[i] = new Change(r.label(), r.weight(), a, b);
              }
            });
    long total = 0;
    long changed = 0;
    Map<String, List<Change>> byKind = new LinkedHashMap<>();
    Map<String, Field> fields = new LinkedHashMap<>();
    for (int i = 0; i < changes.length; i++) {
      total += traffic.get(i).weight();
      Change c = changes[i];
      if (c == null) {
        continue;
      }
      changed += c.weight();
      Field field = c.after().changedFrom(c.before());
      String kind =
          c.before().kind().equals(c.after().kind())
              ? field.changed()
              : c.before().kind() + " -> " + c.after().kind();
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(c);
      fields.putIfAbsent(kind, field);
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Change>> e : byKind.entrySet()) {
      List<Change> all = new ArrayList<>(e.getValue());
      long weight = all.stream().mapToLong(Change::weight).sum();
      all.sort(Comparator.comparingLong(Change::weight).reversed());
      groups.add(
          new Group(
              e.getKey(),
              fields.get(e.getKey()),
              weight,
              all.size(),
              List.copyOf(all.subList(0, Math.min(examples, all.size())))));
    }
    groups.sort(Comparator.comparingLong(Group::weight).reversed().thenComparing(Group::kind));
    return new Result(total, traffic.size(), changed, List.copyOf(groups));
  }

  private static Answer answer(Evaluator evaluator, WeightedRequest r, String docroot) {
    Evaluation e = evaluator.evaluate(r.spec(), TraceLevel.DECISIONS);
    return Answer.of(e, docroot);
  }
}
