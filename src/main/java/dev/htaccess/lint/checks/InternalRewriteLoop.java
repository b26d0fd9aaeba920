package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.lint.probe.RewriteLoops;
import dev.htaccess.source.Severity;
import java.util.List;

/**
 * Internal redirects that never settle: every internal redirect runs the per-directory rules anew,
 * so a rewrite whose result the rules rewrite again (the unguarded {@code ^(.*)$ public/$1} of a
 * framework's root .htaccess) ends in Apache's 500 after LimitInternalRecursion (10) rounds. Found
 * by running the real engine on the requests the rules accept, with and without the files they
 * name; the finding names the request and its rounds.
 */
@CheckInfo(
    code = "HT2006",
    name = "internal-rewrite-loop",
    severity = Severity.WARNING,
    summary =
        "Rewrites that never settle: a request whose internal redirects end in Apache's 500 after"
            + " 10 rounds.")
public final class InternalRewriteLoop implements Check {
  @Override
  public void check(LintContext context) {
    for (RewriteLoops.Loop loop : RewriteLoops.find(context)) {
      List<String> r = loop.rounds();
      String shown =
          r.size() <= 4
              ? String.join(" -> ", r)
              : String.join(" -> ", r.subList(0, 3)) + " -> ... -> " + r.get(r.size() - 1);
      context.report(
          loop.rule(),
          "internal rewrite loop: "
              + loop.request()
              + (loop.withFile() ? " (the file existing)" : "")
              + " goes "
              + shown
              + " and Apache answers 500 after "
              + (r.size() - 1)
              + " internal redirects (LimitInternalRecursion); guard the rule with a RewriteCond"
              + " on what it produced (or use [END]), unless the directory it rewrites into has an"
              + " .htaccess with rewrite rules of its own");
    }
  }
}
