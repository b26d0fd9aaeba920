package dev.htaccess.lint;

import dev.htaccess.source.Severity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lint configuration a run uses: what the command line (or an editor) chose, over what the
 * {@code .htaccess-lint.toml} says, over the defaults. {@code lint} and the language server build
 * it the same way.
 */
public final class LintSettings {

  private LintSettings() {}

  /**
   * What the caller chose; null (false) where it left the choice to the file.
   *
   * @param apacheVersion the oldest Apache the files must run on
   * @param allowOverride the AllowOverride classes the server grants
   * @param assumeModules the modules loaded
   * @param enable only these checks
   * @param disable not these checks
   * @param noInlineSuppressions ignore inline suppressions
   */
  public record Choices(
      String apacheVersion,
      List<String> allowOverride,
      List<String> assumeModules,
      List<String> enable,
      List<String> disable,
      boolean noInlineSuppressions) {

    /** Everything left to the file. */
    public static final Choices NONE = new Choices(null, null, null, null, null, false);
  }

  /**
   * The configuration of {@code choices} over {@code file} (null for none).
   *
   * @throws IllegalArgumentException for a bad version, check name or severity
   */
  public static LintConfig resolve(LintConfigFile file, Choices choices) {
    String version =
        first(
            choices.apacheVersion(), file == null ? null : file.string("apache-version"), "2.4.99");
    if (!version.matches("2\\.4(\\.\\d+)?")) {
      throw new IllegalArgumentException("--apache-version must be 2.4 or 2.4.N, not " + version);
    }
    List<String> overrides =
        choices.allowOverride() != null
            ? choices.allowOverride()
            : file == null ? null : file.list("allow-override");
    Set<String> override = new HashSet<>();
    for (String o : overrides == null ? List.of("All") : overrides) {
      override.add(o.strip().toLowerCase(Locale.ROOT));
    }
    List<String> modules =
        choices.assumeModules() != null
            ? choices.assumeModules()
            : file == null ? null : file.list("assume-modules");
    Set<String> assumed = null;
    if (modules != null) {
      assumed = new HashSet<>();
      for (String m : modules) {
        String name = m.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".c")) {
          name = name.substring(0, name.length() - 2);
        }
        if (name.endsWith("_module")) {
          name = name.substring(0, name.length() - "_module".length());
        }
        if (name.startsWith("mod_")) {
          name = name.substring(4);
        }
        if (!name.isEmpty()) {
          assumed.add(name);
        }
      }
    }
    Set<String> enabled =
        new HashSet<>(
            choices.enable() != null
                ? choices.enable()
                : file == null || file.list("enable") == null ? List.of() : file.list("enable"));
    Set<String> disabled =
        new HashSet<>(
            choices.disable() != null
                ? choices.disable()
                : file == null || file.list("disable") == null ? List.of() : file.list("disable"));
    for (String c : enabled) {
      if (CheckRegistry.find(c).isEmpty()) {
        throw new IllegalArgumentException("no check called '" + c + "' (see --list-checks)");
      }
    }
    Map<String, Severity> severities = new LinkedHashMap<>();
    if (file != null) {
      file.severities().forEach((k, v) -> severities.put(k, severity(v)));
    }
    boolean inline =
        !choices.noInlineSuppressions()
            && (file == null
                || file.bool("inline-suppressions") == null
                || file.bool("inline-suppressions"));
    return new LintConfig(
        new LintOptions(version, override, assumed), enabled, disabled, severities, inline);
  }

  /** error, warning or info (or note) as a severity. */
  public static Severity severity(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      case "info", "note" -> Severity.INFO;
      default ->
          throw new IllegalArgumentException(
              "unknown severity '" + word + "' (error, warning or info)");
    };
  }

  private static String first(String a, String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }
}
