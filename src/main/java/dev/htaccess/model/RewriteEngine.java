package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/** {@code RewriteEngine on|off}. */
public record RewriteEngine(String name, List<Argument> arguments, boolean on, SourceSpan span)
    implements Directive {

  public RewriteEngine {
    arguments = List.copyOf(arguments);
  }
}
