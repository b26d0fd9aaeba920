package dev.htaccess.eval.trace;

import java.util.ArrayList;
import java.util.List;

/** The events of one evaluation as they happen, kept at one {@link TraceLevel}. */
public final class Trace {

  private final TraceLevel level;
  private final List<TraceEvent> events = new ArrayList<>();

  /** At most this many events are kept: a request looping in its rules must not fill memory. */
  static final int MAX_EVENTS = 20_000;

  public Trace(TraceLevel level) {
    this.level = level;
  }

  /** True when every step is kept, not only the decisive ones. */
  public boolean full() {
    return level == TraceLevel.FULL;
  }

  /** Records an event that is always kept. */
  public void add(TraceEvent event) {
    keep(event);
  }

  /** Records an event that only a full trace keeps. */
  public void detail(TraceEvent event) {
    if (level == TraceLevel.FULL) {
      keep(event);
    }
  }

  private void keep(TraceEvent event) {
    if (events.size() < MAX_EVENTS) {
      events.add(event);
    } else if (events.size() == MAX_EVENTS) {
      events.add(new TraceEvent.Truncated(MAX_EVENTS));
    }
  }

  /** The events so far. */
  public List<TraceEvent> events() {
    return events;
  }
}
