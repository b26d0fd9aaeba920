/**
 * The engine as a library: {@link dev.htaccess.api.Htaccess}.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.api;
