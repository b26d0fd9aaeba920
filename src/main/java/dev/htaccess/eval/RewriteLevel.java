package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.CompiledRule;
import dev.htaccess.eval.rewrite.RewriteScope;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Per-file state of mod_rewrite while one .htaccess (or server section) is read. */
final class RewriteLevel {
  boolean touched;
  Boolean engine;
  Set<RewriteOption> options;
  String base;
  final List<CompiledRule> rules = new ArrayList<>();
  final List<RewriteCond> pendingConds = new ArrayList<>();

  /**
   * mod_rewrite's per-directory merge (config_perdir_merge) of this level onto its parent's scope:
   * the engine and options inherit unless set; the rules are this level's alone, unless an Inherit
   * option adds the parent's after (or before) them.
   */
  RewriteScope mergeOnto(RewriteScope parent, String dir) {
    boolean engineSet = engine != null || (parent != null && parent.engineSet());
    boolean engineOn = engine != null ? engine : parent != null && parent.engineOn();
    Set<RewriteOption> merged =
        options != null
            ? options
            : parent != null ? parent.options() : EnumSet.noneOf(RewriteOption.class);
    boolean optionsSet = options != null || (parent != null && parent.optionsSet());
    String baseUrl =
        merged.contains(RewriteOption.MERGE_BASE) && base == null && parent != null
            ? parent.baseUrl()
            : base;
    List<CompiledRule> parentRules = parent == null ? List.of() : parent.rules();
    Set<RewriteOption> parentOptions = parent == null ? Set.of() : parent.options();
    List<CompiledRule> all = new ArrayList<>();
    boolean ignore = merged.contains(RewriteOption.IGNORE_INHERIT);
    if (merged.contains(RewriteOption.INHERIT)
        || (parentOptions.contains(RewriteOption.INHERIT_DOWN) && !ignore)) {
      all.addAll(rules);
      all.addAll(parentRules);
    } else if (merged.contains(RewriteOption.INHERIT_BEFORE)
        || (parentOptions.contains(RewriteOption.INHERIT_DOWN_BEFORE) && !ignore)) {
      all.addAll(parentRules);
      all.addAll(rules);
    } else {
      all.addAll(rules);
    }
    return new RewriteScope(engineOn, engineSet, merged, optionsSet, baseUrl, dir, all);
  }
}
