/**
 * The {@code htaccess} command line (picocli) and the input formats of {@code htaccess test}.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.cli;
