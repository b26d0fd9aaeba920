package dev.htaccess.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The modules ../shared/oracle's Apache has (its README), for tests that start Apache too. */
public final class OracleModules {

  private OracleModules() {}

  /** What the oracle loads with LoadModule, in load order (the MPM first). */
  public static final List<String> LOADED =
      List.of(
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
          "ssl");

  /** What Debian's apache2 binary has compiled in. */
  public static final List<String> BUILT_IN =
      List.of("log_config", "unixd", "so", "watchdog", "http", "logio", "version");

  /** Everything the oracle's Apache provides. */
  public static final Set<String> ALL =
      Set.copyOf(Stream.concat(LOADED.stream(), BUILT_IN.stream()).toList());
}
