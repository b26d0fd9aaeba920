package dev.htaccess.eval;

import java.util.List;

/** The outcome of a simulated request and how it came about. */
public record Evaluation(RequestSpec request, Outcome outcome, List<TraceEvent> trace) {
  public Evaluation {
    trace = List.copyOf(trace);
  }
}
