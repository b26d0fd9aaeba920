package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.source.Severity;

/**
 * php_value and friends only exist with mod_php; under PHP-FPM or CGI (the usual setup today) they
 * are unknown commands and every request gets a 500.
 */
@CheckInfo(
    code = "HT5001",
    name = "php-directive",
    severity = Severity.WARNING,
    summary = "php_value/php_flag outside <IfModule mod_php...>: a 500 under PHP-FPM or CGI.")
public final class PhpDirective implements Check {

  static boolean isPhp(DirectiveInfo info) {
    return info.module().equals("mod_php");
  }

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      DirectiveInfo info = context.catalog().find(l.directive().name()).orElse(null);
      if (info == null || !isPhp(info) || ModuleMayBeAbsent.guarded(l, "php")) {
        continue;
      }
      Activation.State state = activation.of(l);
      if (state == Activation.State.SKIPPED) {
        continue;
      }
      Boolean loaded = activation.moduleLoaded("php");
      String message =
          info.name()
              + " works only with mod_php; under PHP-FPM or CGI Apache answers 500 (Invalid"
              + " command). Wrap it in <IfModule mod_php.c> (or php_module), or move the setting"
              + " to .user.ini";
      if (loaded != null && !loaded && state == Activation.State.ACTIVE) {
        context.report(l.directive().span(), message, Severity.ERROR);
      } else if (loaded == null) {
        context.report(l.directive().span(), message);
      }
    }
  }
}
