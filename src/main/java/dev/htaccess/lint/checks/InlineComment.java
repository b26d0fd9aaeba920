package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * Apache has no end-of-line comments. After RewriteRule's flags, mod_rewrite ignores the rest
 * silently; elsewhere the '#' words become arguments.
 */
@CheckInfo(
    code = "HT2018",
    name = "inline-comment",
    severity = Severity.WARNING,
    summary = "A '# comment' after a directive on the same line: not a comment to Apache.")
public final class InlineComment implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      if (l.directive() instanceof Section) {
        continue;
      }
      var args = l.directive().arguments();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).raw().startsWith("#") && i > 0) {
          boolean rewrite =
              l.directive() instanceof RewriteRule || l.directive() instanceof RewriteCond;
          context.report(
              args.get(i).span(),
              rewrite
                  ? "'#' does not start a comment here: the text is ignored by mod_rewrite only"
                      + " by luck; put comments on their own line"
                  : "'#' does not start a comment here: '"
                      + args.get(i).value()
                      + "' and what follows are arguments; put comments on their own line");
          break;
        }
      }
      if (l.directive() instanceof RewriteRule || l.directive() instanceof RewriteCond) {
        // mod_rewrite drops anything after the flags; the AST keeps three arguments.
        var span = l.directive().span();
        if (args.size() == 3 && span.line() == span.endLine()) {
          String line = context.file().line(span.line());
          int flagsEnd = args.get(2).span().endColumn() - 1;
          if (args.get(2).span().line() == span.line()
              && flagsEnd < line.length()
              && !line.substring(flagsEnd).isBlank()) {
            context.report(
                args.get(2).span(),
                "text after the flags is ignored by mod_rewrite: '"
                    + line.substring(flagsEnd).strip()
                    + "'; put comments on their own line");
          }
        }
      }
    }
  }
}
