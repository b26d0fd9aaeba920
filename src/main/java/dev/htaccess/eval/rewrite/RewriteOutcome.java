package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.proxy.ProxyTarget;

/**
 * What a rule set decided for the request, once mod_rewrite's hook has looked at the rewritten URL:
 * in the virtual host (translate_name) or in a directory (fixup). Every outcome carries {@code
 * r->args} as the rules left it.
 */
public sealed interface RewriteOutcome {

  /** {@code r->args} after the rules, or null. */
  String args();

  /** No rule changed the request. */
  record Unchanged(String args) implements RewriteOutcome {}

  /**
   * The request is answered with a status: [F], [G], [R=4xx], a loop's 500, a refused query.
   *
   * @param filename {@code r->filename} at that point (absolute), or null when it is not a path
   * @param actionStatus a rule's own status ([F], [G], [R=4xx], the [N] limit): mod_rewrite sets
   *     {@code r->status} back to OK before it answers with it, unlike its other refusals
   */
  record Status(int status, String filename, String args, boolean actionStatus)
      implements RewriteOutcome {
    public Status(int status, String filename, String args) {
      this(status, filename, args, false);
    }
  }

  /**
   * An [H] handler replaced the internal redirect: {@code r->filename} is "redirect:...", which the
   * handler cannot open, so the request is answered with what the default handler gives it ({@code
   * status}) unless a later fixup (mod_alias, mod_dir's slash) answers first.
   */
  record HandlerInstead(int status, String args) implements RewriteOutcome {}

  /** [P]: the request goes to mod_proxy, with this URL. */
  record Proxy(ProxyTarget target, String args) implements RewriteOutcome {}

  /** [R] or an absolute URL: an external redirect. */
  record Redirect(int status, String location, String args) implements RewriteOutcome {}

  /**
   * Virtual host rules rewrote to a path: a file path when its first segment exists on disk, else a
   * path under the document root.
   */
  record ServerPath(String path, String args) implements RewriteOutcome {}

  /** Virtual host rules with [PT]: the new URL goes on to Alias and the document root. */
  record PassThrough(String uri, String args) implements RewriteOutcome {}

  /**
   * Per-directory rules: the request starts again with a new URL.
   *
   * @param leftStatus the [R] status an earlier rule put in {@code r->status} before a later one
   *     rewrote the URL back to a local path (0 for none): it stays on the old request
   */
  record InternalRedirect(String uri, String args, int leftStatus) implements RewriteOutcome {}

  /**
   * Per-directory rules rewrote the URL to itself ("initial URL equal rewritten URL"): the rewrite
   * is ignored, but a changed query string stays (Apache has already set {@code r->args}).
   */
  record Ignored(String args, int leftStatus) implements RewriteOutcome {}
}
