package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import java.util.List;
import java.util.Locale;

/**
 * How directives' arguments are kept once read, the same in the virtual host and in a directory:
 * DirectoryIndex's names, ErrorDocument's target, ForceType's type, mod_mime's extensions.
 */
final class DirectiveValues {

  private DirectiveValues() {}

  /** DirectoryIndex's names; {@code disabled} alone turns mod_dir's index lookup off. */
  /**
   * DirectoryIndex as mod_dir reads it: the names are added to those the same configuration (one
   * .htaccess, one section, the virtual host) listed before; {@code disabled} alone empties it.
   *
   * @param before the names this configuration listed so far (empty at its first DirectoryIndex)
   */
  static List<String> directoryIndex(List<String> before, List<Argument> args) {
    List<String> names = args.stream().map(Argument::value).toList();
    if (names.size() == 1 && names.get(0).equalsIgnoreCase("disabled")) {
      return List.of();
    }
    List<String> all = new java.util.ArrayList<>(before);
    all.addAll(names);
    return List.copyOf(all);
  }

  /**
   * ErrorDocument's target as kept for the error: a local URL, a full URL, or (marked with a
   * leading {@code "}) a message given in quotes, which is text even when it starts with a slash.
   */
  static String errorDocument(Argument target) {
    return target.raw().startsWith("\"") ? "\"" + target.value() : target.value();
  }

  /** ForceType's type as mod_mime keeps it: lower case; {@code None} cancels an inherited one. */
  static String forceType(String value) {
    return value.equalsIgnoreCase("none") ? null : value.toLowerCase(Locale.ROOT);
  }

  /** An extension as mod_mime keys it: lower case, without the leading dot. */
  static String extension(String ext) {
    String lower = ext.toLowerCase(Locale.ROOT);
    return lower.startsWith(".") ? lower.substring(1) : lower;
  }
}
