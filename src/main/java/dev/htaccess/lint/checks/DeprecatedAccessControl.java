package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.*;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import java.util.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Order/Allow/Deny/Satisfy are Apache 2.2 syntax, kept only by mod_access_compat. */
@CheckInfo(
    code = "HT4001",
    name = "deprecated-access-control",
    severity = Severity.WARNING,
    summary = "Order/Allow/Deny/Satisfy: 2.2 access control, deprecated in 2.4 (use Require).")
public final class DeprecatedAccessControl implements Check {
  private static final Map<String, String> ADVICE =
      Map.of(
          "order", "drop it; Require has no order",
          "allow", "use 'Require ip ...' / 'Require host ...' / 'Require all granted'",
          "deny", "use 'Require all denied' or 'Require not ip ...' inside <RequireAll>",
          "satisfy", "use <RequireAny> or <RequireAll>");

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String advice = ADVICE.get(l.directive().key());
      if (advice != null && l.directive() instanceof GenericDirective) {
        context.report(
            l.directive().span(),
            l.directive().name()
                + " is Apache 2.2 access control, kept only by"
                + " mod_access_compat: "
                + advice,
            l.directive().key().equals("order") ? toRequire(context, l) : null);
      }
    }
  }

  /**
   * The Require line that says what one section's Order, Allow and Deny say, as the upgrade guide
   * of Apache 2.4 pairs them: {@code Require all denied}, {@code Require all granted} or {@code
   * Require ip ...}. Offered only where that is exact: the file has no Satisfy or Require (whose
   * mix with the old directives Satisfy decides), every Order/Allow/Deny of the file is in the
   * section (one Order), and each address is a plain IP or subnet (a host name, an env= test or a
   * deny list next to an allow-all need a RequireAll, so they are left alone).
   */
  private static Fix toRequire(LintContext context, LintContext.Located order) {
    List<LintContext.Located> allows = new ArrayList<>();
    List<LintContext.Located> denies = new ArrayList<>();
    for (LintContext.Located l : context.directives()) {
      String key = l.directive().key();
      if (key.equals("satisfy")
          || key.equals("require")
          || l.directive() instanceof Section s && s.key().startsWith("require")) {
        return null;
      }
      boolean compat = key.equals("order") || key.equals("allow") || key.equals("deny");
      if (!compat) {
        continue;
      }
      if (!l.enclosing().equals(order.enclosing())
          || !(l.directive() instanceof GenericDirective)
          || key.equals("order") && l != order) {
        return null;
      }
      if (!key.equals("order")) {
        (key.equals("allow") ? allows : denies).add(l);
      }
    }
    GenericDirective o = (GenericDirective) order.directive();
    if (o.arguments().size() != 1) {
      return null;
    }
    String how = o.arguments().get(0).value().toLowerCase(Locale.ROOT);
    List<String> allowed = hosts(allows);
    List<String> denied = hosts(denies);
    if (allowed == null || denied == null) {
      return null;
    }
    boolean allowAll = allowed.contains("all");
    boolean denyAll = denied.contains("all");
    String require;
    if (how.equals("allow,deny")) {
      // Allowed when an Allow matches and no Deny does; refused by default.
      if (allowed.isEmpty() || denyAll) {
        require = "Require all denied";
      } else if (!denied.isEmpty()) {
        return null;
      } else {
        require = allowAll ? "Require all granted" : "Require ip " + String.join(" ", allowed);
      }
    } else if (how.equals("deny,allow")) {
      // Allowed when an Allow matches or no Deny does; allowed by default.
      if (denied.isEmpty() || allowAll) {
        require = "Require all granted";
      } else if (!denyAll) {
        return null;
      } else {
        require =
            allowed.isEmpty() ? "Require all denied" : "Require ip " + String.join(" ", allowed);
      }
    } else {
      return null;
    }
    List<Fix.Edit> edits = new ArrayList<>();
    int line = o.span().line();
    String indent = context.file().line(line).replaceAll("^([ \\t]*).*$", "$1").replace("\r", "");
    edits.add(lineEdit(context, line, indent + require + Rules.lineEnd(context)));
    for (LintContext.Located l : allows) {
      edits.add(lineEdit(context, l.directive().span().line(), ""));
    }
    for (LintContext.Located l : denies) {
      edits.add(lineEdit(context, l.directive().span().line(), ""));
    }
    return new Fix("replace Order/Allow/Deny with " + require, edits);
  }

  /**
   * The hosts of Allow or Deny lines ({@code from} dropped): {@code all} or IP addresses and
   * subnets as mod_authz_host reads them; null for anything else, or a line not alone on its line.
   */
  private static List<String> hosts(List<LintContext.Located> lines) {
    List<String> out = new ArrayList<>();
    int previousLine = -1;
    for (LintContext.Located l : lines) {
      GenericDirective d = (GenericDirective) l.directive();
      int line = d.span().line();
      if (line == previousLine
          || d.span().endLine() != line
          || d.arguments().size() < 2
          || !d.arguments().get(0).value().equalsIgnoreCase("from")) {
        return null;
      }
      previousLine = line;
      for (var a : d.arguments().subList(1, d.arguments().size())) {
        String host = a.value();
        if (host.equalsIgnoreCase("all")) {
          out.add("all");
          continue;
        }
        try {
          dev.htaccess.httpd.IpSubnet.parse(host);
        } catch (dev.htaccess.httpd.IpSubnet.Invalid e) {
          return null;
        }
        out.add(host);
      }
    }
    return out;
  }

  private static Fix.Edit lineEdit(LintContext context, int line, String text) {
    int start = context.offset(line, 1);
    int end =
        line < context.file().lineCount()
            ? context.offset(line + 1, 1)
            : context.file().text().length();
    return new Fix.Edit(start, end, text);
  }
}
