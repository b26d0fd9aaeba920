/**
 * The linter: {@link dev.htaccess.lint.Linter} runs the checks on a parsed file and returns {@link
 * dev.htaccess.lint.Finding}s.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.lint;
