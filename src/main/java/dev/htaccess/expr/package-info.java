/**
 * Apache's expression language (ap_expr) of {@code <If>}, {@code Header ... expr=} and {@code
 * RewriteCond expr}.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.expr;
