package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/** {@code RewriteOptions option...}. */
public record RewriteOptions(
    String name, List<Argument> arguments, List<RewriteOption> options, SourceSpan span)
    implements Directive {

  public RewriteOptions {
    arguments = List.copyOf(arguments);
    options = List.copyOf(options);
  }
}
