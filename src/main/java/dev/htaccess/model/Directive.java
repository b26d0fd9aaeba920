package dev.htaccess.model;

import java.util.List;
import java.util.Locale;

/**
 * A directive line or a section. mod_rewrite's directives have their own records, parsed in detail;
 * every other directive is a {@link GenericDirective}.
 */
public sealed interface Directive extends ConfigNode
    permits GenericDirective,
        Section,
        RewriteRule,
        RewriteCond,
        RewriteEngine,
        RewriteBase,
        RewriteOptions,
        RewriteMap {

  /** The directive's name as written (for a section, without the angle bracket). */
  String name();

  /** The arguments, split by the rules that apply to this directive. */
  List<Argument> arguments();

  /** The name in lower case, since Apache matches directive names case-insensitively. */
  default String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
