/**
 * Regular expressions as Apache compiles and matches them (PCRE semantics on byte strings).
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.regex;
