package dev.htaccess.httpd;

import java.util.List;

/**
 * The conditional sections Apache decides from their arguments alone as it reads a file: {@code
 * <IfModule>}, {@code <IfDefine>} and {@code <IfVersion>} (the others need the directive catalog or
 * the filesystem, and are decided by their callers).
 */
public final class ReadTimeConditions {

  private ReadTimeConditions() {}

  /**
   * Whether the section's content applies, or null when {@code key} is not one of the three.
   *
   * @param key the section's lower-case name
   * @param args its arguments
   * @param modules the modules the server has loaded
   * @throws IfVersion.Invalid for an {@code <IfVersion>} Apache refuses
   */
  public static Boolean holds(String key, List<String> args, ModuleSet modules)
      throws IfVersion.Invalid {
    String first = args.isEmpty() ? "" : args.get(0);
    boolean negate = first.startsWith("!");
    String bare = negate ? first.substring(1) : first;
    return switch (key) {
      case "ifmodule" -> modules.loadedForIfModule(bare) != negate;
      // No -D is given to the simulated server: only a negated name holds.
      case "ifdefine" -> negate;
      case "ifversion" ->
          modules.loaded("version") && IfVersion.parse(args).holds(IfVersion.SERVER_VERSION);
      default -> null;
    };
  }
}
