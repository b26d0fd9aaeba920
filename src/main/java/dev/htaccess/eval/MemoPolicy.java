package dev.htaccess.eval;

import dev.htaccess.eval.trace.TraceLevel;

/**
 * Whether, and how, answers are remembered between requests. Only evaluations at {@link
 * TraceLevel#DECISIONS} are remembered: a full trace is always made anew.
 */
public enum MemoPolicy {
  /** Every request is evaluated from scratch, every file looked at again. */
  NONE,
  /**
   * The tree does not change while the evaluator lives (a batch dry run): each path is looked at
   * once, each .htaccess read once. Answers are not remembered: a replay evaluates each distinct
   * request once by itself, and keeps what it renders.
   */
  STATIC_TREE,
  /**
   * The server's memo: an answer is reused for the same request while every file it looked at (the
   * .htaccess files, the walk, -f/-d tests) still stats the same, so an edit shows on the next
   * request, yet the rules run only when something changed.
   */
  REVALIDATE
}
