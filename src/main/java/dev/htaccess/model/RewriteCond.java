package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * {@code RewriteCond TestString [!]CondPattern [flags]}.
 *
 * @param testString the string to test, expanded per request
 * @param negated the pattern was negated ({@code !}, or {@code -ne})
 * @param pattern the classified pattern
 * @param rawPattern the pattern as written, {@code !} included
 * @param flags the flags in the order written
 */
public record RewriteCond(
    String name,
    List<Argument> arguments,
    Template testString,
    boolean negated,
    CondPattern pattern,
    String rawPattern,
    List<CondFlag> flags,
    SourceSpan span)
    implements Directive {

  public RewriteCond {
    arguments = List.copyOf(arguments);
    flags = List.copyOf(flags);
  }

  /** True when the condition has a flag of this kind. */
  public boolean has(CondFlag.Kind kind) {
    for (CondFlag flag : flags) {
      if (flag.kind() == kind) {
        return true;
      }
    }
    return false;
  }
}
