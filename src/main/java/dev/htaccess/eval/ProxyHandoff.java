package dev.htaccess.eval;

import dev.htaccess.eval.proxy.ProxyCanon;
import dev.htaccess.eval.proxy.ProxyTarget;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.MediaTypes;
import dev.htaccess.httpd.ProxySchemes;

/**
 * mod_proxy taking a request that [P] or ProxyPass gave it: the fixup canonicalises the URL ({@link
 * ProxyCanon}), then the handler checks Max-Forwards, finds the submodule for the scheme (none
 * loaded: a 500) and connects (a Unix socket that is not there: a 503).
 */
final class ProxyHandoff {

  private final RequestState state;

  ProxyHandoff(RequestState state) {
    this.state = state;
  }

  /** The round's answer: proxied to the canonical URL, or the status mod_proxy gives instead. */
  RoundResult.Answered answer(ProxyTarget target, String uri, String args) {
    SiteConfig config = state.site.config;
    ProxyCanon.Result result =
        ProxyCanon.canonicalise(target, config.modules().loaded("proxy_http"));
    if (result instanceof ProxyCanon.Refused refused) {
      return refuse(refused.reason(), refused.status(), uri, args);
    }
    ProxyCanon.Canonical canonical = (ProxyCanon.Canonical) result;
    String url = canonical.url();
    long maxForwards = maxForwards();
    if (maxForwards < 0) {
      return refuse(TraceEvent.Refusal.Reason.PROXY_MAX_FORWARDS_BAD, 400, uri, args);
    }
    if (maxForwards == 0) {
      // the last hop: OPTIONS and TRACE are answered here, as by the core; others are a loop
      return switch (state.request.upperMethod()) {
        case "OPTIONS" -> RoundResult.Answered.status(200, uri, args, null);
        case "TRACE" ->
            new RoundResult.Answered(200, null, uri, args, null, null, MediaTypes.TRACE);
        default -> refuse(TraceEvent.Refusal.Reason.PROXY_MAX_FORWARDS_ZERO, 400, uri, args);
      };
    }
    if (!handled(url)) {
      return refuse(TraceEvent.Refusal.Reason.PROXY_NO_HANDLER, 500, uri, args);
    }
    String upstream = upstreamUrl(url);
    if (canonical.udsPath() != null) {
      FileStats.Stat socket = state.stat(canonical.udsPath());
      if (!socket.exists() || socket.regular() || socket.directory()) {
        return refuse(TraceEvent.Refusal.Reason.PROXY_UDS_UNREACHABLE, 503, uri, args);
      }
      upstream = "unix:" + canonical.udsPath() + "|" + upstream;
    }
    return RoundResult.Answered.proxy(upstream, uri, args);
  }

  private RoundResult.Answered refuse(
      TraceEvent.Refusal.Reason reason, int status, String uri, String args) {
    state.trace.add(new TraceEvent.Refusal(reason, status));
    return RoundResult.Answered.status(status, uri, args, null);
  }

  /**
   * proxy_handler's reading of Max-Forwards: its value (Long.MAX_VALUE when the header is absent),
   * or -1 when it is not a non-negative decimal number.
   */
  private long maxForwards() {
    String value = state.request.header("Max-Forwards");
    if (value == null) {
      return Long.MAX_VALUE;
    }
    String number = value.stripLeading(); // strtol skips leading space, but nothing may follow
    try {
      long n = Long.parseLong(number);
      return n < 0 || n == Long.MAX_VALUE ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Whether a loaded scheme handler takes the canonical URL: mod_proxy_http takes http, https, ws
   * and wss, and ftp when it goes to a forward proxy (ProxyRemote); other schemes need their own
   * submodule.
   */
  private boolean handled(String url) {
    SiteConfig config = state.site.config;
    int colon = url.indexOf(':');
    String scheme = url.substring(0, colon);
    boolean hasAuthority = url.startsWith("//", colon + 1) && url.length() > colon + 3;
    if (config.modules().loaded("proxy_http")) {
      if (ProxySchemes.httpScheme(url) != null) {
        return hasAuthority;
      }
      boolean forward = state.site.options.forwardProxy() || config.proxyRemote() != null;
      if (scheme.equalsIgnoreCase("ftp") && forward && hasAuthority) {
        return true;
      }
    }
    return ProxySchemes.handler(scheme)
        .filter(m -> !m.equals("proxy_http") && config.modules().loaded(m))
        .isPresent();
  }

  /**
   * The URL as it is asked for upstream: wss goes over TLS as https does (through a forward proxy
   * too, in a CONNECT tunnel).
   */
  private static String upstreamUrl(String url) {
    return url.startsWith("wss:") ? "https:" + url.substring(4) : url;
  }
}
