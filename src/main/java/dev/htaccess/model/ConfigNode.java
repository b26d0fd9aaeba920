package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;

/** One element of a configuration file: a directive or a whole-line comment. */
public sealed interface ConfigNode permits Comment, Directive {

  /** Where the element is in its file. */
  SourceSpan span();
}
