/**
 * Byte strings, source files, positions and diagnostics.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.source;
