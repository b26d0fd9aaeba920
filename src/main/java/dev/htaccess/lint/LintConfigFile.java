package dev.htaccess.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .htaccess-lint.toml}: the small TOML subset the linter reads.
 *
 * <pre>
 * apache-version = "2.4.41"
 * allow-override = ["FileInfo", "AuthConfig"]
 * assume-modules = ["rewrite", "headers"]
 * fail-level = "warning"
 * disable = ["HT4001", "unescaped-dot"]
 * enable = []
 * inline-suppressions = true
 *
 * [severity]
 * HT2004 = "error"
 * </pre>
 */
public final class LintConfigFile {

  public static final String NAME = ".htaccess-lint.toml";

  /** The parsed keys: strings, booleans, lists of strings; severity entries under "severity.". */
  private final Map<String, Object> values;

  private LintConfigFile(Map<String, Object> values) {
    this.values = values;
  }

  /** Searches {@code start} and its parents for the file; null when there is none. */
  public static Path find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (Files.isRegularFile(dir)) {
      dir = dir.getParent();
    }
    while (dir != null) {
      Path candidate = dir.resolve(NAME);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** Reads a config file; throws IllegalArgumentException with "path:line: message" on errors. */
  public static LintConfigFile read(Path file) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    String table = "";
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int n = 0; n < lines.size(); n++) {
      String line = stripComment(lines.get(n)).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        table = line.substring(1, line.length() - 1).strip() + ".";
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected key = value");
      }
      String key = table + unquote(line.substring(0, eq).strip());
      String raw = line.substring(eq + 1).strip();
      values.put(key, value(raw, file, n + 1));
    }
    return new LintConfigFile(values);
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static Object value(String raw, Path file, int line) {
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (raw.startsWith("[")) {
      if (!raw.endsWith("]")) {
        throw new IllegalArgumentException(file + ":" + line + ": unterminated list");
      }
      List<String> items = new ArrayList<>();
      for (String part : raw.substring(1, raw.length() - 1).split(",")) {
        if (!part.isBlank()) {
          items.add(unquote(part.strip()));
        }
      }
      return items;
    }
    if (raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2) {
      return unquote(raw);
    }
    throw new IllegalArgumentException(file + ":" + line + ": expected a string, list or boolean");
  }

  private static String unquote(String s) {
    return s.length() >= 2
            && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
        ? s.substring(1, s.length() - 1)
        : s;
  }

  public String string(String key) {
    Object v = values.get(key);
    return v instanceof String s ? s : null;
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String key) {
    Object v = values.get(key);
    if (v instanceof List<?> l) {
      return (List<String>) l;
    }
    if (v instanceof String s) {
      return List.of(s.split(","));
    }
    return null;
  }

  public Boolean bool(String key) {
    Object v = values.get(key);
    return v instanceof Boolean b ? b : null;
  }

  /** The [severity] table: code or name to severity word. */
  public Map<String, String> severities() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith("severity.") && v instanceof String s) {
            out.put(k.substring("severity.".length()), s);
          }
        });
    return out;
  }
}
