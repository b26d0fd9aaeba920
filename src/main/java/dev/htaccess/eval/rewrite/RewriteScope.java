package dev.htaccess.eval.rewrite;

import dev.htaccess.model.RewriteOption;
import java.util.List;
import java.util.Set;

/**
 * mod_rewrite's per-directory configuration after merging (config_perdir_merge): engine state,
 * options, RewriteBase, the directory prefix and the rules to run.
 *
 * @param engineOn RewriteEngine state (false when never set)
 * @param engineSet whether some level set RewriteEngine
 * @param options the options in effect
 * @param optionsSet whether some level set RewriteOptions
 * @param baseUrl RewriteBase, or null
 * @param directory the physical directory the rules belong to, with a trailing slash
 * @param rules the rules to apply, in order
 */
public record RewriteScope(
    boolean engineOn,
    boolean engineSet,
    Set<RewriteOption> options,
    boolean optionsSet,
    String baseUrl,
    String directory,
    List<CompiledRule> rules) {

  public RewriteScope {
    options = Set.copyOf(options);
    rules = List.copyOf(rules);
  }

  /** Whether an option is in effect. */
  public boolean has(RewriteOption option) {
    return options.contains(option);
  }
}
