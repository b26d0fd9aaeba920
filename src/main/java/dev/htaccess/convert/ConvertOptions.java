package dev.htaccess.convert;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What to convert, for either target server.
 *
 * @param docroot the document root
 * @param serverName the server's name, or null for none
 * @param listen {@code HOST:PORT} or a port
 * @param phpFastcgi the FastCGI address of php-fpm ({@code 127.0.0.1:9000}, {@code
 *     unix:/run/php/php-fpm.sock}), or null to serve .php files as files
 * @param refusal Apache's error for a .htaccess file it refuses (every request below is then a
 *     500), or null when it reads the file
 */
public record ConvertOptions(
    Path docroot,
    String serverName,
    String listen,
    String phpFastcgi,
    Function<Path, String> refusal) {}
