/**
 * mod_rewrite, layered as mod_rewrite.c is: rule lists, rules, conditions, expansion, and what the
 * translate_name and fixup hooks make of the result. It sees the request only through {@link
 * dev.htaccess.eval.rewrite.RewriteHost}.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.eval.rewrite;
