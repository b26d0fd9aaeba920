package dev.htaccess.convert;

import java.nio.file.Path;

/**
 * What to convert, for either target server.
 *
 * @param docroot the document root
 * @param serverConfig the directives of the {@code <VirtualHost>} around it (RewriteMap,
 *     ServerName, {@code <Directory>} ...), or null for none
 * @param serverName the server's name, or null for the server configuration's ServerName (or none)
 * @param listen {@code HOST:PORT} or a port
 * @param phpFastcgi the FastCGI address of php-fpm ({@code 127.0.0.1:9000}, {@code
 *     unix:/run/php/php-fpm.sock}), or null to serve .php files as files
 * @param verdicts which .htaccess files Apache reads and which it refuses
 */
public record ConvertOptions(
    Path docroot,
    Path serverConfig,
    String serverName,
    String listen,
    String phpFastcgi,
    HtaccessVerdicts verdicts) {}
