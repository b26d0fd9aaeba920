package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * {@code RewriteRule [!]Pattern Substitution [flags]}. The RewriteCond lines before it stay
 * separate nodes in the file's order; the evaluator attaches them, as Apache does at load time.
 *
 * @param negated the pattern started with {@code !}
 * @param pattern the regular expression, without the {@code !}
 * @param substitution the substitution; {@link #noSubstitution()} tells whether it is {@code -}
 * @param flags the flags in the order written
 */
public record RewriteRule(
    String name,
    List<Argument> arguments,
    boolean negated,
    String pattern,
    Template substitution,
    List<RuleFlag> flags,
    SourceSpan span)
    implements Directive {

  public RewriteRule {
    arguments = List.copyOf(arguments);
    flags = List.copyOf(flags);
  }

  /** True for the substitution {@code -}: the URL is left unchanged. */
  public boolean noSubstitution() {
    return substitution.source().equals("-");
  }

  /** True when the rule has a flag of this kind. */
  public boolean has(RuleFlagKind kind) {
    for (RuleFlag flag : flags) {
      if (flag.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /** The last flag of this kind (Apache lets a later flag override an earlier one), or null. */
  public RuleFlag flag(RuleFlagKind kind) {
    RuleFlag found = null;
    for (RuleFlag flag : flags) {
      if (flag.kind() == kind) {
        found = flag;
      }
    }
    return found;
  }
}
