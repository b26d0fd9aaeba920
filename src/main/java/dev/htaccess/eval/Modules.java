package dev.htaccess.eval;

import java.util.Locale;
import java.util.Set;

/**
 * Which modules the simulated server has loaded. Decides {@code <IfModule>} and whether a directive
 * is known at all (an unknown directive in .htaccess is a 500). The default is the set the oracle's
 * Apache loads (see ../shared/oracle/README.md).
 */
record Modules(Set<String> names) {

  static final Modules ORACLE_DEFAULT =
      new Modules(
          Set.of(
              "core",
              "http",
              "so",
              "mpm_prefork",
              "authn_core",
              "authn_file",
              "authz_core",
              "authz_host",
              "authz_user",
              "auth_basic",
              "access_compat",
              "mime",
              "dir",
              "alias",
              "rewrite",
              "headers",
              "env",
              "setenvif",
              "expires",
              "autoindex",
              "proxy",
              "proxy_http",
              "socache_shmcb",
              "ssl",
              "log_config",
              "unixd",
              "logio",
              "watchdog",
              "version"));

  /** True when the module named as {@code <IfModule>} names it is loaded. */
  boolean hasModule(String spec) {
    String s = spec.toLowerCase(Locale.ROOT);
    String name;
    if (s.endsWith(".c")) {
      name = s.substring(0, s.length() - 2);
      if (name.startsWith("mod_")) {
        name = name.substring(4);
      }
    } else if (s.endsWith("_module")) {
      name = s.substring(0, s.length() - "_module".length());
    } else {
      return false;
    }
    if (name.equals("http_core")) {
      name = "http";
    }
    if (name.equals("prefork")) {
      name = "mpm_prefork";
    }
    return names.contains(name);
  }

  /** True when the catalog's module name (mod_rewrite, core, mpm_common ...) is loaded. */
  boolean provides(String catalogModule) {
    String m = catalogModule.toLowerCase(Locale.ROOT);
    if (m.equals("core") || m.equals("mpm_common") || m.equals("prefork")) {
      return true;
    }
    return names.contains(m.startsWith("mod_") ? m.substring(4) : m);
  }
}
