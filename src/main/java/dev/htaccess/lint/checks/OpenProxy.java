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
 * A [P] rule whose upstream host the client chooses (path captures, the query string, headers,
 * {@code %N} of conditions on them) makes the server fetch any host: server-side request forgery.
 * Decided by the real engine on a request built to carry an attacker's host, reported with it.
 */
@CheckInfo(
    code = "HT3002",
    name = "open-proxy",
    severity = Severity.WARNING,
    summary = "A [P] rule whose upstream host comes from the request (an open proxy).")
public final class OpenProxy implements Check {
  @Override
  public void check(LintContext context) {
    try (SiteProbe probe = new SiteProbe(context)) {
      for (LintContext.Rule r : context.rules()) {
        RewriteRule rule = r.rule();
        if (!rule.has(RuleFlagKind.PROXY)) {
          continue;
        }
        OpenTargets.find(r, probe, true, true)
            .ifPresent(
                proof ->
                    context.report(
                        rule.span(),
                        "open proxy: "
                            + proof.request()
                            + " is proxied to "
                            + proof.target()
                            + " (the upstream host comes from the request), so anyone can make"
                            + " this server fetch any host; pin the host"));
      }
    }
  }
}
