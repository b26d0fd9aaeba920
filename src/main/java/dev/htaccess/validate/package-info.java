/**
 * What Apache's directive handlers refuse when they read a file, shared by the linter (which
 * reports it) and the evaluator (which answers 500).
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.validate;
