package dev.htaccess.lint.checks;

import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.Directive;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Section;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import dev.htaccess.source.Severity;
import java.util.List;

/** A regular expression PCRE cannot compile: Apache refuses the file (500). */
@CheckInfo(
    code = "HT1010",
    name = "invalid-regex",
    severity = Severity.ERROR,
    summary =
        "A regular expression that does not compile (RewriteRule, RewriteCond, FilesMatch, RedirectMatch, SetEnvIf ...).")
public final class InvalidRegex implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      Directive d = l.directive();
      String regex = regexOf(d);
      if (regex == null) {
        continue;
      }
      try {
        PcrePattern.compile(regex, false);
      } catch (PcreSyntaxException e) {
        context.report(
            d.span(),
            d.name() + ": cannot compile regular expression '" + regex + "': " + e.getMessage());
      }
    }
  }

  private static String regexOf(Directive d) {
    if (d instanceof RewriteRule r) {
      return r.pattern();
    }
    if (d instanceof RewriteCond c) {
      return c.pattern() instanceof CondPattern.Regex re ? re.regex() : null;
    }
    List<String> args = d.arguments().stream().map(a -> a.value()).toList();
    if (d instanceof Section s) {
      return switch (s.key()) {
        case "filesmatch", "locationmatch", "directorymatch", "proxymatch" ->
            args.isEmpty() ? null : args.get(0);
        case "files", "location", "directory" ->
            args.size() > 1 && args.get(0).equals("~") ? args.get(1) : null;
        default -> null;
      };
    }
    if (d instanceof GenericDirective g) {
      return switch (g.key()) {
        case "redirectmatch" ->
            args.isEmpty()
                ? null
                : args.size() >= 2 && isStatus(args.get(0)) ? args.get(1) : args.get(0);
        case "setenvif", "setenvifnocase" -> args.size() >= 2 ? args.get(1) : null;
        case "browsermatch", "browsermatchnocase" -> args.isEmpty() ? null : args.get(0);
        case "aliasmatch", "scriptaliasmatch", "proxypassmatch" ->
            args.isEmpty() ? null : args.get(0);
        default -> null;
      };
    }
    return null;
  }

  private static boolean isStatus(String s) {
    return s.matches("\\d+") || HttpStatus.aliasKeyword(s).isPresent();
  }
}
