/**
 * {@code htaccess serve}: Jetty in front of the evaluator, with mod_proxy's forwarding (OkHttp),
 * static files, listings, error pages and PHP through {@code dev.htaccess.fastcgi}.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.serve;
