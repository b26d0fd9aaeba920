/**
 * A FastCGI client (the responder role of the FastCGI 1.0 specification), as mod_proxy_fcgi speaks
 * it to php-fpm: over TCP or a unix socket, one request per connection at a time, connections kept
 * alive in a bounded pool. It knows nothing of Apache or HTTP; {@code serve} builds the parameters.
 *
 * <p>Internal: not part of the library API; it may change in any release.
 */
package dev.htaccess.fastcgi;
