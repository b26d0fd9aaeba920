package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.trace.Trace;
import java.util.List;
import java.util.Map;

/**
 * What mod_rewrite reads from and writes to the request it runs in. The evaluator implements it;
 * the rule engine knows nothing else of the request, the files or the server.
 */
public interface RewriteHost {

  /**
   * {@code %{NAME}} for the request as it stands; request headers read are added to {@code
   * varyThis} (null when headers do not count towards Vary).
   */
  String variable(String name, RequestView request, List<String> varyThis);

  /** A RewriteCond file test ({@code -f -d -s -l -L -h -x -F -U}) on {@code path}. */
  boolean fileTest(char test, String path);

  /** {@code ${map:key}}: the map's value for the key, or null (no such map, or no such key). */
  String mapLookup(String map, String key);

  /** The request's environment ({@code r->subprocess_env}), which [E=] edits. */
  Map<String, String> env();

  /**
   * [CO=]: adds a Set-Cookie, once per cookie name in the whole request; false when a cookie of
   * that name was set already.
   */
  boolean setCookie(String name, String cookie);

  /** The request headers that decided a matched rule's conditions, for the Vary header. */
  void vary(List<String> headers);

  /** [H=]: the handler that takes the request. */
  void forceHandler(String handler);

  /** [T=]: the content type of the response. */
  void forceType(String type);

  /** [END]: no more rewriting for this request, in any round. */
  void endRewriting();

  /** {@code scheme://host[:port]} of the request, for fully qualified redirects. */
  String selfUrl();

  /** True when the request came over TLS. */
  boolean https();

  /**
   * ap_matches_request_vhost: whether {@code host:port} names this virtual host, so that a
   * substitution that is a URL on this server becomes a path again.
   */
  boolean isThisServer(String host, int port);

  /** Where the engine records what it does. */
  Trace trace();
}
