package dev.htaccess.lint.checks;

import dev.htaccess.httpd.ModuleNames;
import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.Fix;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A directive of a module that may not be loaded, outside an {@code <IfModule>} for it: on a server
 * without the module Apache answers 500 ("Invalid command"). With {@code --assume-modules} and the
 * module not in the list, it is an error.
 */
@CheckInfo(
    code = "HT5002",
    name = "module-may-be-absent",
    severity = Severity.WARNING,
    summary = "A directive of a module that may not be loaded, not wrapped in <IfModule> for it.")
public final class ModuleMayBeAbsent implements Check {
  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    Set<String> reported = new HashSet<>();
    for (LintContext.Located l : context.directives()) {
      DirectiveInfo info = context.catalog().find(l.directive().name()).orElse(null);
      if (info == null || !info.allowedInHtaccess() || PhpDirective.isPhp(info)) {
        continue;
      }
      String module = ModuleNames.fromCatalog(info.module());
      if (!activation.mayBeAbsent(info) || guarded(l, module)) {
        continue;
      }
      Activation.State state = activation.of(l);
      if (state == Activation.State.SKIPPED) {
        continue;
      }
      String name = l.directive() instanceof Section ? "<" + info.name() + ">" : info.name();
      boolean known = context.options().assumedModules() != null;
      if (known && state == Activation.State.ACTIVE) {
        context.report(
            l.directive().span(),
            "Invalid command '" + name + "': " + info.module() + " is not loaded",
            Severity.ERROR);
      } else if (!known && reported.add(module)) {
        long more =
            context.directives().stream()
                .filter(o -> o != l && o.directive().span().line() > l.directive().span().line())
                .filter(
                    o ->
                        context
                            .catalog()
                            .find(o.directive().name())
                            .map(i -> ModuleNames.fromCatalog(i.module()).equals(module))
                            .orElse(false))
                .filter(o -> !guarded(o, module))
                .count();
        context.report(
            l.directive().span(),
            name
                + " comes from "
                + info.module()
                + ", which may not be loaded; without it Apache answers 500. Wrap it in"
                + " <IfModule "
                + info.module()
                + ".c>"
                + (more > 0
                    ? " (and " + more + " more unguarded " + info.module() + " directives below)"
                    : ""),
            wrap(context, l, module, info.module()));
      }
    }
  }

  /**
   * Wraps the module's unguarded directives beside this one (same enclosing sections) in {@code
   * <IfModule mod_X.c>}: from this line to the last of them, when no section starts or ends in
   * between without the other. With the module loaded the file means the same; without it, the
   * directives are skipped instead of a 500.
   */
  private static Fix wrap(LintContext context, LintContext.Located l, String module, String name) {
    int first = l.directive().span().line();
    int last = first;
    for (LintContext.Located o : context.directives()) {
      boolean same =
          o.enclosing().equals(l.enclosing())
              && !guarded(o, module)
              && context
                  .catalog()
                  .find(o.directive().name())
                  .map(i -> ModuleNames.fromCatalog(i.module()).equals(module))
                  .orElse(false);
      if (same && o.directive().span().line() >= first) {
        last = Math.max(last, o.directive().span().endLine());
      }
    }
    for (LintContext.Located o : context.directives()) {
      int start = o.directive().span().line();
      int end = o.directive().span().endLine();
      boolean overlaps = start <= last && end >= first;
      boolean inside = start >= first && end <= last;
      if (overlaps && !inside) {
        return null; // a section crosses the range
      }
    }
    String text = context.file().text();
    int begin = context.offset(first, 1);
    int after = last < context.file().lineCount() ? context.offset(last + 1, 1) : text.length();
    boolean newline = after > 0 && text.charAt(after - 1) == '\n';
    String eol = Rules.lineEnd(context);
    return new Fix(
        "wrap in <IfModule " + name + ".c>",
        List.of(
            new Fix.Edit(begin, begin, "<IfModule " + name + ".c>" + eol),
            new Fix.Edit(after, after, (newline ? "" : eol) + "</IfModule>" + eol)));
  }

  /** True when an enclosing {@code <IfModule>} (not negated) names the module. */
  static boolean guarded(LintContext.Located l, String module) {
    for (Section s : l.enclosing()) {
      if (s.key().equals("ifmodule") && !s.arguments().isEmpty()) {
        String arg = s.arguments().get(0).value();
        if (!arg.startsWith("!")
            && ModuleNames.fromIfModule(arg).map(module::equals).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }
}
