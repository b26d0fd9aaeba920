package dev.htaccess.eval;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an {@link Evaluator} simulates: the document root, the server configuration around it, and
 * the server's own settings. Immutable; derive variants with the {@code with} methods.
 *
 * @param docroot the document root
 * @param serverConfig the directives of the {@code <VirtualHost>} ({@code --server-config}), or
 *     null
 * @param defaultHost the Host of requests that send none (the ServerName)
 * @param memo whether answers are remembered between requests
 * @param processEnvironment the environment Apache was started with, which {@code %{ENV:x}} falls
 *     back to
 * @param scripts whether script handlers ({@code SetHandler "proxy:fcgi://..."}) take requests, as
 *     in {@code serve}; the dry run, like the oracle's Apache, has no PHP and serves .php files as
 *     plain files
 * @param phpHandler with scripts, the handler .php files get (as with Debian's php-fpm
 *     configuration), or null for none
 * @param forwardProxy whether upstream traffic goes through a forward proxy even without a {@code
 *     ProxyRemote} in the server configuration: the oracle's Apache has {@code ProxyRemote *}, so
 *     the dry run assumes one; it decides whether {@code [P]} to {@code ftp://} is forwarded
 * @param overlay .htaccess files read instead of the disk's (see {@link HtaccessOverlay})
 */
public record EvaluatorOptions(
    Path docroot,
    Path serverConfig,
    String defaultHost,
    MemoPolicy memo,
    Map<String, String> processEnvironment,
    boolean scripts,
    String phpHandler,
    boolean forwardProxy,
    HtaccessOverlay overlay) {

  public EvaluatorOptions {
    processEnvironment = Map.copyOf(processEnvironment);
    overlay = overlay == null ? HtaccessOverlay.NONE : overlay;
  }

  /** A dry run of {@code docroot} without server configuration, for Host {@code example.com}. */
  public static EvaluatorOptions of(Path docroot) {
    return new EvaluatorOptions(
        docroot,
        null,
        "example.com",
        MemoPolicy.NONE,
        Map.of(),
        false,
        null,
        true,
        HtaccessOverlay.NONE);
  }

  /** The same options for another document root (mod_vhost_alias's, for one host). */
  public EvaluatorOptions withDocroot(Path root) {
    return new EvaluatorOptions(
        root,
        serverConfig,
        defaultHost,
        memo,
        processEnvironment,
        scripts,
        phpHandler,
        forwardProxy,
        overlay);
  }

  public EvaluatorOptions withServerConfig(Path file) {
    return new EvaluatorOptions(
        docroot,
        file,
        defaultHost,
        memo,
        processEnvironment,
        scripts,
        phpHandler,
        forwardProxy,
        overlay);
  }

  public EvaluatorOptions withDefaultHost(String host) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        host,
        memo,
        processEnvironment,
        scripts,
        phpHandler,
        forwardProxy,
        overlay);
  }

  public EvaluatorOptions withMemo(MemoPolicy policy) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        defaultHost,
        policy,
        processEnvironment,
        scripts,
        phpHandler,
        forwardProxy,
        overlay);
  }

  public EvaluatorOptions withProcessEnvironment(Map<String, String> environment) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        defaultHost,
        memo,
        environment,
        scripts,
        phpHandler,
        forwardProxy,
        overlay);
  }

  /** Script handlers take requests; {@code phpHandler} (may be null) takes .php files. */
  public EvaluatorOptions withScripts(String handler) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        defaultHost,
        memo,
        processEnvironment,
        true,
        handler,
        forwardProxy,
        overlay);
  }

  /** Whether upstream traffic goes through a forward proxy without a {@code ProxyRemote}. */
  public EvaluatorOptions withForwardProxy(boolean forward) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        defaultHost,
        memo,
        processEnvironment,
        scripts,
        phpHandler,
        forward,
        overlay);
  }

  /** The evaluation reads these .htaccess files instead of the disk's. */
  public EvaluatorOptions withOverlay(HtaccessOverlay files) {
    return new EvaluatorOptions(
        docroot,
        serverConfig,
        defaultHost,
        memo,
        processEnvironment,
        scripts,
        phpHandler,
        forwardProxy,
        files);
  }
}
