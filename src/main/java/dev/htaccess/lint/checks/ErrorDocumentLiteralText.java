package dev.htaccess.lint.checks;

import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * ErrorDocument with a value that is neither a local path (/...) nor a URL is sent as the text of
 * the error page: "ErrorDocument 404 index.php" prints "index.php".
 */
@CheckInfo(
    code = "HT2021",
    name = "errordocument-literal-text",
    severity = Severity.WARNING,
    summary = "ErrorDocument with a relative path, which Apache sends as literal text.")
public final class ErrorDocumentLiteralText implements Check {
  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof GenericDirective g)
          || !g.key().equals("errordocument")
          || g.arguments().size() != 2) {
        continue;
      }
      var value = g.arguments().get(1);
      String v = value.value();
      if (value.quoted()
          || v.startsWith("/")
          || v.contains("://")
          || v.equalsIgnoreCase("default")) {
        continue;
      }
      int[] range = Rules.argumentRange(context, value);
      context.report(
          value.span(),
          "'"
              + v
              + "' is neither a path starting with / nor a URL, so Apache sends it as the"
              + " literal text of the error page; write '/"
              + v
              + "' (or quote a message)",
          v.indexOf('"') < 0 && v.indexOf('\\') < 0
              ? Fix.of(
                  "quote the text (Apache sends it as written)",
                  range[0],
                  range[1],
                  "\"" + v + "\"")
              : null);
    }
  }
}
