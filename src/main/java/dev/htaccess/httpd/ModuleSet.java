package dev.htaccess.httpd;

import java.util.Set;

/**
 * A set of loaded modules, by canonical name (see {@link ModuleNames}): what decides {@code
 * <IfModule>} and whether a directive exists at all (an unknown directive in .htaccess is a 500).
 */
public record ModuleSet(Set<String> names) {

  public ModuleSet {
    names = Set.copyOf(names);
  }

  /** These modules and {@code module} too. */
  public ModuleSet with(String module) {
    Set<String> more = new java.util.HashSet<>(names);
    more.add(module);
    return new ModuleSet(more);
  }

  /**
   * The modules of the oracle's Apache ({@code ../shared/oracle/README.md}), which the dry run
   * simulates: Debian's binary with its built-in modules (core, http, so, watchdog, log_config,
   * logio, version, unixd) and the ones the oracle loads.
   */
  public static final ModuleSet ORACLE =
      new ModuleSet(
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

  /**
   * The modules a default Debian apache2 has: built in, or enabled by the package. Which MPM is
   * loaded varies (event by default, prefork with mod_php), so all three count as usual.
   */
  public static final ModuleSet DEBIAN_DEFAULT =
      new ModuleSet(
          Set.of(
              "core",
              "so",
              "watchdog",
              "http",
              "log_config",
              "logio",
              "version",
              "unixd",
              "mpm_event",
              "mpm_prefork",
              "mpm_worker",
              "access_compat",
              "alias",
              "auth_basic",
              "authn_core",
              "authn_file",
              "authz_core",
              "authz_host",
              "authz_user",
              "autoindex",
              "deflate",
              "dir",
              "env",
              "filter",
              "mime",
              "negotiation",
              "reqtimeout",
              "setenvif",
              "status"));

  /** Whether a module, by canonical name, is loaded; core and the MPM's common part always are. */
  public boolean loaded(String canonical) {
    return canonical.equals("core")
        || canonical.equals(ModuleNames.MPM_COMMON)
        || names.contains(canonical);
  }

  /** Whether the module an {@code <IfModule>} argument names is loaded. */
  public boolean loadedForIfModule(String spec) {
    return ModuleNames.fromIfModule(spec).map(this::loaded).orElse(false);
  }

  /** Whether the module of a catalog entry ({@code mod_rewrite}, {@code core}...) is loaded. */
  public boolean providesCatalogModule(String catalogModule) {
    return loaded(ModuleNames.fromCatalog(catalogModule));
  }
}
