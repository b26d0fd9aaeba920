package dev.htaccess.eval.trace;

/** How much of an evaluation's story to keep. */
public enum TraceLevel {
  /** Every rule and condition tried, every flag: what a person debugging their rules wants. */
  FULL,
  /**
   * Only what decided the outcome: rounds, matched rules, substitutions, decisions. Batch runs and
   * the server want this; it is also what the answer memo keeps.
   */
  DECISIONS
}
