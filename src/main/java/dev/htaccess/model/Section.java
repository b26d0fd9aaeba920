package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * A container such as {@code <IfModule mod_rewrite.c> ... </IfModule>}.
 *
 * @param name the section's name without angle brackets, e.g. {@code IfModule}
 * @param arguments the header's arguments, with the closing {@code >} removed
 * @param rawArguments the header's argument text before the last {@code >}, as section handlers see
 *     it (for example the expression of {@code <If>})
 * @param children the nodes inside
 * @param span the opening line
 * @param endSpan the closing tag, or the opening line when the section is never closed
 */
public record Section(
    String name,
    List<Argument> arguments,
    String rawArguments,
    List<ConfigNode> children,
    SourceSpan span,
    SourceSpan endSpan)
    implements Directive {

  public Section {
    arguments = List.copyOf(arguments);
    children = List.copyOf(children);
  }

  /**
   * The hash of the header alone: a record's own hash would walk the whole subtree on every call,
   * which for sections nested thousands deep (maps and sets keyed by section) never finishes. Equal
   * sections have equal headers, so this agrees with {@link #equals}.
   */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, rawArguments, span, endSpan);
  }
}
