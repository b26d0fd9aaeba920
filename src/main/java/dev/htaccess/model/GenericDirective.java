package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * A directive with no dedicated record: its name and its arguments split as Apache's {@code
 * ap_getword_conf} splits them.
 *
 * @param rawArguments the argument text as one string, as handlers taking raw arguments see it
 */
public record GenericDirective(
    String name, List<Argument> arguments, String rawArguments, SourceSpan span)
    implements Directive {

  public GenericDirective {
    arguments = List.copyOf(arguments);
  }
}
