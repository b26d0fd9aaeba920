package dev.htaccess.lint;

import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.ModuleNames;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.Section;
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

  private final LintOptions options;

  /** Each section's state, decided once: every check asks for every directive's sections. */
  private final java.util.Map<Section, State> known = new java.util.IdentityHashMap<>();

  public Activation(LintOptions options) {
    this.options = options;
  }

  /** The state of a directive inside these sections. */
  public State of(LintContext.Located located) {
    State state = State.ACTIVE;
    for (Section s : located.enclosing()) {
      State here = known.computeIfAbsent(s, this::section);
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
        // A name that is neither mod_NAME.c nor NAME_module matches no module: false for sure.
        String module = ModuleNames.fromIfModule(bare).orElse(null);
        Boolean loaded = module == null ? Boolean.FALSE : moduleLoaded(module);
        return loaded == null ? State.MAYBE : (loaded != negate ? State.ACTIVE : State.SKIPPED);
      }
      case "ifdefine" -> {
        return negate ? State.ACTIVE : State.SKIPPED;
      }
      case "ifversion" -> {
        return versionHolds(s) ? State.ACTIVE : State.SKIPPED;
      }
      case "ifdirective", "ifsection" -> {
        // Defined when the catalog knows it and its module is loaded; unknown names never are.
        DirectiveInfo info =
            DirectiveCatalog.standard()
                .find(bare)
                .filter(i -> !s.key().equals("ifsection") || i.section())
                .orElse(null);
        Boolean defined =
            info == null ? Boolean.FALSE : moduleLoaded(ModuleNames.fromCatalog(info.module()));
        return defined == null ? State.MAYBE : (defined != negate ? State.ACTIVE : State.SKIPPED);
      }
      case "iffile" -> {
        // An absolute path is checked on this machine (the nearest thing to the server lint
        // has); a relative one is under a ServerRoot lint does not know.
        if (!bare.startsWith("/")) {
          return State.MAYBE;
        }
        boolean exists;
        try {
          exists = java.nio.file.Files.exists(java.nio.file.Path.of(bare));
        } catch (java.nio.file.InvalidPathException e) {
          exists = false;
        }
        return exists != negate ? State.ACTIVE : State.SKIPPED;
      }
      default -> {
        return State.ACTIVE;
      }
    }
  }

  /**
   * {@code <IfVersion>} against the oldest version the file must run on ({@code --apache-version});
   * mod_version is compiled into Debian's Apache. A regex comparison, and a header Apache refuses
   * (reported by {@code InvalidArgument}), leave the content active: it is checked.
   */
  private boolean versionHolds(Section s) {
    try {
      IfVersion v = IfVersion.parse(s.arguments().stream().map(a -> a.value()).toList());
      return v.isRegex() || v.holds(options.apacheVersion());
    } catch (IfVersion.Invalid e) {
      return true;
    }
  }

  /** True/false when known, null when the module may or may not be loaded. */
  public Boolean moduleLoaded(String module) {
    if (module == null) {
      return null;
    }
    Set<String> assumed = options.assumedModules();
    if (assumed != null) {
      return new ModuleSet(assumed).loaded(module);
    }
    return ModuleSet.DEBIAN_DEFAULT.loaded(module) ? Boolean.TRUE : null;
  }

  /** True when the catalog's module of a directive may be absent (and so the directive). */
  public boolean mayBeAbsent(DirectiveInfo info) {
    Boolean loaded = moduleLoaded(ModuleNames.fromCatalog(info.module()));
    return loaded == null || !loaded;
  }
}
