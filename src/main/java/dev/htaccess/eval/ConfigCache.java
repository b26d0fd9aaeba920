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

  /** What the walk reads of each .htaccess: the overlay's version, or the disk's. */
  private final HtaccessOverlay overlay;

  /** The readings of the overlay's files, made on first use. */
  private final Map<String, ParseResult> overlaid = new ConcurrentHashMap<>();

  ConfigCache(SiteConfig site, boolean staticTree, HtaccessOverlay overlay) {
    this.site = site;
    this.staticTree = staticTree;
    this.overlay = overlay;
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
    return cached(byDir, dirs, matchingLocations(uri), method, stat).config();
  }

  private CachedConfig cached(
      Map<String, CachedConfig> byDir,
      List<String> dirs,
      List<LocationSection> locations,
      String method,
      StatLookup stat) {
    String deepest = dirs.isEmpty() ? "" : dirs.get(dirs.size() - 1);
    String key = locations.isEmpty() ? deepest : deepest + '\0' + locationKey(locations);
    CachedConfig cached = byDir.get(key);
    if (cached != null && (staticTree || current(cached, stat))) {
      return cached;
    }
    // One build per key at a time: the requests that arrive meanwhile wait for it rather than
    // each compile the same rules (32 concurrent first requests to a 5,000-rule .htaccess
    // would hold 32 copies).
    Object lock = building.computeIfAbsent(method + '\0' + key, k -> new Object());
    synchronized (lock) {
      cached = byDir.get(key);
      if (cached != null && (staticTree || current(cached, stat))) {
        return cached;
      }
      int last = lastConfiguringLevel(dirs, stat);
      cached =
          last >= 0 && last < dirs.size() - 1
              ? extended(byDir, dirs, last, locations, method, stat)
              : build(dirs, locations, method, stat);
      byDir.put(key, cached);
      return cached;
    }
  }

  /**
   * The index of the deepest directory of the walk that configures anything (the document root, a
   * {@code <Directory>} section, an .htaccess that is read), or -1 for none.
   */
  private int lastConfiguringLevel(List<String> dirs, StatLookup stat) {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      String dir = dirs.get(i);
      if (dir.equals(site.grantedPath())
          || !site.directorySections(dir).isEmpty()
          || (site.overridesAllowed(dir) && overlay.stat(htaccessIn(dir), stat).regular())) {
        return i;
      }
    }
    return -1;
  }

  private static String htaccessIn(String dir) {
    return (dir.endsWith("/") ? dir : dir + "/") + ".htaccess";
  }

  /**
   * The configuration of a walk whose deepest directories configure nothing: that of the walk up to
   * its last configuring directory (cached in its own right, so a probe of many new directories
   * below one .htaccess compiles its rules once), with the same symlink options in the directories
   * below it, and stamps that notice when one of them gains an .htaccess.
   */
  private CachedConfig extended(
      Map<String, CachedConfig> byDir,
      List<String> dirs,
      int last,
      List<LocationSection> locations,
      String method,
      StatLookup stat) {
    CachedConfig base = cached(byDir, dirs.subList(0, last + 1), locations, method, stat);
    DirConfig config = base.config();
    List<Stamp> stamps = new ArrayList<>(base.stamps());
    Map<String, SymlinkOptions> symlinks = new java.util.HashMap<>(config.symlinkOptions());
    SymlinkOptions inherited = config.symlinkOptions().get(dirs.get(last));
    for (String dir : dirs.subList(last + 1, dirs.size())) {
      if (site.overridesAllowed(dir)) {
        String file = htaccessIn(dir);
        FileStats.Stat st = overlay.stat(file, stat);
        stamps.add(new Stamp(file, false, st.modified(), st.size()));
      }
      if (inherited != null) {
        symlinks.put(dir, inherited);
      }
    }
    return new CachedConfig(
        config.withSymlinkOptions(Map.copyOf(symlinks)), List.copyOf(stamps), base.probes());
  }

  /** Keys being built, each with the lock its builders take. */
  private final Map<String, Object> building = new ConcurrentHashMap<>();

  private CachedConfig build(
      List<String> dirs, List<LocationSection> locations, String method, StatLookup stat) {
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
      if (dir.equals(site.grantedPath())) {
        // The virtual host's <Directory DocumentRoot>: Require all granted.
        builder.grantDocumentRoot();
      }
      for (Section section : site.directorySections(dir)) {
        builder.applyServerSection(section.children(), dirSlash);
      }
      Overrides granted = site.overrides(dir);
      if (!granted.readsHtaccess()) {
        builder.endLevel(dir);
        continue;
      }
      String file = htaccessIn(dir);
      FileStats.Stat st = overlay.stat(file, stat);
      stamps.add(new Stamp(file, st.regular(), st.modified(), st.size()));
      if (st.regular()) {
        ParseResult parsed = parsed(file, st);
        if (parsed != null) {
          builder.apply(parsed, dirSlash, granted);
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
    return new CachedConfig(builder.build(), List.copyOf(stamps), Map.copyOf(probes));
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

  private boolean current(CachedConfig cached, StatLookup stat) {
    for (Map.Entry<String, Boolean> probe : cached.probes().entrySet()) {
      if (stat.stat(probe.getKey()).exists() != probe.getValue()) {
        return false;
      }
    }
    for (Stamp s : cached.stamps()) {
      FileStats.Stat st = overlay.stat(s.file(), stat);
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
    String replaced = overlay.files().get(file);
    if (replaced != null) {
      return overlaid.computeIfAbsent(
          file, f -> HtaccessReader.read(new SourceFile(RawText.display(f), replaced)));
    }
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
