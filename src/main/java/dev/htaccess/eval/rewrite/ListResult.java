package dev.htaccess.eval.rewrite;

/** What a run of a rule list did to the request (apply_rewrite_list's return value). */
public enum ListResult {
  /** No rule changed anything. */
  UNCHANGED,
  /** A rule changed the URL (or set a status: see {@link RewriteContext#status()}). */
  CHANGED,
  /** A rule with [NE] changed it: the result is not to be escaped again. */
  CHANGED_NO_ESCAPE;

  /** True unless nothing changed. */
  public boolean changed() {
    return this != UNCHANGED;
  }
}
