package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;
import java.util.List;

/**
 * {@code RewriteBase URL-path}: the URL prefix re-added to relative per-directory substitutions.
 */
public record RewriteBase(String name, List<Argument> arguments, String url, SourceSpan span)
    implements Directive {

  public RewriteBase {
    arguments = List.copyOf(arguments);
  }
}
