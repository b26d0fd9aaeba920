package dev.htaccess.lint;

import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.ModuleNames;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the linter assumes about the server.
 *
 * @param apacheVersion the oldest Apache 2.4 release the file must work on, e.g. {@code 2.4.41}
 * @param allowOverride the AllowOverride classes granted ({@code All}, {@code None}, or classes
 *     such as {@code FileInfo}, {@code AuthConfig}, {@code Limit}, {@code Options}, {@code
 *     Indexes}); lower case
 * @param assumedModules the modules loaded (as {@code rewrite}, {@code headers} ...), or null to
 *     assume any standard module may be loaded
 */
public record LintOptions(
    String apacheVersion, Set<String> allowOverride, Set<String> assumedModules) {

  /** The latest 2.4, every override allowed, any module possibly loaded. */
  public static LintOptions defaults() {
    return new LintOptions("2.4.99", Set.of("all"), null);
  }

  /** True when the AllowOverride class (e.g. FileInfo) is granted. */
  public boolean overrideAllowed(String overrideClass) {
    if (allowOverride.contains("all")) {
      return true;
    }
    if (allowOverride.contains("none")) {
      return false;
    }
    return allowOverride.contains(overrideClass.toLowerCase(Locale.ROOT));
  }

  /** Compares 2.4.N versions: negative when {@code a} is older than {@code b}. */
  public static int compareVersions(String a, String b) {
    return IfVersion.compareReleases(a, b);
  }

  /** The canonical names of the assumed modules (see {@link ModuleNames#fromUser}), or null. */
  public LintOptions {
    if (assumedModules != null) {
      assumedModules =
          assumedModules.stream()
              .map(ModuleNames::fromUser)
              .collect(Collectors.toUnmodifiableSet());
    }
  }
}
