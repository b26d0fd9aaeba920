package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.TraceEvent;
import java.util.List;

/**
 * mod_rewrite's translate_name hook: the virtual host's rules, run on the URL before it is mapped
 * to a file, and what their result means.
 */
public final class ServerRewrite {

  private ServerRewrite() {}

  /** Runs the virtual host's {@code rules} on the request in {@code ctx} (no scope). */
  public static RewriteOutcome apply(
      List<CompiledRule> rules, RewriteContext ctx, RewriteHost host) {
    String originalArgs = ctx.args;
    host.trace().detail(new TraceEvent.RuleSetStart("server", null));
    ListResult action = RuleList.apply(rules, ctx, host);
    if (!action.changed()) {
      return new RewriteOutcome.Unchanged(originalArgs);
    }
    String args = ctx.args;
    String f = ctx.filename;
    boolean noEscape = action == ListResult.CHANGED_NO_ESCAPE;
    boolean willEscape = RewriteTargets.schemeLength(f) > 0 && !noEscape;
    if (args != null && !willEscape && RewriteTargets.hasControlOrSpace(args)) {
      host.trace()
          .add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.SERVER_QUERY_CONTROLS, 403));
      return new RewriteOutcome.Status(403, null, args);
    }
    if (ctx.status != 0) {
      return new RewriteOutcome.Status(ctx.status, null, args, true);
    }
    if (f.startsWith(RewriteTargets.PROXY)) {
      return new RewriteOutcome.Proxy(RewriteTargets.proxyTarget(f, args, noEscape), args);
    }
    if (RewriteTargets.schemeLength(f) > 0) {
      return DirectoryRewrite.redirect(ctx, f, noEscape, originalArgs, host);
    }
    if (f.startsWith(RewriteTargets.PASSTHROUGH)) {
      return new RewriteOutcome.PassThrough(f.substring(RewriteTargets.PASSTHROUGH.length()), args);
    }
    return new RewriteOutcome.ServerPath(f, args);
  }
}
