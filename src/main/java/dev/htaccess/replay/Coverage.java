package dev.htaccess.replay;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which lines of the configuration the traffic exercises: for each RewriteRule, RewriteCond,
 * Redirect and Require line, how many requests reached it, matched it and were decided by it; for
 * each {@code <If>}-family section, how many it applied to. Lines are {@code file:line} with the
 * file relative to the document root.
 */
public final class Coverage {

  /** What kind of line: the counts mean slightly different things for each. */
  public enum Kind {
    RULE,
    CONDITION,
    SECTION,
    /** Redirect, RedirectMatch, RedirectPermanent, RedirectTemp: fired when it took the request. */
    REDIRECT,
    /** A Require line: fired when it granted, decided when its answer refused the request. */
    REQUIRE;

    /** Whether a line of this kind can decide a request's answer. */
    public boolean decides() {
      return this != CONDITION && this != SECTION;
    }
  }

  /**
   * One line of a configuration file and its counts (requests, weighted by frequency).
   *
   * @param reached requests that tried the line (for a section: -1, not traced)
   * @param matched requests a rule applied to (its pattern and conditions matched), a condition was
   *     true for, or a section applied to
   * @param decided requests whose answer this rule decided (see {@link Answer#decidedBy})
   * @param cannotFire why no request can ever fire the line, or null (see {@link Target})
   */
  public record Line(
      String file,
      int line,
      Kind kind,
      long reached,
      long matched,
      long decided,
      String cannotFire) {

    /** A condition that every request that reached it found true, or every one false. */
    public boolean neverVaries() {
      return kind == Kind.CONDITION && reached > 0 && (matched == 0 || matched == reached);
    }
  }

  /**
   * A line to count: where it is, what it is, and why no request can ever fire it (shadowed by an
   * earlier rule that always stops, a pattern that cannot match in its context, an engine that is
   * off), or null when some request could.
   */
  public record Target(String file, int line, Kind kind, String cannotFire) {}

  /** The result: every target, in file and line order, and how much traffic there was. */
  public record Result(long requests, int distinct, List<Line> lines) {}

  private Coverage() {}

  /** Replays {@code traffic} through {@code evaluator} and counts the {@code targets}. */
  public static Result run(
      Evaluator evaluator, String docroot, List<WeightedRequest> traffic, List<Target> targets) {
    List<Map<String, long[]>> perRequest =
        IntStream.range(0, traffic.size())
            .parallel()
            .mapToObj(
                i -> counts(evaluator.evaluate(traffic.get(i).spec(), TraceLevel.FULL), docroot))
            .toList();
    Map<String, long[]> total = new HashMap<>();
    long requests = 0;
    for (int i = 0; i < perRequest.size(); i++) {
      long w = traffic.get(i).weight();
      requests += w;
      for (Map.Entry<String, long[]> c : perRequest.get(i).entrySet()) {
        long[] t = total.computeIfAbsent(c.getKey(), k -> new long[3]);
        for (int k = 0; k < 3; k++) {
          t[k] += c.getValue()[k] * w;
        }
      }
    }
    List<Line> lines = new ArrayList<>();
    for (Target t : targets) {
      long[] c = total.getOrDefault(t.file() + ":" + t.line(), new long[3]);
      long reached = t.kind() == Kind.SECTION ? -1 : c[0];
      lines.add(new Line(t.file(), t.line(), t.kind(), reached, c[1], c[2], t.cannotFire()));
    }
    lines.sort(java.util.Comparator.comparing(Line::file).thenComparingInt(Line::line));
    return new Result(requests, traffic.size(), List.copyOf(lines));
  }

  /** For one request: per {@code file:line}, 1 or 0 for reached, matched and decided. */
  private static Map<String, long[]> counts(Evaluation e, String docroot) {
    Map<String, long[]> out = new HashMap<>();
    Set<String> matched = new HashSet<>();
    List<TraceEvent> trace = e.trace();
    for (int i = 0; i < trace.size(); i++) {
      TraceEvent t = trace.get(i);
      if (t instanceof TraceEvent.RuleTried r && r.span() != null) {
        mark(out, key(r.span(), docroot), 0);
        // A rule applies when its pattern and its conditions do: the substitution or a flag
        // it applied shows it; a rule without conditions applies when its pattern matches.
        boolean conditions =
            i + 1 < trace.size() && trace.get(i + 1) instanceof TraceEvent.CondTried;
        if (r.matched() && !conditions) {
          matched.add(key(r.span(), docroot));
        }
      } else if (t instanceof TraceEvent.Substituted sub && sub.span() != null) {
        matched.add(key(sub.span(), docroot));
      } else if (t instanceof TraceEvent.FlagApplied f && f.span() != null) {
        matched.add(key(f.span(), docroot));
      } else if (t instanceof TraceEvent.CondTried c && c.span() != null) {
        mark(out, key(c.span(), docroot), 0);
        if (c.matched()) {
          matched.add(key(c.span(), docroot));
        }
      } else if (t instanceof TraceEvent.SectionApplies s && s.span() != null) {
        matched.add(key(s.span(), docroot));
      } else if (t instanceof TraceEvent.RedirectTried r && r.span() != null) {
        mark(out, key(r.span(), docroot), 0);
        if (r.matched()) {
          matched.add(key(r.span(), docroot));
        }
      } else if (t instanceof TraceEvent.RequireTried r && r.span() != null) {
        mark(out, key(r.span(), docroot), 0);
        if (r.granted()) {
          matched.add(key(r.span(), docroot));
        }
      }
    }
    for (String k : matched) {
      mark(out, k, 1);
    }
    String decided = Answer.decider(e, docroot);
    if (decided != null) {
      mark(out, decided, 2);
    }
    return out;
  }

  private static void mark(Map<String, long[]> out, String key, int which) {
    out.computeIfAbsent(key, k -> new long[3])[which] = 1;
  }

  private static String key(SourceSpan span, String docroot) {
    return Answer.relativeFile(span.file(), docroot) + ":" + span.line();
  }
}
