/**
 * Apache httpd's own facts, stated once for every part of the tool: status codes and their
 * keywords, methods, module names, {@code <IfVersion>}, the Host header, the {@code %{VARIABLE}}
 * catalog, IP matching, C's number parsing and URL escaping.
 *
 * <p>Internal: not part of the library API (see {@code dev.htaccess.api}); it may change in any
 * release.
 */
package dev.htaccess.httpd;
