package dev.htaccess.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every directive of Apache httpd 2.4 (from the manual's synopses and the modules' command tables,
 * see {@code tools/gen-directive-catalog.py}) plus a few common third-party ones, so that later
 * stages know what is unknown, misplaced or malformed.
 */
public final class DirectiveCatalog {

  private static final DirectiveCatalog STANDARD =
      new DirectiveCatalog("directives.tsv", "directives-extra.tsv");

  private final Map<String, DirectiveInfo> byKey = new LinkedHashMap<>();

  /** The modules of {@link #byKey}'s directives, sorted; made once, as checks ask per file. */
  private final Set<String> modules;

  private DirectiveCatalog(String... resources) {
    for (String resource : resources) {
      load(resource);
    }
    Set<String> names = new TreeSet<>();
    byKey.values().forEach(d -> names.add(d.module()));
    this.modules = java.util.Collections.unmodifiableSet(names);
  }

  /** The catalog of Apache 2.4 directives. */
  public static DirectiveCatalog standard() {
    return STANDARD;
  }

  private void load(String resource) {
    try (InputStream in = DirectiveCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        Set<DirectiveInfo.Context> contexts = EnumSet.noneOf(DirectiveInfo.Context.class);
        Arrays.stream(f[4].split(","))
            .filter(s -> !s.isEmpty())
            .forEach(s -> contexts.add(DirectiveInfo.Context.parse(s)));
        DirectiveInfo info =
            new DirectiveInfo(
                f[0],
                f[1].equals("section"),
                f[2],
                f[3],
                contexts,
                f[5].equals("-") ? "" : f[5],
                DirectiveInfo.ArgumentStyle.parse(f[6]),
                f[7].equals("-") ? "" : f[7],
                f[8],
                f.length > 9 && !f[9].equals("-") ? f[9] : "");
        byKey.putIfAbsent(info.key(), info);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directive with this name (case-insensitive; sections without angle brackets). */
  public Optional<DirectiveInfo> find(String name) {
    return Optional.ofNullable(byKey.get(name.toLowerCase(Locale.ROOT)));
  }

  /** All directives in the catalog. */
  public Collection<DirectiveInfo> all() {
    return byKey.values();
  }

  /** The names of all modules that provide a directive. */
  public Set<String> modules() {
    return modules;
  }
}
