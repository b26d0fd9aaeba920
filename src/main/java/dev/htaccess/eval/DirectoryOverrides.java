package dev.htaccess.eval;

import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The AllowOverride and AllowOverrideList of the server's {@code <Directory>} sections, and what
 * they grant each directory's .htaccess. The directory walk merges the sections that are not
 * regular expressions (only those can set them: .htaccess files are read before the regex sections
 * apply) from the fewest path components to the most, those with as many in the order of the
 * configuration; the last to set each wins. Before the server configuration's own come Apache's
 * defaults as the oracle and Debian set them: {@code <Directory />} AllowOverride None, the
 * document root's AllowOverride All.
 */
final class DirectoryOverrides {

  /**
   * One section that sets one of them.
   *
   * @param path the section's path with a trailing slash (a wildcard pattern when {@code glob})
   * @param allowOverride what its AllowOverride lines grant, or null when it has none
   * @param list its AllowOverrideList, or null when it has none
   */
  private record Entry(String path, Pattern glob, Overrides allowOverride, Overrides list) {

    int components() {
      return (int) path.chars().filter(c -> c == '/').count();
    }

    /** Whether the section applies to {@code dir} (a path without trailing slash). */
    boolean covers(String dir) {
      String d = dir.endsWith("/") ? dir : dir + "/";
      if (glob == null) {
        return d.startsWith(path);
      }
      // fnmatch against the directory's first as many components as the pattern has
      int n = components();
      int end = -1;
      for (int i = 0; i < n; i++) {
        end = d.indexOf('/', end + 1);
        if (end < 0) {
          return false;
        }
      }
      return glob.matcher(d.substring(0, end + 1)).matches();
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final ModuleSet modules;
  private final Map<String, Overrides> byDir = new ConcurrentHashMap<>();

  DirectoryOverrides(String docrootPath, ModuleSet modules) {
    this.modules = modules;
    entries.add(new Entry("/", null, Overrides.NONE, null));
    String root = docrootPath.endsWith("/") ? docrootPath : docrootPath + "/";
    entries.add(new Entry(root, null, Overrides.ALL, null));
  }

  /**
   * Reads a {@code <Directory path>} section's AllowOverride and AllowOverrideList lines (also
   * inside its conditional sections that hold); an argument Apache refuses is reported to {@code
   * errors}.
   */
  void add(String path, Section s, Predicate<Section> holds, Consumer<Diagnostic> errors) {
    Overrides[] found = new Overrides[2];
    read(s.children(), holds, errors, found);
    if (found[0] == null && found[1] == null) {
      return;
    }
    String p = path.endsWith("/") ? path : path + "/";
    Pattern glob = p.matches(".*[*?\\[].*") ? globPattern(p) : null;
    entries.add(new Entry(p, glob, found[0], found[1]));
    byDir.clear();
  }

  private void read(
      List<ConfigNode> nodes,
      Predicate<Section> holds,
      Consumer<Diagnostic> errors,
      Overrides[] found) {
    for (ConfigNode node : nodes) {
      if (node instanceof Section inner
          && SectionConditions.STARTUP_CONDITIONS.contains(inner.key())) {
        if (holds.test(inner)) {
          read(inner.children(), holds, errors, found);
        }
      } else if (node instanceof GenericDirective g) {
        List<String> words = g.arguments().stream().map(Argument::value).toList();
        try {
          if (g.key().equals("allowoverride")) {
            // A section's override options start afresh (every option) and carry over its lines.
            Overrides start = found[0] != null ? found[0] : Overrides.NONE;
            found[0] = Overrides.allowOverride(start, words);
          } else if (g.key().equals("allowoverridelist")) {
            found[1] = Overrides.NONE.withList(words, this::command);
          }
        } catch (IllegalArgumentException e) {
          errors.accept(new Diagnostic("HT1100", Severity.ERROR, e.getMessage(), g.span()));
        }
      }
    }
  }

  /** The directive (or {@code <section}) a loaded module declares under this name, or null. */
  private DirectiveInfo command(String name) {
    boolean section = name.startsWith("<");
    DirectiveInfo info =
        DirectiveCatalog.standard().find(section ? name.substring(1) : name).orElse(null);
    return info != null && info.section() == section && modules.providesCatalogModule(info.module())
        ? info
        : null;
  }

  /** What the .htaccess of {@code dir} (an absolute path, no trailing slash) may say. */
  Overrides of(String dir) {
    return byDir.computeIfAbsent(dir, this::merge);
  }

  private Overrides merge(String dir) {
    Overrides granted = Overrides.NONE;
    Overrides list = Overrides.NONE;
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt(Entry::components)); // stable: file order within
    for (Entry e : sorted) {
      if (e.covers(dir)) {
        if (e.allowOverride() != null) {
          granted = e.allowOverride();
        }
        if (e.list() != null) {
          list = e.list();
        }
      }
    }
    return new Overrides(
        granted.classes(),
        granted.nonfatalOverride(),
        granted.nonfatalUnknown(),
        granted.options(),
        list.list());
  }

  /** A {@code <Directory>} wildcard as fnmatch with FNM_PATHNAME reads it. */
  private static Pattern globPattern(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            re.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            re.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
