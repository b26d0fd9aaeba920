package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import java.util.Locale;

/** A directive no Apache module defines: "Invalid command", a 500 for every request. */
@CheckInfo(
    code = "HT1007",
    name = "unknown-directive",
    severity = Severity.ERROR,
    summary = "A directive no Apache 2.4 module defines (often a typo).")
public final class UnknownDirective implements Check {

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    for (LintContext.Located l : context.directives()) {
      String name = l.directive().name();
      if (name.startsWith("\u00ef\u00bb\u00bf")
          || RemovedDirective.REMOVED.containsKey(name.toLowerCase(Locale.ROOT))) {
        continue; // reported by byte-order-mark and removed-directive
      }
      if (context.catalog().find(name).isPresent()) {
        continue;
      }
      Activation.State state = activation.of(l);
      if (state != Activation.State.ACTIVE) {
        // Skipped, or inside <IfModule> of a module that may be absent and may define it.
        continue;
      }
      String what = l.directive() instanceof Section ? "<" + name : name;
      String message =
          "Invalid command '"
              + what
              + "', perhaps misspelled or defined by a module not included in the server"
              + " configuration"
              + suggestion(context, name);
      context.report(l.directive().span(), message);
    }
  }

  private static String suggestion(LintContext context, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (DirectiveInfo info : context.catalog().all()) {
      int d = distance(lower, info.key());
      if (d < bestDistance) {
        bestDistance = d;
        best = info.name();
      }
    }
    int limit = Math.max(1, Math.min(3, lower.length() / 4));
    return best != null && bestDistance <= limit ? " (did you mean " + best + "?)" : "";
  }

  /** Levenshtein distance, with a transposition counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
