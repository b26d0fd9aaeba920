package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.source.Severity;
import java.util.Locale;
import java.util.Map;

/** Directives that Apache 2.2 knew and 2.4 removed: "Invalid command" now. */
@CheckInfo(
    code = "HT4003",
    name = "removed-directive",
    severity = Severity.ERROR,
    summary = "A directive of Apache 2.2 that 2.4 removed (RewriteLog, RewriteLock ...).")
public final class RemovedDirective implements Check {

  static final Map<String, String> REMOVED =
      Map.of(
          "rewritelog", "use LogLevel rewrite:trace1 ... trace8 in the server configuration",
          "rewriteloglevel", "use LogLevel rewrite:trace1 ... trace8 in the server configuration",
          "rewritelock", "it is no longer needed (use Mutex in the server configuration)",
          "authzldapauthoritative", "use AuthLDAPBindAuthoritative and Require ldap-*",
          "authdbmauthoritative", "authorization providers are chained by Require",
          "authzdbmauthoritative", "authorization providers are chained by Require",
          "authzuserauthoritative", "authorization providers are chained by Require",
          "authzgroupfileauthoritative", "authorization providers are chained by Require",
          "authzdefaultauthoritative", "authorization providers are chained by Require",
          "authzhostauthoritative", "use Require host/ip");

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      String advice = REMOVED.get(l.directive().name().toLowerCase(Locale.ROOT));
      if (advice == null || activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      context.report(
          l.directive().span(),
          l.directive().name() + " was removed in Apache 2.4 (Invalid command): " + advice);
    }
  }
}
