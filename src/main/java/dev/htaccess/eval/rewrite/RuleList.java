package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.Limits;
import java.util.List;

/**
 * apply_rewrite_list: runs a rule list against the request in a {@link RewriteContext}: each rule
 * in order, chains skipped as a whole when their head does not match, and the flags that stop the
 * list ([L], [END], [P], [PT]), restart it ([N], as an explicit loop bounded by its round limit) or
 * skip ahead ([S]).
 */
public final class RuleList {

  /** Twice LimitRequestLine: a rewritten URL longer than this is a loop growing without end. */
  private static final int MAXIMUM_LENGTH = 2 * Limits.REQUEST_LINE;

  private RuleList() {}

  /** Applies {@code rules}; the context holds the rewritten fields and any status set. */
  public static ListResult apply(List<CompiledRule> rules, RewriteContext ctx, RewriteHost host) {
    ListResult changed = ListResult.UNCHANGED;
    int round = 1;
    boolean again = true;
    while (again) {
      again = false;
      for (int i = 0; i < rules.size(); i++) {
        CompiledRule p = rules.get(i);
        if (ctx.subrequest() && p.skippedInSubrequests()) {
          continue;
        }
        RuleResult rc = RuleApplier.apply(p, ctx, host);
        if (rc == RuleResult.NO_MATCH) {
          if (p.chain) {
            flag(host, p, "C", "not matched: skip the rules chained to it");
          }
          while (i < rules.size() && rules.get(i).chain) {
            i++;
          }
          continue;
        }
        if (ctx.filename.length() > MAXIMUM_LENGTH) {
          host.trace().add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.MAXIMUM_LENGTH, 500));
          ctx.status = 500;
          return ListResult.CHANGED;
        }
        if (rc == RuleResult.STATUS_SET) {
          return ListResult.CHANGED;
        }
        if (p.statusOnly) {
          ctx.status = p.status;
          return ListResult.CHANGED;
        }
        if (rc != RuleResult.NO_SUBSTITUTION) {
          changed = p.noEscape ? ListResult.CHANGED_NO_ESCAPE : ListResult.CHANGED;
        }
        switch (p.continuation) {
          case PASS_THROUGH -> {
            flag(host, p, "PT", "pass the new URL on to the next handlers (Alias...)");
            ctx.filename = RewriteTargets.PASSTHROUGH + ctx.filename;
            return ListResult.CHANGED;
          }
          case END -> {
            flag(host, p, "END", "stop: no more rewriting for this request, in any round");
            host.endRewriting();
            return changed;
          }
          case PROXY, LAST -> {
            flag(host, p, p.proxy ? "P" : "L", "stop this round");
            return changed;
          }
          case NEXT -> {
            if (++round >= Math.min(p.maxRounds, CompiledRule.NEXT_ROUNDS_CAP)) {
              ctx.status = 500;
              return ListResult.CHANGED;
            }
            flag(host, p, "N", "start the rule set again (round " + round + ")");
            again = true;
          }
          case SKIP -> {
            flag(host, p, "S=" + p.skip, "skip the next " + p.skip + " rules");
            i = (int) Math.min(rules.size(), (long) i + p.skip);
          }
          case NONE -> {}
        }
        if (again) {
          break;
        }
      }
    }
    return changed;
  }

  private static void flag(RewriteHost host, CompiledRule p, String flag, String effect) {
    host.trace().detail(new TraceEvent.FlagApplied(p.source.span(), flag, effect));
  }
}
