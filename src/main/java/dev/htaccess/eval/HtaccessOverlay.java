package dev.htaccess.eval;

import java.util.Map;
import java.util.Set;

/**
 * Other .htaccess files than the disk holds, over the same document root: {@code diff} evaluates an
 * old version of the configuration (another directory's files, a git revision, one file swapped)
 * against the same files for {@code -f} and {@code -d}. Paths are absolute and normalised, as the
 * directory walk names them ({@code /srv/site/sub/.htaccess}).
 *
 * @param files the content (raw bytes as in {@link dev.htaccess.source.RawText}) each named
 *     .htaccess has instead of what is on disk
 * @param absent the .htaccess files taken as not there, whatever the disk says
 */
public record HtaccessOverlay(Map<String, String> files, Set<String> absent) {

  /** The disk as it is. */
  public static final HtaccessOverlay NONE = new HtaccessOverlay(Map.of(), Set.of());

  public HtaccessOverlay {
    files = Map.copyOf(files);
    absent = Set.copyOf(absent);
  }

  /** What the walk sees of {@code file}: the overlay's version, or the disk's. */
  FileStats.Stat stat(String file, StatLookup disk) {
    if (absent.contains(file)) {
      return FileStats.Stat.MISSING;
    }
    String content = files.get(file);
    if (content != null) {
      return new FileStats.Stat(true, false, true, false, true, false, content.length(), 0);
    }
    return disk.stat(file);
  }
}
