/**
 * The lint checks, one class per code, registered in {@code CheckRegistry}.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.lint.checks;
