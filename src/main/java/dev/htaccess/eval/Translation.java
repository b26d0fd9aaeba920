package dev.htaccess.eval;

import dev.htaccess.eval.proxy.ProxyPassRule;
import dev.htaccess.eval.rewrite.RewriteContext;
import dev.htaccess.eval.rewrite.RewriteOutcome;
import dev.htaccess.eval.rewrite.ServerRewrite;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.AliasMatch;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.regex.PcreMatch;

/**
 * The translate_name phase: the URL becomes a file name. mod_rewrite's virtual host rules run
 * first; then ProxyPass, the virtual host's Redirect directives and Alias; what none of them takes
 * maps into the document root.
 */
final class Translation {

  /** What translation gives: the mapped URL, or the round's answer when a translator took it. */
  sealed interface Translated permits Mapped, RoundResult.Answered {}

  /** Where the URL was mapped: the URL the rest of the round sees, and the file name. */
  record Mapped(String uri, String args, String filename) implements Translated {}

  private final RequestState state;
  private final Round round;
  private final RoundRewriteHost host;

  Translation(RequestState state, Round round, RoundRewriteHost host) {
    this.state = state;
    this.round = round;
    this.host = host;
  }

  /** Maps the URL; returns a {@link Mapped}, or the round's answer when a translator took it. */
  Translated translate(String uri, String args, boolean subrequest) {
    SiteConfig site = state.site.config;
    round.contextPrefix = null;
    round.contextDocRoot = null;
    round.documentRoot = null;
    String filename = null;
    String effectiveUri = uri;
    String currentArgs = args;
    if (site.serverEngine() && !site.serverRules().isEmpty()) {
      RewriteContext ctx = new RewriteContext(null, subrequest, uri, currentArgs, null, null);
      RewriteOutcome outcome = ServerRewrite.apply(site.serverRules(), ctx, host);
      currentArgs = outcome.args();
      if (outcome instanceof RewriteOutcome.Status s) {
        round.rewriteStatus = s.actionStatus();
        return RoundResult.Answered.status(s.status(), uri, currentArgs, null);
      } else if (outcome instanceof RewriteOutcome.Proxy p) {
        return new ProxyHandoff(state).answer(p.target(), uri, currentArgs);
      } else if (outcome instanceof RewriteOutcome.Redirect r) {
        return RoundResult.Answered.redirect(r.status(), r.location(), uri, r.args(), null);
      } else if (outcome instanceof RewriteOutcome.PassThrough pt) {
        effectiveUri = pt.uri();
      } else if (outcome instanceof RewriteOutcome.ServerPath sp) {
        filename = serverPathToFilename(sp.path());
      }
    }
    if (filename == null) {
      RoundResult.Answered answered = proxyPass(uri, effectiveUri, currentArgs);
      LocationSection redirecting = null;
      LocationSection aliasing = null;
      // The location walk before translation: the sections the URL matches, merged in order
      // (a later section's directory-form Redirect or one-argument Alias wins).
      for (LocationSection l : site.locations()) {
        if (l.matches(uri)) {
          redirecting = l.directoryRedirect() != null ? l : redirecting;
          aliasing = l.alias() != null ? l : aliasing;
        }
      }
      RewriteContext view = new RewriteContext(null, subrequest, uri, currentArgs, null, null);
      Variables variables = new Variables(state, round);
      if (answered == null && redirecting != null) {
        AliasRedirect.Answer answer =
            redirecting
                .directoryRedirect()
                .apply(
                    effectiveUri,
                    currentArgs,
                    state.selfUrl(),
                    name -> variables.lookup(name, view, null));
        ContentPhase.tried(state, redirecting.directoryRedirect(), answer);
        answered =
            ContentPhase.redirectAnswer(
                state,
                redirecting.directoryRedirect(),
                answer,
                TraceEvent.AliasDecision.Kind.SERVER_REDIRECT,
                uri,
                currentArgs,
                null);
      }
      if (answered == null) {
        answered = serverRedirect(uri, effectiveUri, currentArgs);
      }
      if (answered != null) {
        return answered;
      }
      if (aliasing != null) {
        // ap_server_root_relative: a relative target is under the ServerRoot.
        String found = aliasing.alias().evaluate(name -> variables.lookup(name, view, null));
        filename = found.startsWith("/") ? found : site.serverRoot().resolve(found).toString();
      } else {
        filename = alias(effectiveUri);
      }
      if (filename == null && site.scriptRoot() != null) {
        filename = scriptAlias(effectiveUri, site.scriptRoot());
      }
    }
    if (filename == null) {
      filename = site.docrootPath() + effectiveUri;
      if (!site.docrootPath().equals(site.grantedPath())) {
        // mod_vhost_alias translated (nothing before it did): its root is the request's
        // DOCUMENT_ROOT and context root
        round.documentRoot = site.docrootPath();
        round.contextDocRoot = site.docrootPath();
      }
    }
    return new Mapped(effectiveUri, currentArgs, filename);
  }

  private RoundResult.Answered proxyPass(String uri, String effectiveUri, String args) {
    for (ProxyPassRule rule : state.site.config.proxyPasses()) {
      String unparsed = round.unparsedUri != null ? round.unparsedUri : effectiveUri;
      ProxyPassRule.Mapping m =
          rule.map(rule.encoded() ? rawPath(unparsed) : effectiveUri, unparsed, args);
      if (m instanceof ProxyPassRule.Excluded) {
        return null;
      }
      if (m instanceof ProxyPassRule.Proxied p) {
        state.trace.add(
            new TraceEvent.AliasDecision(
                TraceEvent.AliasDecision.Kind.PROXY_PASS, rule.from(), 0, p.target().url(), null));
        return new ProxyHandoff(state).answer(p.target(), uri, args);
      }
    }
    return null;
  }

  /** The path of the request line's URL, still encoded (what mapping=encoded matches). */
  private static String rawPath(String unparsed) {
    int q = unparsed.indexOf('?');
    return q < 0 ? unparsed : unparsed.substring(0, q);
  }

  private RoundResult.Answered serverRedirect(String uri, String effectiveUri, String args) {
    for (AliasRedirect redirect : state.site.config.redirects()) {
      AliasRedirect.Answer answer =
          redirect.apply(effectiveUri, args, state.selfUrl(), name -> null);
      ContentPhase.tried(state, redirect, answer);
      if (answer != null) {
        return ContentPhase.redirectAnswer(
            state,
            redirect,
            answer,
            TraceEvent.AliasDecision.Kind.SERVER_REDIRECT,
            uri,
            args,
            null);
      }
    }
    return null;
  }

  /**
   * mod_vhost_alias's VirtualScriptAlias, after mod_alias: a URL whose path starts (after its
   * slashes) with {@code cgi-bin/} maps to the host's script directory, which becomes DOCUMENT_ROOT
   * and the context root, under the prefix {@code /cgi-bin}; null for another URL.
   */
  private String scriptAlias(String effectiveUri, String root) {
    int slashes = 0;
    while (slashes < effectiveUri.length() && effectiveUri.charAt(slashes) == '/') {
      slashes++;
    }
    if (!effectiveUri.startsWith("cgi-bin/", slashes)) {
      return null;
    }
    round.documentRoot = root;
    round.contextDocRoot = root;
    round.contextPrefix = "/cgi-bin";
    // mod_cgi's handler, which the oracle's Apache lacks: its files go to the default handler,
    // which serves no directory
    round.forcedHandler = "cgi-script";
    return root + effectiveUri.substring(slashes + "cgi-bin".length());
  }

  private String alias(String effectiveUri) {
    for (SiteConfig.Mapping m : state.site.config.aliases()) {
      if (m.regex() != null) {
        PcreMatch am = m.regex().match(effectiveUri);
        if (am != null) {
          return Pregsub.substitute(m.target(), am);
        }
      } else {
        int len = AliasMatch.length(effectiveUri, m.prefix());
        if (len > 0) {
          round.contextPrefix = m.prefix();
          round.contextDocRoot = m.target();
          return m.target() + effectiveUri.substring(len);
        }
      }
    }
    return null;
  }

  /**
   * mod_rewrite in server context: a path whose first segment exists on disk is a file path;
   * otherwise the document root is prepended: the main one (mod_vhost_alias has not run).
   */
  private String serverPathToFilename(String f) {
    int second = f.indexOf('/', 1);
    String first = second < 0 ? f : f.substring(0, second);
    if (first.length() > 1 && state.stat(first).exists()) {
      return f;
    }
    return state.site.config.grantedPath() + f;
  }
}
