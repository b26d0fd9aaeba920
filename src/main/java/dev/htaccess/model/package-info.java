/**
 * The immutable syntax tree of a configuration file: directives, sections, the parsed details of
 * mod_rewrite's directives, and the directive catalog.
 *
 * <p>Part of the library API (see {@code dev.htaccess.api}).
 */
package dev.htaccess.model;
