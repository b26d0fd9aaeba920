package dev.htaccess.cli;

import dev.htaccess.lint.LintConfig;
import dev.htaccess.lint.Linter;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;

/**
 * Starts loading the engine on the second core while picocli reads the command line. Building the
 * command line costs a cold JVM about a quarter of a second on one thread; linting a small file in
 * that time loads and initialises the reader, the directive catalog, the checks, the regex library
 * and the evaluator that the command needs next, so that work is done in parallel instead of after.
 */
final class Warmup {

  private Warmup() {}

  private static final String SAMPLE =
      """
      RewriteEngine On
      RewriteCond %{QUERY_STRING} u=(.+)
      RewriteRule ^a$ %1 [R=301,L]
      RewriteCond %{REQUEST_FILENAME} !-f
      RewriteRule ^(.*)$ index.php/$1 [L]
      RewriteCond %{HTTP_HOST} ^www\\.(.+)$ [NC]
      RewriteRule ^ https://%1%{REQUEST_URI} [R=301,L]
      <IfModule mod_headers.c>
      Header always set X-Frame-Options "SAMEORIGIN"
      </IfModule>
      <FilesMatch "\\.(ini|log)$">
      Require all denied
      </FilesMatch>
      Options -Indexes +FollowSymLinks
      DirectoryIndex index.php index.html
      ErrorDocument 404 /404.html
      ExpiresActive On
      ExpiresByType text/css "access plus 1 year"
      AddType application/font-woff2 .woff2
      SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1
      Redirect 301 /old /new
      """;

  /** Starts the warm-up for the subcommand that {@code args} names, if it pays off for it. */
  static void start(String[] args) {
    if (args.length < 2 || !args[0].equals("lint")) {
      return;
    }
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                new Linter(LintConfig.defaults())
                    .lint(HtaccessReader.read(new SourceFile("<warm-up>", SAMPLE)));
              } catch (RuntimeException | StackOverflowError e) {
                // Only a warm-up: the command itself reports whatever goes wrong.
              }
            },
            "warm-up",
            8L << 20);
    t.setDaemon(true);
    t.start();
  }
}
