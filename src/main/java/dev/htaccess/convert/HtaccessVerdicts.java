package dev.htaccess.convert;

import java.nio.file.Path;

/**
 * What Apache decides about the document root's .htaccess files, which only a run of its
 * configuration can tell: whether it reads them in a directory at all (AllowOverride), and whether
 * it refuses one it reads.
 */
public interface HtaccessVerdicts {

  /** Apache reads every .htaccess file and refuses none. */
  HtaccessVerdicts NONE =
      new HtaccessVerdicts() {
        @Override
        public String refusal(Path htaccess) {
          return null;
        }

        @Override
        public boolean read(Path dir) {
          return true;
        }
      };

  /**
   * Apache's error for a .htaccess file it refuses (every request below is then a 500), or null
   * when it reads the file.
   */
  String refusal(Path htaccess);

  /** Whether Apache reads .htaccess files in this directory (AllowOverride is not None). */
  boolean read(Path dir);
}
