package dev.htaccess.model;

import java.util.Locale;
import java.util.Set;

/**
 * What the Apache 2.4 manual says about one directive.
 *
 * @param name the name as the manual spells it (sections without angle brackets)
 * @param section true for a container such as {@code <IfModule>}
 * @param module the module that provides it, e.g. {@code mod_rewrite} or {@code core}
 * @param status Core, Base, Extension, Experimental, MPM, or External (not part of httpd)
 * @param contexts where it may appear
 * @param override the AllowOverride class that allows it in .htaccess ({@code FileInfo}, {@code
 *     AuthConfig}, {@code Indexes}, {@code Limit}, {@code Options}, {@code All}), or empty
 * @param arguments how Apache splits and counts its arguments
 * @param since the first 2.4 release that has it, or empty when every 2.4 release has it
 * @param syntax the manual's synopsis
 * @param summary the manual's one-line description, or empty
 */
public record DirectiveInfo(
    String name,
    boolean section,
    String module,
    String status,
    Set<Context> contexts,
    String override,
    ArgumentStyle arguments,
    String since,
    String syntax,
    String summary) {

  public DirectiveInfo {
    contexts = Set.copyOf(contexts);
  }

  /** Where a directive may appear. */
  public enum Context {
    SERVER,
    VHOST,
    DIRECTORY,
    HTACCESS,
    /** Inside {@code <Proxy>} sections. */
    PROXY;

    static Context parse(String word) {
      return switch (word) {
        case "server" -> SERVER;
        case "vhost" -> VHOST;
        case "directory" -> DIRECTORY;
        case ".htaccess" -> HTACCESS;
        case "proxy" -> PROXY;
        default -> throw new IllegalArgumentException("unknown context " + word);
      };
    }
  }

  /**
   * How a module's command table declares the arguments (AP_INIT_TAKE1 ...), which decides the
   * "takes one argument" errors.
   */
  public enum ArgumentStyle {
    NO_ARGS,
    TAKE1,
    TAKE2,
    TAKE12,
    TAKE3,
    TAKE23,
    TAKE123,
    TAKE13,
    TAKE_ARGV,
    ITERATE,
    ITERATE2,
    FLAG,
    RAW_ARGS,
    /** Not declared in a way the catalog could read; no argument check is made. */
    UNKNOWN;

    static ArgumentStyle parse(String word) {
      if (word.equals("-")) {
        return UNKNOWN;
      }
      return valueOf(word);
    }
  }

  /**
   * The AllowOverride classes any one of which lets an .htaccess use it (empty when no .htaccess
   * may: the command table gives it no class).
   */
  public Set<OverrideClass> overrideClasses() {
    return allowedInHtaccess() ? OverrideClass.parseList(override) : Set.of();
  }

  /** True when the directive may appear in an .htaccess file. */
  public boolean allowedInHtaccess() {
    return contexts.contains(Context.HTACCESS);
  }

  /** The lower-case key Apache looks names up by. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }
}
