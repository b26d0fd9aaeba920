package dev.htaccess.eval;

import dev.htaccess.eval.trace.TraceEvent;
import java.util.List;

/**
 * The outcome of a simulated request and how it came about.
 *
 * @param reproducible false when the answer depends on more than the request and the files (the
 *     rules read the clock, the client's port, or a random or program map)
 */
public record Evaluation(
    RequestSpec request, Outcome outcome, List<TraceEvent> trace, boolean reproducible) {
  public Evaluation {
    trace = List.copyOf(trace);
  }
}
