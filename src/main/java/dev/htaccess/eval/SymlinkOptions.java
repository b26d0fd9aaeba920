package dev.htaccess.eval;

/**
 * What Options says about symbolic links in a directory: FollowSymLinks (OPT_SYM_LINKS) and
 * SymLinksIfOwnerMatch (OPT_SYM_OWNER). The directory walk checks each link on the way to a file
 * with the options of the directory that holds it (resolve_symlink).
 */
record SymlinkOptions(boolean follow, boolean ownerMatch) {

  /** {@code <Directory />} in Debian's apache2.conf: Options FollowSymLinks. */
  static final SymlinkOptions SERVER_DEFAULT = new SymlinkOptions(true, false);

  /**
   * Whether the walk may pass the link: not without either option; with SymLinksIfOwnerMatch only
   * when the link and its target have one owner (even if FollowSymLinks is on too); and never when
   * the target cannot be reached.
   */
  boolean allows(FileStats.Stat link) {
    if (!follow && !ownerMatch) {
      return false;
    }
    if (!link.exists()) {
      return false;
    }
    return !ownerMatch || link.linkOwnerMatches();
  }
}
