package dev.htaccess.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One document root as the evaluator serves it: the server configuration, the evaluator's options,
 * and the caches that outlive a request (file metadata, walks, merged configurations). Immutable in
 * what it answers; its caches are safe to share between threads.
 */
final class Site {

  /** Debian's php8.x-fpm.conf: {@code <FilesMatch ".+\.ph(?:ar|p|tml)$"> SetHandler ...}. */
  static final Pattern DEBIAN_PHP_FILES = Pattern.compile(".+\\.ph(?:ar|p|tml)$");

  /** Debian's php-fpm configuration also denies PHP source files and bare ".php" names. */
  static final Pattern DEBIAN_PHP_DENIED = Pattern.compile(".+\\.phps$|^\\.ph(?:ar|p|ps|tml)$");

  final SiteConfig config;
  final EvaluatorOptions options;
  final FileStats stats;
  final DirectoryWalk walker;
  final ConfigCache configs;

  /** The core's verdicts on request heads (see {@link RequestTarget#headStatus}). */
  final Map<RequestTarget.HeadKey, Integer> headVerdicts = new ConcurrentHashMap<>();

  Site(SiteConfig config, EvaluatorOptions options) {
    this.config = config;
    this.options = options;
    boolean staticTree = options.memo() == MemoPolicy.STATIC_TREE;
    this.stats = new FileStats(staticTree);
    // the directories known to exist: the main DocumentRoot and its parents (a host's root under
    // mod_vhost_alias may be missing)
    this.walker = new DirectoryWalk(config.grantedPath(), staticTree);
    this.configs = new ConfigCache(config, staticTree, options.overlay());
  }

  /** The handler .php files get in serve, or null. */
  String phpHandler() {
    return options.scripts() ? options.phpHandler() : null;
  }

  /**
   * {@code fname} relative to the (main) document root ({@code /} for the root), or null outside
   * it: under mod_vhost_alias, to the DocumentRoot the hosts' roots are made beside.
   */
  String relative(String fname) {
    if (fname == null) {
      return null;
    }
    String root = config.grantedPath();
    if (fname.equals(root) || fname.equals(root + "/")) {
      return "/";
    }
    if (fname.startsWith(root + "/")) {
      return fname.substring(root.length());
    }
    return null;
  }
}
