package dev.htaccess.eval.trace;

import java.util.ArrayList;
import java.util.List;

/** The events of one evaluation as they happen, kept at one {@link TraceLevel}. */
public final class Trace {

  private final TraceLevel level;
  private final List<TraceEvent> events = new ArrayList<>();

  public Trace(TraceLevel level) {
    this.level = level;
  }

  /** True when every step is kept, not only the decisive ones. */
  public boolean full() {
    return level == TraceLevel.FULL;
  }

  /** Records an event that is always kept. */
  public void add(TraceEvent event) {
    events.add(event);
  }

  /** Records an event that only a full trace keeps. */
  public void detail(TraceEvent event) {
    if (level == TraceLevel.FULL) {
      events.add(event);
    }
  }

  /** The events so far. */
  public List<TraceEvent> events() {
    return events;
  }
}
