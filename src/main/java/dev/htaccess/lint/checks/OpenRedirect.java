package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.lint.probe.OpenTargets;
import dev.htaccess.lint.probe.SiteProbe;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.source.Severity;

/**
 * A redirect whose target host a link can choose (path captures, the query string, {@code %N} of
 * conditions on them) lets anyone send users anywhere. Decided by the real engine on a request
 * built to carry an attacker's host: only a redirect that really ends there is reported, with that
 * request (a capture that cannot hold a host, a pinning condition, or Apache merging the slashes of
 * {@code /go/https://...} keep a rule closed).
 */
@CheckInfo(
    code = "HT3001",
    name = "open-redirect",
    severity = Severity.WARNING,
    summary = "A redirect whose target host comes from the request (an open redirect).")
public final class OpenRedirect implements Check {
  @Override
  public void check(LintContext context) {
    try (SiteProbe probe = new SiteProbe(context)) {
      for (LintContext.Rule r : context.rules()) {
        RewriteRule rule = r.rule();
        if (rule.has(RuleFlagKind.PROXY) || Rules.statusOnly(rule) || rule.noSubstitution()) {
          continue;
        }
        var open = OpenTargets.find(r, probe, false, false);
        if (open.isPresent()) {
          context.report(
              rule.span(),
              "open redirect: "
                  + open.get().request()
                  + " is redirected to "
                  + open.get().target()
                  + " (the target's host comes from the request), so any link can send"
                  + " your visitors anywhere; pin the host or restrict it with a RewriteCond");
          continue;
        }
        OpenTargets.wholeTargetFromPath(r, probe)
            .ifPresent(
                proof ->
                    context.report(
                        rule.span(),
                        "redirect target taken whole from the path: "
                            + proof.request()
                            + " goes to "
                            + proof.target()
                            + " only because Apache merges the slashes of the path; with"
                            + " MergeSlashes Off or AllowEncodedSlashes On in the server it is an"
                            + " open redirect to https://"
                            + OpenTargets.EVIL
                            + "/; start the target with a fixed path or host"));
      }
    }
  }
}
