package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.HttpStatus;

/**
 * mod_rewrite's fixup hook: a directory's rules, run on the file the request maps to (the directory
 * prefix stripped), and what their result means: a redirect, a proxy, a status, or an internal
 * redirect to the new URL with the RewriteBase (or the document root, or the Alias) put back in
 * front.
 */
public final class DirectoryRewrite {

  private DirectoryRewrite() {}

  /**
   * Where the rules run: the document root, and the Alias that mapped the request, if any.
   *
   * @param contextPrefix the Alias URL prefix, or null when the document root mapped the request
   * @param contextDocRoot the Alias target directory, or null
   * @param forcedHandlerStatus the answer when an [H] handler replaces the internal redirect: the
   *     default handler's, for this request's method and file
   */
  public record Location(
      String docroot, String contextPrefix, String contextDocRoot, int forcedHandlerStatus) {}

  /** Runs the scope's rules on the request in {@code ctx}. */
  public static RewriteOutcome apply(
      RewriteScope scope, RewriteContext ctx, RewriteHost host, Location where) {
    String originalArgs = ctx.args;
    String originalFilename = ctx.filename;
    host.trace().detail(new TraceEvent.RuleSetStart("per-dir", scope.directory()));
    ListResult action = RuleList.apply(scope.rules(), ctx, host);
    if (!action.changed()) {
      return new RewriteOutcome.Unchanged(originalArgs);
    }
    boolean noEscape = action == ListResult.CHANGED_NO_ESCAPE;
    String f = ctx.filename;
    int skip = RewriteTargets.schemeLength(f);
    boolean willEscape = skip > 0 && !noEscape;
    if (ctx.args != null && !willEscape && RewriteTargets.hasControlOrSpace(ctx.args)) {
      host.trace()
          .add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.PERDIR_QUERY_CONTROLS, 403));
      return new RewriteOutcome.Status(403, f, ctx.args);
    }
    if (ctx.status != 0) {
      return new RewriteOutcome.Status(ctx.status, ctx.filename, ctx.args, true);
    }
    if (f.startsWith(RewriteTargets.PROXY)) {
      return new RewriteOutcome.Proxy(RewriteTargets.proxyTarget(f, ctx.args, noEscape), ctx.args);
    }
    if (skip > 0) {
      return redirect(ctx, withBase(f, skip, scope), noEscape, originalArgs, host);
    }
    if (f.startsWith(RewriteTargets.PASSTHROUGH)) {
      f = f.substring(RewriteTargets.PASSTHROUGH.length());
    }
    if (!f.startsWith("/")) {
      return new RewriteOutcome.Status(400, null, ctx.args);
    }
    if (f.equals(originalFilename)) {
      host.trace()
          .add(
              new TraceEvent.RewriteDecision(
                  TraceEvent.RewriteDecision.Kind.IGNORED_SAME_URL, f, 0));
      return new RewriteOutcome.Ignored(ctx.args, ctx.redirectStatus);
    }
    String physical = f;
    if (scope.baseUrl() != null) {
      f = RewriteTargets.substPrefix(f, scope.directory(), scope.baseUrl());
    } else if (f.startsWith(where.docroot() + "/")) {
      f = f.substring(where.docroot().length());
    }
    if (physical.equals(f) && where.contextPrefix() != null) {
      // Not under the RewriteBase or the document root: a path found through Alias gets its
      // context prefix back (ap_context_document_root / ap_context_prefix).
      f = RewriteTargets.substPrefix(f, where.contextDocRoot(), where.contextPrefix());
    }
    host.trace()
        .add(
            new TraceEvent.RewriteDecision(
                TraceEvent.RewriteDecision.Kind.INTERNAL_REDIRECT, f, 0));
    if (ctx.handler != null) {
      // The forced handler replaces mod_rewrite's redirect handler, so the internal redirect
      // never happens and the handler finds no file ("redirect:..." is not a path).
      host.trace()
          .add(
              new TraceEvent.RewriteDecision(
                  TraceEvent.RewriteDecision.Kind.HANDLER_OVERRIDES_REDIRECT, ctx.handler, 0));
      return new RewriteOutcome.HandlerInstead(where.forcedHandlerStatus(), ctx.args);
    }
    return new RewriteOutcome.InternalRedirect(f, ctx.args, ctx.redirectStatus);
  }

  /**
   * A redirect to a URL on this server from a directory with a RewriteBase: the directory part of
   * the path is replaced by the base.
   */
  private static String withBase(String f, int skip, RewriteScope scope) {
    if (scope.baseUrl() == null) {
      return f;
    }
    int hostEnd = f.indexOf('/', skip);
    if (hostEnd < 0 || hostEnd + 1 >= f.length()) {
      return f;
    }
    String after = f.substring(hostEnd + 1);
    String dir =
        scope.directory().startsWith("/") ? scope.directory().substring(1) : scope.directory();
    return f.substring(0, hostEnd + 1)
        + RewriteTargets.substPrefix(after, dir, scope.baseUrl().substring(1));
  }

  /** The external redirect: its Location, and the [R] status (302 unless a 3xx was given). */
  static RewriteOutcome redirect(
      RewriteContext ctx, String f, boolean noEscape, String originalArgs, RewriteHost host) {
    String loc = RewriteTargets.redirectLocation(ctx, f, noEscape, originalArgs);
    int status = HttpStatus.isRedirect(ctx.redirectStatus) ? ctx.redirectStatus : 302;
    host.trace()
        .add(new TraceEvent.RewriteDecision(TraceEvent.RewriteDecision.Kind.REDIRECT, loc, status));
    return new RewriteOutcome.Redirect(status, loc, ctx.args);
  }
}
