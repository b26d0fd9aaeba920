package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.model.Template;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * apply_rewrite_rule: one rule against the request. The pattern is matched against the URL (per
 * directory: without the directory prefix), then the conditions in order ([OR] groups), then the
 * substitution is expanded and the query string split off, the environment and cookie flags run,
 * and the result is qualified (proxy, redirect) or reduced (a URL of this server becomes a path).
 */
final class RuleApplier {

  private RuleApplier() {}

  static RuleResult apply(CompiledRule p, RewriteContext ctx, RewriteHost host) {
    String input = ctx.matchInput();
    PcrePattern.Result result = p.pattern.exec(input);
    if (result.limitHit()) {
      host.trace().add(new TraceEvent.MatchLimit(p.source.span(), p.source.pattern(), input));
    }
    PcreMatch m = result.match();
    boolean found = m != null;
    boolean matched = found != p.source.negated();
    boolean full = host.trace().full();
    if (full || matched) {
      host.trace()
          .add(
              new TraceEvent.RuleTried(
                  p.source.span(),
                  p.source.pattern(),
                  p.source.negated(),
                  input,
                  matched,
                  found && full ? groups(m) : List.of()));
    }
    if (!matched) {
      return RuleResult.NO_MATCH;
    }
    ctx.ruleMatch = p.source.negated() ? null : m;
    ctx.condMatch = null;
    List<String> vary = new ArrayList<>(0);
    if (!conditionsHold(p, ctx, host, vary)) {
      return RuleResult.NO_MATCH;
    }
    // The headers the deciding conditions read go to Vary once the rule matched, whatever it
    // does next (apply_rewrite_list merges ctx->vary only when the rule did not fail).
    host.vary(vary);
    String newUri = null;
    if (p.substitution != null) {
      Expander.Expansion e = Expander.expand(p.substitution, ctx, p, !p.unsafeAllow3F, null, host);
      newUri = e.text();
      host.trace().add(new TraceEvent.Substituted(p.source.span(), input, newUri));
      if (e.unsafeQuestionMark()) {
        host.trace()
            .add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.UNSAFE_QUESTION_MARK, 403));
        ctx.status = 403;
        return RuleResult.STATUS_SET;
      }
    }
    applyEnvironment(p, ctx, host);
    applyCookies(p, ctx, host);
    if (p.substitution == null) {
      applyNotes(p, ctx, host);
      return RuleResult.NO_SUBSTITUTION;
    }
    return rewrite(p, ctx, host, newUri);
  }

  /**
   * The matched rule's new URL: the per-directory prefix put back, the query split off, then
   * qualified for [P] and [R], or reduced when it names this server, with its repeated leading
   * slashes merged.
   */
  private static RuleResult rewrite(
      CompiledRule p, RewriteContext ctx, RewriteHost host, String substituted) {
    String newUri = substituted;
    boolean prefixAdded = false;
    if (!newUri.startsWith("/") && RewriteTargets.schemeLength(newUri) == 0) {
      if (ctx.perdir != null) {
        newUri = ctx.perdir + newUri;
        prefixAdded = true;
      } else if (!p.proxy && !p.redirect) {
        newUri = "/" + newUri;
        prefixAdded = true;
      }
    }
    ctx.filename = newUri;
    if (ctx.perdir != null && p.discardPathInfo) {
      ctx.pathInfo = "";
    }
    RewriteTargets.splitQuery(ctx, p);
    if (p.proxy) {
      ctx.filename = RewriteTargets.PROXY + RewriteTargets.fullyQualify(ctx.filename, host);
      return RuleResult.MATCH;
    }
    if (p.redirect) {
      ctx.filename = RewriteTargets.fullyQualify(ctx.filename, host);
      ctx.redirectStatus = p.status;
      return RuleResult.MATCH;
    }
    RewriteTargets.reduceUri(ctx, host);
    if (RewriteTargets.schemeLength(ctx.filename) > 0) {
      ctx.redirectStatus = p.status;
      return RuleResult.MATCH;
    }
    if (!(p.unc || prefixAdded)) {
      String out = p.output;
      if (!(out.length() > 1 && out.charAt(0) == '/' && out.charAt(1) == '/')) {
        String f = ctx.filename;
        int k = 0;
        while (k + 1 < f.length() && f.charAt(k) == '/' && f.charAt(k + 1) == '/') {
          k++;
        }
        ctx.filename = f.substring(k);
      }
    }
    applyNotes(p, ctx, host);
    return RuleResult.MATCH;
  }

  /**
   * The rule's conditions: each must hold, or one of an [OR] group. The request headers read by the
   * conditions that decided are added to {@code vary}, unless [NV].
   */
  private static boolean conditionsHold(
      CompiledRule p, RewriteContext ctx, RewriteHost host, List<String> vary) {
    List<String> varyThis = new ArrayList<>();
    List<CompiledCondition> conds = p.conditions;
    for (int i = 0; i < conds.size(); i++) {
      CompiledCondition c = conds.get(i);
      boolean rc = ConditionTester.test(c, ctx, varyThis, host);
      if (c.noVary()) {
        varyThis.clear();
      }
      if (c.orNext()) {
        if (!rc) {
          varyThis.clear();
          continue;
        }
        while (i < conds.size() && conds.get(i).orNext()) {
          i++;
        }
      } else if (!rc) {
        return false;
      }
      vary.addAll(varyThis);
      varyThis.clear();
    }
    return true;
  }

  /** [E=name:value] and [E=!name], in order (do_expand_env). */
  private static void applyEnvironment(CompiledRule p, RewriteContext ctx, RewriteHost host) {
    boolean full = host.trace().full();
    for (CompiledRule.EnvFlag envSpec : p.env) {
      String name;
      String value;
      if (envSpec.name() != null) {
        name = envSpec.name();
        value = Expander.expand(envSpec.value(), ctx, null, false, null, host).text();
      } else {
        String v = Expander.expand(envSpec.whole(), ctx, null, false, null, host).text();
        int colon = v.indexOf(':');
        name = colon >= 0 ? v.substring(0, colon) : v;
        value = colon >= 0 ? v.substring(colon + 1) : "";
      }
      if (name.startsWith("!")) {
        host.env().remove(name.substring(1));
        if (full) {
          flag(host, p, "E", "unset " + name.substring(1));
        }
      } else {
        host.env().put(name, value);
        if (full) {
          flag(host, p, "E", "set " + name + "=\"" + value + "\"");
        }
      }
    }
  }

  /** [CO=...]: each cookie once per name. */
  private static void applyCookies(CompiledRule p, RewriteContext ctx, RewriteHost host) {
    for (Template cookieSpec : p.cookies) {
      String v = Expander.expand(cookieSpec, ctx, null, false, null, host).text();
      String name = CookieFlag.name(v);
      String cookie = CookieFlag.render(v);
      if (cookie != null && host.setCookie(name, cookie) && host.trace().full()) {
        flag(host, p, "CO", "Set-Cookie: " + cookie);
      }
    }
  }

  /** [H=] and [T=]: the handler and content type the request gets from here on. */
  private static void applyNotes(CompiledRule p, RewriteContext ctx, RewriteHost host) {
    if (p.handler != null) {
      ctx.handler = p.handler;
      host.forceHandler(p.handler);
    }
    if (p.type != null) {
      host.forceType(
          Expander.expand(p.type, ctx, null, false, null, host).text().toLowerCase(Locale.ROOT));
    }
  }

  private static void flag(RewriteHost host, CompiledRule p, String flag, String effect) {
    host.trace().detail(new TraceEvent.FlagApplied(p.source.span(), flag, effect));
  }

  static List<String> groups(PcreMatch m) {
    List<String> out = new ArrayList<>();
    for (int g = 0; g <= m.groupCount(); g++) {
      out.add(m.group(g));
    }
    return out;
  }
}
