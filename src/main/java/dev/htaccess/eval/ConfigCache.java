package dev.htaccess.eval;

import dev.htaccess.model.Section;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory walk's configuration merge, cached: each .htaccess is parsed once per version, and
 * the merged configuration of a chain of directories is kept per method and deepest directory,
 * revalidated against every .htaccess it read (unless the tree is static), so an edit takes effect
 * on the next request.
 */
final class ConfigCache {

  private record CachedFile(long modified, long size, ParseResult result) {}

  /** Whether a directory had an .htaccess, and which version, when a config was merged. */
  private record Stamp(String file, boolean exists, long modified, long size) {}

  /**
   * A merged configuration and what it depended on: the .htaccess files, and every path an {@code
   * <IfFile>} looked at, with whether it existed.
   */
  private record CachedConfig(DirConfig config, List<Stamp> stamps, Map<String, Boolean> probes) {}

  private final SiteConfig site;
  private final boolean staticTree;
  private final Map<Path, CachedFile> htaccess = new ConcurrentHashMap<>();
  private final Map<String, Map<String, CachedConfig>> merged = new ConcurrentHashMap<>();

  ConfigCache(SiteConfig site, boolean staticTree) {
    this.site = site;
    this.staticTree = staticTree;
  }

  /**
   * The merged configuration for a chain of directories (document root first), for a request with
   * {@code method}.
   */
  DirConfig configFor(List<String> dirs, String uri, String method, StatLookup stat) {
    // Keyed by method, then by the deepest directory (a string the walk memo reuses, so its
    // hash is computed once) and the <Location> sections the URL matches.
    Map<String, CachedConfig> byDir =
        merged.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
    List<LocationSection> locations = matchingLocations(uri);
    String deepest = dirs.isEmpty() ? "" : dirs.get(dirs.size() - 1);
    String key = locations.isEmpty() ? deepest : deepest + '\0' + locationKey(locations);
    CachedConfig cached = byDir.get(key);
    if (cached != null && (staticTree || current(cached, stat))) {
      return cached.config();
    }
    // One build per key at a time: the requests that arrive meanwhile wait for it rather than
    // each compile the same rules (32 concurrent first requests to a 5,000-rule .htaccess
    // would hold 32 copies).
    Object lock = building.computeIfAbsent(method + '\0' + key, k -> new Object());
    synchronized (lock) {
      cached = byDir.get(key);
      if (cached != null && (staticTree || current(cached, stat))) {
        return cached.config();
      }
      return build(byDir, key, dirs, locations, method, stat);
    }
  }

  /** Keys being built, each with the lock its builders take. */
  private final Map<String, Object> building = new ConcurrentHashMap<>();

  private DirConfig build(
      Map<String, CachedConfig> byDir,
      String key,
      List<String> dirs,
      List<LocationSection> locations,
      String method,
      StatLookup stat) {
    Map<String, Boolean> probes = new LinkedHashMap<>();
    StatLookup recording =
        path -> {
          FileStats.Stat st = stat.stat(path);
          probes.put(path, st.exists());
          return st;
        };
    DirConfigBuilder builder = new DirConfigBuilder(site, method, recording);
    List<Stamp> stamps = new ArrayList<>();
    // The virtual host's own per-directory defaults come first, under every directory.
    builder.applyServerSection(site.hostDirectory(), "/");
    for (String dir : dirs) {
      String dirSlash = dir.endsWith("/") ? dir : dir + "/";
      if (dir.equals(site.docrootPath())) {
        // The virtual host's <Directory DocumentRoot>: Require all granted.
        builder.grantDocumentRoot();
      }
      for (Section section : site.directorySections(dir)) {
        builder.applyServerSection(section.children(), dirSlash);
      }
      if (!site.overridesAllowed(dir)) {
        builder.endLevel(dir);
        continue;
      }
      String file = dirSlash + ".htaccess";
      FileStats.Stat st = stat.stat(file);
      stamps.add(new Stamp(file, st.regular(), st.modified(), st.size()));
      if (st.regular()) {
        ParseResult parsed = parsed(file, st);
        if (parsed != null) {
          builder.apply(parsed, dirSlash);
        }
        if (builder.failed()) {
          break;
        }
      }
      builder.endLevel(dir);
    }
    // The location walk merges after the directory walk, in the order of the configuration.
    // A section's "directory" is its path as written (mod_rewrite's per-directory prefix is
    // then a URL path, which a filename never starts with).
    for (LocationSection location : locations) {
      if (!builder.failed()) {
        String path = location.path();
        builder.applyServerSection(
            location.section().children(), path.endsWith("/") ? path : path + "/");
      }
    }
    DirConfig config = builder.build();
    byDir.put(key, new CachedConfig(config, List.copyOf(stamps), Map.copyOf(probes)));
    return config;
  }

  private List<LocationSection> matchingLocations(String uri) {
    List<LocationSection> all = site.locations();
    if (all.isEmpty() || uri == null) {
      return List.of();
    }
    List<LocationSection> out = new ArrayList<>();
    for (LocationSection l : all) {
      if (l.matches(uri)) {
        out.add(l);
      }
    }
    return out;
  }

  private String locationKey(List<LocationSection> matched) {
    StringBuilder key = new StringBuilder();
    List<LocationSection> all = site.locations();
    for (LocationSection l : matched) {
      key.append(all.indexOf(l)).append(',');
    }
    return key.toString();
  }

  private static boolean current(CachedConfig cached, StatLookup stat) {
    for (Map.Entry<String, Boolean> probe : cached.probes().entrySet()) {
      if (stat.stat(probe.getKey()).exists() != probe.getValue()) {
        return false;
      }
    }
    for (Stamp s : cached.stamps()) {
      FileStats.Stat st = stat.stat(s.file());
      if (st.regular() != s.exists()
          || (st.regular() && (st.modified() != s.modified() || st.size() != s.size()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Takes the reading of an .htaccess that the caller already has (lint's probes), for the file as
   * it is now on disk: the cache then parses it only if it changes.
   */
  void preload(Path path, ParseResult result) {
    try {
      var a =
          java.nio.file.Files.readAttributes(
              path, java.nio.file.attribute.PosixFileAttributes.class);
      htaccess.put(
          path,
          new CachedFile(
              a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
              a.size(),
              result));
    } catch (IOException | UnsupportedOperationException e) {
      // parsed again when asked
    }
  }

  private ParseResult parsed(String file, FileStats.Stat st) {
    Path path = Path.of(RawText.display(file));
    CachedFile cached = htaccess.get(path);
    if (cached == null || cached.modified() != st.modified() || cached.size() != st.size()) {
      try {
        cached =
            new CachedFile(st.modified(), st.size(), HtaccessReader.read(SourceFile.read(path)));
      } catch (IOException e) {
        return null;
      }
      htaccess.put(path, cached);
    }
    return cached.result();
  }
}
