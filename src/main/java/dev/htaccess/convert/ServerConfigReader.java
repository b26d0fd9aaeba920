package dev.htaccess.convert;

import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.httpd.ReadTimeConditions;
import dev.htaccess.httpd.TxtMapFile;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.model.Section;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server configuration ({@code --server-config}: the directives of the {@code <VirtualHost>})
 * read for a conversion: the RewriteMaps the .htaccess rules look up and the server's names. What
 * else it says is reported, never dropped silently; which .htaccess files it lets Apache read
 * (AllowOverride) the engine decides ({@link HtaccessVerdicts}).
 */
final class ServerConfigReader {

  /**
   * A RewriteMap.
   *
   * @param entries a txt map's entries in file order (first for a key wins), empty otherwise
   * @param unsupported why lookups in it cannot be converted, or null
   */
  record MapTable(RewriteMap directive, Map<String, String> entries, String unsupported) {}

  /** What the server configuration gives the conversion. */
  record ServerSettings(Map<String, MapTable> maps, List<String> names) {

    static final ServerSettings NONE = new ServerSettings(Map.of(), List.of());

    /** The map named {@code name} (names are case-sensitive), or null. */
    MapTable map(String name) {
      return maps.get(name);
    }

    /**
     * Why a lookup in the map cannot be converted (its key and default aside), or null.
     *
     * @param entry the target server's own limits on a key and its value: why one cannot be
     *     written, or null
     */
    String unsupported(
        dev.htaccess.model.Template.MapLookup m, java.util.function.BinaryOperator<String> entry) {
      MapTable table = map(m.map());
      if (table == null) {
        return "the RewriteMap lookup ${"
            + m.map()
            + ":...}: the server configuration (--server-config) declares no map "
            + m.map();
      }
      if (table.unsupported() != null) {
        return table.unsupported();
      }
      for (Map.Entry<String, String> e : table.entries().entrySet()) {
        String why = entryUnsupported(e.getKey(), e.getValue());
        if (why == null) {
          why = entry.apply(e.getKey(), e.getValue());
        }
        if (why != null) {
          return "RewriteMap " + m.map() + ": " + why;
        }
      }
      return null;
    }

    private static String entryUnsupported(String key, String value) {
      if (!(key + value).chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        return "a key or value that is not printable ASCII";
      }
      if (value.indexOf('?') >= 0) {
        // mod_rewrite splits the query off after expanding, the servers before: the two differ
        return "the value " + value + " has a ?";
      }
      return null;
    }
  }

  /** Directives of a virtual host that change nothing a response carries. */
  private static final Set<String> LOGGING =
      Set.of("errorlog", "customlog", "transferlog", "loglevel", "serveradmin", "rewriteengine");

  /** Directives of a {@code <Directory>} the engine's verdicts stand for. */
  private static final Set<String> OVERRIDES = Set.of("allowoverride", "allowoverridelist");

  private final Path configDir;
  private final List<Finding> findings;
  private final Map<String, MapTable> maps = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();

  private ServerConfigReader(Path configDir, List<Finding> findings) {
    this.configDir = configDir;
    this.findings = findings;
  }

  /** Reads the server configuration, or gives {@link ServerSettings#NONE} for none. */
  static ServerSettings read(Path file, List<Finding> findings) throws IOException {
    if (file == null) {
      return ServerSettings.NONE;
    }
    Path absolute = file.toAbsolutePath().normalize();
    ServerConfigReader reader = new ServerConfigReader(absolute.getParent(), findings);
    reader.nodes(
        HtaccessReader.read(SourceFile.read(absolute), HtaccessReader.Kind.SERVER_CONFIG).nodes());
    return new ServerSettings(Map.copyOf(reader.maps), List.copyOf(reader.names));
  }

  private void nodes(List<ConfigNode> nodes) {
    for (ConfigNode node : nodes) {
      if (node instanceof Directive d) {
        directive(d);
      }
    }
  }

  private void directive(Directive d) {
    if (d instanceof Section s) {
      Boolean applies = applies(s);
      if (applies != null) {
        if (applies) {
          nodes(s.children());
        }
      } else if (s.key().equals("directory")) {
        directory(s.children());
      } else {
        cannot(d, "the section <" + s.name() + ">");
      }
      return;
    }
    if (d instanceof RewriteMap m) {
      maps.putIfAbsent(m.mapName(), table(m));
      return;
    }
    switch (d.key()) {
      case "servername" -> {
        if (!d.arguments().isEmpty()) {
          String name = d.arguments().get(0).value();
          // ServerName host[:port]: the port is the one Apache writes into its own URLs
          names.add(0, name.replaceFirst("^(?!\\[)([^:]*):[0-9]+$", "$1"));
        }
      }
      case "serveralias" -> d.arguments().forEach(a -> names.add(a.value()));
      default -> {
        if (!LOGGING.contains(d.key()) && !DirectoryReader.NO_EFFECT.contains(d.key())) {
          cannot(d, d.name());
        }
      }
    }
  }

  /** A {@code <Directory>}'s content: its AllowOverride is the engine's; the rest is reported. */
  private void directory(List<ConfigNode> children) {
    for (ConfigNode node : children) {
      if (node instanceof Directive d && !OVERRIDES.contains(d.key())) {
        Boolean applies = d instanceof Section c ? applies(c) : null;
        if (applies == null) {
          cannot(d, "inside <Directory> only AllowOverride is converted: " + d.name());
        } else if (applies) {
          directory(((Section) d).children());
        }
      }
    }
  }

  private MapTable table(RewriteMap m) {
    if (!m.type().equals("txt") && !m.type().equals("rnd")) {
      return new MapTable(m, Map.of(), "the " + m.type() + ": RewriteMap " + m.mapName());
    }
    Map<String, String> entries;
    try {
      entries = TxtMapFile.read(configDir.resolve(m.source()));
    } catch (IOException e) {
      return new MapTable(m, Map.of(), "RewriteMap " + m.mapName() + ": cannot read its file");
    }
    if (m.type().equals("rnd") && entries.values().stream().anyMatch(v -> v.indexOf('|') >= 0)) {
      return new MapTable(m, entries, "the random choices of rnd: RewriteMap " + m.mapName());
    }
    return new MapTable(m, entries, null);
  }

  private void cannot(Directive d, String what) {
    findings.add(
        new Finding(d.span(), true, "the server configuration's " + what + " is not converted"));
  }

  private Boolean applies(Section s) {
    try {
      return ReadTimeConditions.holds(
          s.key(), s.arguments().stream().map(Argument::value).toList(), ModuleSet.ORACLE);
    } catch (IfVersion.Invalid e) {
      cannot(s, "<IfVersion> Apache refuses");
      return false;
    }
  }
}
