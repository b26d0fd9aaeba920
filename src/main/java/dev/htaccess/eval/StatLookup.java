package dev.htaccess.eval;

/**
 * How one evaluation asks about files: through its per-request memo ({@link RequestState#stat}).
 */
@FunctionalInterface
interface StatLookup {
  FileStats.Stat stat(String path);
}
