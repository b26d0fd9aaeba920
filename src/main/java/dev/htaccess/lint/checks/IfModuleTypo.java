package dev.htaccess.lint.checks;

import dev.htaccess.httpd.ModuleNames;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An {@code <IfModule>} naming no module that exists: its content never applies (or always, with
 * {@code !}), usually because of a typo such as {@code mod_rewite.c}.
 */
@CheckInfo(
    code = "HT5004",
    name = "ifmodule-typo",
    severity = Severity.WARNING,
    summary = "<IfModule> names a module no Apache build has (often a typo).")
public final class IfModuleTypo implements Check {

  /** Modules outside httpd that .htaccess files commonly test for. */
  private static final Set<String> THIRD_PARTY =
      Set.of(
          "php",
          "security",
          "security2",
          "pagespeed",
          "passenger",
          "fcgid",
          "fastcgi",
          "suphp",
          "ruid2",
          "evasive",
          "evasive20",
          "evasive24",
          "geoip",
          "maxminddb",
          "perl",
          "python",
          "wsgi",
          "brotli",
          "gnutls",
          "jk",
          "mono",
          "qos",
          "lsapi",
          "litespeed",
          "cloudflare",
          "remoteip",
          "pagespeed_ap24",
          "bw",
          "limitipconn",
          "xsendfile",
          "auth_kerb",
          "auth_mellon",
          "auth_openidc",
          "shib",
          "mpm_itk",
          "itk");

  @Override
  public void check(LintContext context) {
    Set<String> known = null;
    for (LintContext.Located l : context.directives()) {
      if (!(l.directive() instanceof Section s)
          || !s.key().equals("ifmodule")
          || s.arguments().isEmpty()) {
        continue;
      }
      String arg = s.arguments().get(0).value();
      String spec = arg.startsWith("!") ? arg.substring(1) : arg;
      String module = ModuleNames.fromIfModule(spec).orElse(null);
      if (module == null) {
        context.report(
            s.span(),
            "'"
                + spec
                + "' is not a module name: write mod_NAME.c or NAME_module, so this"
                + " section "
                + (arg.startsWith("!") ? "always" : "never")
                + " applies");
        continue;
      }
      if (known == null) {
        known = knownModules(context);
      }
      if (!known.contains(module)) {
        context.report(
            s.span(),
            "no Apache module is called '"
                + spec
                + "' (a typo?): this section "
                + (arg.startsWith("!") ? "always" : "never")
                + " applies"
                + suggestion(module, known));
      }
    }
  }

  /** The module names of the last catalog asked for, made once (files are linted in parallel). */
  private static volatile Map.Entry<DirectiveCatalog, Set<String>> knownByCatalog;

  /** Every module name Apache or a common third party has. */
  private static Set<String> knownModules(LintContext context) {
    Map.Entry<DirectiveCatalog, Set<String>> last = knownByCatalog;
    if (last != null && last.getKey() == context.catalog()) {
      return last.getValue();
    }
    Set<String> known = new HashSet<>(THIRD_PARTY);
    context.catalog().modules().forEach(m -> known.add(ModuleNames.fromCatalog(m)));
    known.addAll(ModuleSet.DEBIAN_DEFAULT.names());
    // Sorted: the suggestion among names at the same distance is the same on every run.
    Set<String> made = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(known));
    knownByCatalog = Map.entry(context.catalog(), made);
    return made;
  }

  private static String suggestion(String module, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = UnknownDirective.distance(module, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean mod_" + best + ".c?)";
  }
}
