package dev.htaccess.httpd;

import java.util.Optional;

/**
 * How httpd names a module, and how every place that mentions one is read: an {@code <IfModule>}
 * argument (the module's source file, {@code mod_rewrite.c}, or its identifier, {@code
 * rewrite_module}), the directive catalog's module column ({@code mod_rewrite}, {@code core},
 * {@code prefork}) and a name the user gives ({@code rewrite}). All of them map to one canonical
 * name, the identifier without {@code _module}: {@code rewrite}, {@code core}, {@code http}, {@code
 * mpm_prefork}.
 *
 * <p>{@code <IfModule>} compares names exactly (core.c, find_module: {@code strcmp} against the
 * source file name and the module symbol), so {@code Mod_Rewrite.c} names no module: measured with
 * the oracle. The canonical name of such a spelling keeps its capitals and matches nothing.
 */
public final class ModuleNames {

  private ModuleNames() {}

  /** The pseudo-module of the directives every MPM has (mpm_common.c in the catalog). */
  public static final String MPM_COMMON = "mpm_common";

  /**
   * The module an {@code <IfModule>} argument names, or empty when it is neither a source file name
   * ({@code *.c}) nor a module identifier ({@code *_module}), which matches no module at all.
   */
  public static Optional<String> fromIfModule(String spec) {
    String name;
    if (spec.endsWith(".c") && spec.length() > 2) {
      name = fromSourceFile(spec.substring(0, spec.length() - 2));
    } else if (spec.endsWith("_module") && spec.length() > "_module".length()) {
      name = spec.substring(0, spec.length() - "_module".length());
    } else {
      return Optional.empty();
    }
    return Optional.of(php(name));
  }

  /** The module of a catalog entry: {@code mod_rewrite}, {@code core}, {@code prefork}... */
  public static String fromCatalog(String catalogModule) {
    return php(fromSourceFile(catalogModule));
  }

  /**
   * A module the user names ({@code rewrite}, {@code mod_rewrite}, {@code mod_rewrite.c} or {@code
   * rewrite_module}), in any case.
   */
  public static String fromUser(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    return fromIfModule(n).orElseGet(() -> fromCatalog(n));
  }

  /** A source file's base name to the module's identifier. */
  private static String fromSourceFile(String base) {
    return switch (base) {
      case "http_core" -> "http";
      case "prefork", "event", "worker", "netware", "winnt", "mpmt_os2" -> "mpm_" + base;
      case "mpm_netware" -> "mpm_netware";
      default -> base.startsWith("mod_") ? base.substring(4) : base;
    };
  }

  /**
   * PHP's module goes by its major version ({@code mod_php7.c}, {@code php8_module}) or by its SAPI
   * file ({@code sapi_apache2.c}); they are one module for our purposes: PHP.
   */
  private static String php(String name) {
    if (name.equals("sapi_apache2") || isPhp(name)) {
      return "php";
    }
    return name;
  }

  /**
   * {@code php} and a major version ({@code php7}, {@code php8}); lint asks for every directive.
   */
  private static boolean isPhp(String name) {
    if (!name.startsWith("php")) {
      return false;
    }
    for (int i = 3; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
