package dev.htaccess.lint;

import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
import java.util.Locale;
import java.util.Set;

/**
 * Whether Apache reads a directive at all. The content of a false {@code <IfModule>} or {@code
 * <IfDefine>} is skipped unparsed, so nothing in it can be an error; without {@code
 * --assume-modules} a module outside Debian's default set may or may not be loaded, so what depends
 * on it is uncertain.
 */
public final class Activation {

  /** Read for sure, skipped for sure, or depending on which modules are loaded. */
  public enum State {
    ACTIVE,
    MAYBE,
    SKIPPED
  }

  /** Modules of a default Debian apache2: compiled in or enabled by the package. */
  public static final Set<String> USUALLY_LOADED =
      Set.of(
          "core",
          "so",
          "watchdog",
          "http",
          "http_core",
          "log_config",
          "logio",
          "version",
          "unixd",
          "mpm_common",
          "mpm_event",
          "mpm_prefork",
          "mpm_worker",
          "event",
          "prefork",
          "worker",
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
          "status");

  private final LintOptions options;

  public Activation(LintOptions options) {
    this.options = options;
  }

  /** The state of a directive inside these sections. */
  public State of(LintContext.Located located) {
    State state = State.ACTIVE;
    for (Section s : located.enclosing()) {
      State here = section(s);
      if (here == State.SKIPPED) {
        return State.SKIPPED;
      }
      if (here == State.MAYBE) {
        state = State.MAYBE;
      }
    }
    return state;
  }

  private State section(Section s) {
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    boolean negate = arg.startsWith("!");
    String bare = negate ? arg.substring(1) : arg;
    switch (s.key()) {
      case "ifmodule" -> {
        Boolean loaded = moduleLoaded(moduleName(bare));
        return loaded == null ? State.MAYBE : (loaded != negate ? State.ACTIVE : State.SKIPPED);
      }
      case "ifdefine" -> {
        return negate ? State.ACTIVE : State.SKIPPED;
      }
      case "ifversion" -> {
        return versionHolds(s) ? State.ACTIVE : State.SKIPPED;
      }
      case "ifdirective", "ifsection", "iffile" -> {
        return State.MAYBE;
      }
      default -> {
        return State.ACTIVE;
      }
    }
  }

  /**
   * {@code <IfVersion [op] version>} against the oldest version the file must run on ({@code
   * --apache-version}); mod_version is compiled into Debian's Apache.
   */
  private boolean versionHolds(Section s) {
    var args = s.arguments().stream().map(a -> a.value()).toList();
    if (args.isEmpty()) {
      return false;
    }
    String op = args.size() > 1 ? args.get(0) : "=";
    String version = args.size() > 1 ? args.get(1) : args.get(0);
    boolean negate = op.startsWith("!");
    if (negate) {
      op = op.substring(1);
    }
    if (op.equals("~") || version.startsWith("/")) {
      return true;
    }
    String[] want = version.split("\\.");
    String[] have = options.apacheVersion().split("\\.");
    int c = 0;
    for (int i = 0; i < want.length && c == 0; i++) {
      int h = i < have.length ? Integer.parseInt(have[i].replaceAll("\\D.*", "0")) : 0;
      int w = Integer.parseInt(want[i].replaceAll("\\D.*", "0"));
      c = Integer.compare(h, w);
    }
    boolean result =
        switch (op) {
          case "=", "==" -> c == 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          default -> true;
        };
    return result != negate;
  }

  /** True/false when known, null when the module may or may not be loaded. */
  public Boolean moduleLoaded(String module) {
    if (module == null) {
      return null;
    }
    Set<String> assumed = options.assumedModules();
    if (assumed != null) {
      return assumed.contains(module) || module.equals("core") || module.equals("mpm_common");
    }
    return USUALLY_LOADED.contains(module) ? Boolean.TRUE : null;
  }

  /** True when the catalog's module of a directive may be absent (and so the directive). */
  public boolean mayBeAbsent(DirectiveInfo info) {
    Boolean loaded = moduleLoaded(catalogModule(info.module()));
    return loaded == null || !loaded;
  }

  /** "mod_rewrite" → "rewrite"; "core" stays. */
  public static String catalogModule(String module) {
    String m = module.toLowerCase(Locale.ROOT);
    return m.startsWith("mod_") ? m.substring(4) : m;
  }

  /** The module an {@code <IfModule>} argument names ("mod_rewrite.c", "rewrite_module"). */
  public static String moduleName(String spec) {
    String s = spec.toLowerCase(Locale.ROOT);
    String name = null;
    if (s.endsWith(".c")) {
      s = s.substring(0, s.length() - 2);
      name = s.startsWith("mod_") ? s.substring(4) : s;
    } else if (s.endsWith("_module")) {
      name = s.substring(0, s.length() - "_module".length());
    }
    if (name == null) {
      return null;
    }
    // PHP's module goes by its major version (mod_php7.c, php8_module) or its SAPI file.
    if (name.matches("php[0-9]*") || name.equals("sapi_apache2")) {
      return "php";
    }
    return name;
  }
}
