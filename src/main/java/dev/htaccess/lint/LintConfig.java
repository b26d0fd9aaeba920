package dev.htaccess.lint;

import dev.htaccess.source.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which checks run, at which severity, and what the server looks like; built from the command line
 * and an optional {@code .htaccess-lint.toml} (command line wins, field by field).
 */
public final class LintConfig {

  private final LintOptions options;
  private final Set<String> enable;
  private final Set<String> disable;
  private final Map<String, Severity> severities;
  private final boolean inlineSuppressions;

  public LintConfig(
      LintOptions options,
      Set<String> enable,
      Set<String> disable,
      Map<String, Severity> severities,
      boolean inlineSuppressions) {
    this.options = options;
    this.enable = lower(enable);
    this.disable = lower(disable);
    this.severities = new HashMap<>();
    severities.forEach((k, v) -> this.severities.put(k.toLowerCase(Locale.ROOT), v));
    this.inlineSuppressions = inlineSuppressions;
  }

  public static LintConfig defaults() {
    return new LintConfig(LintOptions.defaults(), Set.of(), Set.of(), Map.of(), true);
  }

  private static Set<String> lower(Set<String> s) {
    Set<String> out = new HashSet<>();
    s.forEach(x -> out.add(x.toLowerCase(Locale.ROOT)));
    return out;
  }

  public LintOptions options() {
    return options;
  }

  public boolean inlineSuppressions() {
    return inlineSuppressions;
  }

  /** Every check runs unless disabled; {@code --enable} narrows to the listed ones. */
  boolean enabled(CheckInfo info) {
    String code = info.code().toLowerCase(Locale.ROOT);
    String name = info.name().toLowerCase(Locale.ROOT);
    if (disable.contains(code) || disable.contains(name)) {
      return false;
    }
    return enable.isEmpty() || enable.contains(code) || enable.contains(name);
  }

  Severity severityFor(String code, String name, Severity found) {
    Severity s = severities.get(code.toLowerCase(Locale.ROOT));
    if (s == null) {
      s = severities.get(name.toLowerCase(Locale.ROOT));
    }
    return s != null ? s : found;
  }
}
