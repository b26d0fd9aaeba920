package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.lint.LintOptions;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RewriteOptions;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.RuleFlag;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceSpan;
import java.util.Map;

/**
 * A flag, option or directive newer than the Apache release the file must run on ({@code
 * --apache-version}): the older server does not know it and answers 500.
 */
@CheckInfo(
    code = "HT4004",
    name = "requires-newer-apache",
    severity = Severity.ERROR,
    summary = "A flag, RewriteOptions option or directive newer than --apache-version.")
public final class RequiresNewerApache implements Check {

  /** The first 2.4 release that takes each newer RewriteRule flag. */
  public static final Map<RuleFlagKind, String> FLAGS =
      Map.of(
          RuleFlagKind.QUERY_LAST, "2.4.19",
          RuleFlagKind.ESCAPE_BACKREFS_NO_PLUS, "2.4.26",
          RuleFlagKind.ESCAPE_BACKREFS_CONTROLS, "2.4.57",
          RuleFlagKind.ESCAPE_BACKREFS_EXCEPT, "2.4.57",
          RuleFlagKind.UNSAFE_ALLOW_3F, "2.4.60",
          RuleFlagKind.UNSAFE_PREFIX_STAT, "2.4.60",
          RuleFlagKind.UNC, "2.4.62");

  /** The first 2.4 release that takes each newer RewriteOptions option. */
  public static final Map<RewriteOption, String> OPTIONS =
      Map.of(
          RewriteOption.INHERIT_DOWN, "2.4.8",
          RewriteOption.INHERIT_DOWN_BEFORE, "2.4.8",
          RewriteOption.IGNORE_INHERIT, "2.4.8",
          RewriteOption.ALLOW_ANY_URI, "2.4.3",
          RewriteOption.MERGE_BASE, "2.4.4",
          RewriteOption.IGNORE_CONTEXT_INFO, "2.4.16",
          RewriteOption.LEGACY_PREFIX_DOCROOT, "2.4.26",
          RewriteOption.UNSAFE_PREFIX_STAT, "2.4.60");

  @Override
  public void check(LintContext context) {
    String target = context.options().apacheVersion();
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      if (l.directive() instanceof RewriteRule r) {
        for (RuleFlag f : r.flags()) {
          String since = FLAGS.get(f.kind());
          if (f.kind() == RuleFlagKind.COOKIE && f.value().split(":").length > 7) {
            since = "2.4.47";
          }
          report(context, target, since, f.span(), "the [" + f.text() + "] flag");
        }
      } else if (l.directive() instanceof RewriteOptions o) {
        for (RewriteOption option : o.options()) {
          report(
              context,
              target,
              OPTIONS.get(option),
              o.span(),
              "RewriteOptions " + option.spelling());
        }
      }
      DirectiveInfo info = context.catalog().find(l.directive().name()).orElse(null);
      if (info != null && !info.since().isEmpty()) {
        report(context, target, info.since(), l.directive().span(), info.name());
      }
    }
  }

  private static void report(
      LintContext context, String target, String since, SourceSpan span, String what) {
    if (since != null && LintOptions.compareVersions(target, since) < 0) {
      context.report(
          span,
          what + " needs Apache " + since + " or later; on " + target + " it is an error (500)");
    }
  }
}
