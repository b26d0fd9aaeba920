package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.eval.rewrite.RewriteHost;
import dev.htaccess.eval.rewrite.RewriteMapSource;
import dev.htaccess.eval.trace.Trace;
import dev.htaccess.httpd.UriPath;
import java.util.List;
import java.util.Map;

/** The request mod_rewrite runs in: one round of one request, as the rule engine sees it. */
final class RoundRewriteHost implements RewriteHost {

  private final RequestState state;
  private final Round round;
  private final RoundProcessor processor;
  private final Variables variables;

  RoundRewriteHost(RequestState state, Round round, RoundProcessor processor) {
    this.state = state;
    this.round = round;
    this.processor = processor;
    this.variables = new Variables(state, round);
  }

  @Override
  public String variable(String name, RequestView request, List<String> varyThis) {
    return variables.lookup(name, request, varyThis);
  }

  @Override
  public boolean fileTest(char test, String path) {
    FileStats.Stat st = state.stat(path);
    return switch (test) {
      case 'f', 'F' -> st.regular();
      case 's' -> st.regular() && st.size() > 0;
      case 'd' -> st.directory();
      case 'l', 'L', 'h' -> st.symlink();
      case 'x' -> st.exists() && st.executable();
      case 'U' -> {
        if (!processor.lookaheadAllowed()) {
          yield false;
        }
        // ap_sub_req_lookup_uri: the test string is a new URL, parsed and decoded as one.
        String target = path.indexOf('#') < 0 ? path : path.substring(0, path.indexOf('#'));
        int q = target.indexOf('?');
        UriPath.Result uri = UriPath.process(q < 0 ? target : target.substring(0, q));
        if (uri.status() != 0) {
          yield false;
        }
        String args = q < 0 ? null : target.substring(q + 1);
        Round subRound = Round.subrequestOf(round);
        RoundResult sub = processor.process(subRound, uri.uri(), args, true);
        if (!(sub instanceof RoundResult.Answered a)) {
          yield true;
        }
        // A lookup does not run the handler: a file that is not there is no error of the
        // subrequest (its status stays 200), only the phases before the handler can fail it.
        boolean handlerNotFound = a.status() == 404 && subRound.lastFile != null;
        yield a.status() < 400 || handlerNotFound;
      }
      default -> false;
    };
  }

  @Override
  public String mapLookup(String map, String key) {
    state.readMap = true;
    RewriteMapSource source = state.site.config.maps().get(map);
    if (source == null) {
      return null;
    }
    if (!source.deterministic()) {
      state.nondeterministic = true;
    }
    return source.lookup(key);
  }

  @Override
  public Map<String, String> env() {
    return round.env;
  }

  @Override
  public boolean setCookie(String name, String cookie) {
    return state.addCookie(name, cookie);
  }

  @Override
  public void vary(List<String> headers) {
    round.vary.addAll(headers);
  }

  @Override
  public void forceHandler(String handler) {
    round.forcedHandler = handler;
  }

  @Override
  public void forceType(String type) {
    round.forcedType = type;
  }

  @Override
  public void endRewriting() {
    round.end = true;
  }

  @Override
  public String selfUrl() {
    return state.selfUrl();
  }

  @Override
  public boolean https() {
    return state.https;
  }

  /**
   * ap_matches_request_vhost: for a name-based {@code <VirtualHost *:port>}, the URL's port must
   * equal the port of the ServerName (none unless ServerName names one) and the host must be the
   * ServerName or a ServerAlias. With a plain "ServerName example.com" Apache never reduces, which
   * is what the oracle shows.
   */
  @Override
  public boolean isThisServer(String host, int port) {
    SiteConfig site = state.site.config;
    return site.naming().serverNamePort() != 0
        && port == site.naming().serverNamePort()
        && site.naming().serverNames().contains(host);
  }

  @Override
  public Trace trace() {
    return state.trace;
  }
}
