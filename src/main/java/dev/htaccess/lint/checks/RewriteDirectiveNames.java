package dev.htaccess.lint.checks;

import java.util.Set;

/** The mod_rewrite directives whose arguments the reader checks itself (HT1003, HT1004). */
final class RewriteDirectiveNames {
  private static final Set<String> PARSED =
      Set.of(
          "rewriterule",
          "rewritecond",
          "rewriteengine",
          "rewritebase",
          "rewriteoptions",
          "rewritemap");

  private RewriteDirectiveNames() {}

  static boolean handledByParser(String lowerName) {
    return PARSED.contains(lowerName);
  }
}
