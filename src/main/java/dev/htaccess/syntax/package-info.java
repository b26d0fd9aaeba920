/**
 * The reader: a configuration file as Apache reads it, into the syntax tree and its diagnostics.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.syntax;
