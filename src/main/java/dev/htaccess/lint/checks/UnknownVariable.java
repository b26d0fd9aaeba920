package dev.htaccess.lint.checks;

import dev.htaccess.httpd.ServerVariable;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.source.Severity;
import java.util.*;

/**
 * A %{NAME} that mod_rewrite does not know expands to an empty string. A frequent case is
 * %{HTTP_X_FORWARDED_PROTO}: only a few HTTP_ names exist, other headers need %{HTTP:Name}. Names
 * are compared in upper case, as mod_rewrite does.
 */
@CheckInfo(
    code = "HT2017",
    name = "unknown-variable",
    severity = Severity.WARNING,
    summary = "A %{VARIABLE} mod_rewrite does not know: it is always empty.")
public final class UnknownVariable implements Check {

  @Override
  public void check(LintContext context) {
    for (LintContext.Located l : context.directives()) {
      List<Template> templates = new ArrayList<>();
      if (l.directive() instanceof RewriteRule r) {
        templates.add(r.substitution());
      } else if (l.directive() instanceof RewriteCond c
          && !(c.pattern() instanceof CondPattern.Expression)) {
        templates.add(c.testString());
      }
      for (Template t : templates) {
        for (Template.Part p : t.parts()) {
          if (p instanceof Template.Variable v && v.prefix().isEmpty()) {
            String upper = v.name().toUpperCase(Locale.ROOT);
            if (ServerVariable.lookup(v.name()).isEmpty() && !upper.startsWith("SSL:")) {
              String hint =
                  upper.startsWith("HTTP_")
                      ? "; for the request header use %{HTTP:"
                          + headerName(upper.substring(5))
                          + "}"
                      : "";
              context.report(
                  l.directive().span(),
                  "%{"
                      + v.name()
                      + "} is not a variable mod_rewrite knows: it is always empty"
                      + hint);
            }
          }
        }
      }
    }
  }

  private static String headerName(String underscored) {
    StringBuilder out = new StringBuilder();
    for (String part : underscored.split("_")) {
      if (out.length() > 0) {
        out.append('-');
      }
      out.append(part.isEmpty() ? "" : part.charAt(0) + part.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
