package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.DirectoryRewrite;
import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.eval.rewrite.RewriteContext;
import dev.htaccess.eval.rewrite.RewriteOutcome;
import dev.htaccess.eval.rewrite.RewriteScope;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.HttpMethods;
import dev.htaccess.httpd.MediaTypes;
import dev.htaccess.model.RewriteOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One round of request processing, in httpd's order of phases: translate_name ({@link
 * Translation}), the directory walk and configuration merge ({@link DirectoryWalk}, {@link
 * ConfigCache}), the header parser (SetEnvIf), access ({@link AccessCheck}), the fixups
 * (per-directory rewriting, SetEnv, mod_alias redirects) and the handler ({@link ContentPhase}:
 * mod_dir, script handlers, the default handler).
 */
final class RoundProcessor {

  private final RequestState state;

  RoundProcessor(RequestState state) {
    this.state = state;
  }

  /** Processes {@code uri} as the round's (or, with {@code subrequest}, a subrequest's) URL. */
  RoundResult process(Round round, String uri, String args, boolean subrequest) {
    if (!subrequest) {
      state.currentUri = uri;
      state.parentUri = null;
      return processRound(round, uri, args, false);
    }
    // ap_sub_req_method_uri: when the request making it has been redirected, or is itself nested
    // in subrequests, as often as LimitInternalRecursion allows (ap_is_recursion_limit_exceeded),
    // the subrequest is not processed and its status is 500.
    int limit = state.site.config.limitInternalRecursion();
    if (state.redirects >= limit || state.subrequestDepth >= limit) {
      return RoundResult.Answered.status(500, uri, args, null);
    }
    String parent = state.parentUri;
    String current = state.currentUri;
    state.subrequestDepth++;
    state.parentUri = current;
    state.currentUri = uri;
    try {
      return processRound(round, uri, args, true);
    } finally {
      state.subrequestDepth--;
      state.parentUri = parent;
      state.currentUri = current;
    }
  }

  /**
   * mod_rewrite's subreq_ok: a lookahead (-U, -F, LA-U, LA-F) is made only by the request itself or
   * by a subrequest for another URL than the one that made it; else the test is false.
   */
  boolean lookaheadAllowed() {
    return state.parentUri == null || !state.parentUri.equals(state.currentUri);
  }

  private RoundResult processRound(Round round, String uri, String args, boolean subrequest) {
    if (!subrequest) {
      // mod_setenvif's post-read-request phase, with the virtual host's rules: it runs for the
      // request and again for each internal redirect (not for subrequests), and sees the URL
      // path as sent, before it is decoded.
      SetEnvIfRule.applyAll(
          state.site.config.serverSetEnvIf(),
          setEnvIfView(round, sentPath(round.unparsedUri), null),
          round.env);
    }
    for (LocationSection location : state.site.config.locations()) {
      location.exportNamedGroups(uri, round.env);
    }
    RoundRewriteHost host = new RoundRewriteHost(state, round, this);
    Translation.Translated t = new Translation(state, round, host).translate(uri, args, subrequest);
    if (t instanceof RoundResult.Answered a) {
      return a;
    }
    Translation.Mapped m = (Translation.Mapped) t;
    return afterTranslate(round, host, m.uri(), m.args(), m.filename(), subrequest);
  }

  private RoundResult afterTranslate(
      Round round,
      RoundRewriteHost host,
      String uri,
      String args,
      String filename,
      boolean subrequest) {
    Site site = state.site;
    if (!subrequest && state.request.method().equals("TRACE")) {
      // Core answers TRACE in map_to_storage, before the directory walk, access control and
      // .htaccess: r->filename is the translated path whole (measured: TRACE /.htaccess is 200).
      return new RoundResult.Answered(
          200, null, uri, args, null, site.relative(filename), MediaTypes.TRACE);
    }
    if (!filename.startsWith("/")) {
      // ap_directory_walk: "Request filename path is invalid or not absolute" (an AliasMatch
      // whose target is a relative path, measured).
      return RoundResult.Answered.status(403, uri, args, null);
    }
    DirectoryWalk.Walk walk = site.walker.walk(filename, state::stat);
    String fname = walk.existing();
    String pathInfo = walk.pathInfo();
    DirConfig cfg =
        site.configs.configFor(walk.dirs(), uri, state.request.upperMethod(), state::stat);
    round.lastConfig = cfg;
    round.lastFile = null;
    String refusedLink = refusedSymlink(walk, cfg);
    if (refusedLink != null
        && (cfg.error() == null || cfg.errorDirectory().startsWith(refusedLink + "/"))) {
      // The walk stops at the link, before it reads the .htaccess files beyond it.
      state.trace.add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.SYMLINK, 403));
      return RoundResult.Answered.status(403, uri, args, site.relative(refusedLink));
    }
    if (walk.special() && cfg.error() == null) {
      state.trace.add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.NOT_A_FILE, 403));
      return RoundResult.Answered.status(403, uri, args, site.relative(fname));
    }
    if (cfg.error() != null) {
      state.trace.add(new TraceEvent.ConfigError(cfg.error().span(), cfg.error().message()));
      return RoundResult.Answered.status(500, uri, args, site.relative(cfg.errorDirectory()));
    }
    String base = fname.substring(fname.lastIndexOf('/') + 1);
    round.lastFile = new RewriteContext(null, subrequest, uri, args, fname, pathInfo);
    round.lastBase = base;
    for (FilesSection files : cfg.fileSections()) {
      files.exportNamedGroups(base, round.env);
    }
    // mod_setenvif's header-parser phase: before access control and per-dir rewriting.
    List<SetEnvIfRule> setEnvIf = cfg.setEnvIf();
    for (FilesSection files : cfg.fileSections()) {
      if (!files.setEnvIf().isEmpty() && files.matches(base)) {
        setEnvIf = new ArrayList<>(setEnvIf);
        setEnvIf.addAll(files.setEnvIf());
      }
    }
    SetEnvIfRule.applyAll(setEnvIf, setEnvIfView(round, uri, round.lastFile), round.env);
    int accessStatus = new AccessCheck(state, round).status(cfg, base, round.lastFile, subrequest);
    if (accessStatus != 0) {
      return RoundResult.Answered.status(accessStatus, uri, args, site.relative(fname));
    }
    // Per-directory rewriting (fixup).
    RewriteScope scope = cfg.rewrite();
    if (scope != null && scope.engineOn() && !scope.rules().isEmpty() && !round.end) {
      boolean enteringDir =
          !scope.has(RewriteOption.ALLOW_NO_SLASH)
              && fname.length() == scope.directory().length() - 1
              && scope.directory().startsWith(fname);
      if (!enteringDir) {
        if (!cfg.followSymLinks()) {
          return RoundResult.Answered.status(403, uri, args, site.relative(fname));
        }
        RewriteContext ctx = new RewriteContext(scope, subrequest, uri, args, fname, pathInfo);
        DirectoryRewrite.Location where =
            new DirectoryRewrite.Location(
                round.documentRoot != null ? round.documentRoot : site.config.grantedPath(),
                round.contextPrefix,
                round.contextDocRoot,
                forcedHandlerStatus(walk, cfg, subrequest ? "GET" : state.request.method()));
        RewriteOutcome outcome = DirectoryRewrite.apply(scope, ctx, host, where);
        if (outcome instanceof RewriteOutcome.InternalRedirect
            || outcome instanceof RewriteOutcome.Proxy
            || outcome instanceof RewriteOutcome.HandlerInstead) {
          RoundResult later =
              new ContentPhase(state, round, this)
                  .afterRewrite(cfg, walk, uri, outcome.args(), subrequest);
          if (later != null) {
            ContentPhase.applySetEnv(cfg, round);
            return later;
          }
        }
        if (outcome instanceof RewriteOutcome.InternalRedirect ir) {
          round.leftStatus = ir.leftStatus();
        } else if (outcome instanceof RewriteOutcome.Ignored ig) {
          round.leftStatus = ig.leftStatus();
        }
        RoundResult result = perDirResult(round, outcome, uri, subrequest);
        if (result != null) {
          if (result instanceof RoundResult.Redirected) {
            ContentPhase.applySetEnv(cfg, round);
          }
          return result;
        }
        args = outcome.args();
      }
    }
    ContentPhase.applySetEnv(cfg, round);
    return new ContentPhase(state, round, this).handle(cfg, walk, uri, args, subrequest);
  }

  /**
   * What the core's default handler answers when an [H] handler replaces mod_rewrite's internal
   * redirect: {@code r->filename} is then "redirect:...", which it cannot open, while {@code
   * r->finfo} is still the walk's. So GET and HEAD find no file (404) only when the walk found
   * none, a directory, or refused path info; else the open fails (403). POST is 405 there; the
   * other methods get its usual answer.
   */
  private static int forcedHandlerStatus(DirectoryWalk.Walk walk, DirConfig cfg, String method) {
    if (!HttpMethods.readsFile(method)) {
      return HttpMethods.defaultHandlerStatus(method);
    }
    if (!walk.exists()
        || walk.isDir()
        || (!walk.pathInfo().isEmpty() && !Boolean.TRUE.equals(cfg.acceptPathInfo()))) {
      return 404;
    }
    return 403;
  }

  /** The round's end for a per-directory rewrite, or null when the round goes on. */
  private RoundResult perDirResult(
      Round round, RewriteOutcome outcome, String uri, boolean subrequest) {
    Site site = state.site;
    if (outcome instanceof RewriteOutcome.HandlerInstead h) {
      if (subrequest) {
        round.handlerInsteadStatus = h.status();
        return RoundResult.Answered.status(200, uri, h.args(), null);
      }
      return RoundResult.Answered.status(h.status(), uri, h.args(), null);
    }
    if (outcome instanceof RewriteOutcome.Status s) {
      round.rewriteStatus = s.actionStatus();
      return RoundResult.Answered.status(s.status(), uri, s.args(), site.relative(s.filename()));
    }
    if (outcome instanceof RewriteOutcome.Proxy p) {
      return new ProxyHandoff(state).answer(p.target(), uri, p.args());
    }
    if (outcome instanceof RewriteOutcome.Redirect r) {
      return RoundResult.Answered.redirect(r.status(), r.location(), uri, r.args(), null);
    }
    if (outcome instanceof RewriteOutcome.InternalRedirect ir) {
      return new RoundResult.Redirected(ir.uri(), ir.args());
    }
    return null;
  }

  /**
   * The first symbolic link of the walk that Options does not let it pass (each is judged by the
   * options of the directory holding it), or null.
   */
  private String refusedSymlink(DirectoryWalk.Walk walk, DirConfig cfg) {
    for (String link : walk.symlinks()) {
      SymlinkOptions options = cfg.symlinkOptionsIn(link.substring(0, link.lastIndexOf('/')));
      if (!options.allows(state.stat(link))) {
        return link;
      }
    }
    return null;
  }

  /** The path of a request target as ap_parse_uri leaves it (no scheme, host or query). */
  static String sentPath(String target) {
    String t = target == null ? "" : target;
    int scheme = t.indexOf("://");
    if (scheme > 0 && !t.startsWith("/")) {
      int slash = t.indexOf('/', scheme + 3);
      t = slash < 0 ? "" : t.substring(slash);
    }
    int q = t.indexOf('?');
    return q < 0 ? t : t.substring(0, q);
  }

  /** The request as mod_setenvif sees it in this round. */
  private SetEnvIfRule.Request setEnvIfView(Round round, String uri, RequestView view) {
    Variables variables = new Variables(state, round);
    return new SetEnvIfRule.Request() {
      @Override
      public String special(String name) {
        return switch (name) {
          case "remote_addr", "remote_host" -> state.request.remoteAddr();
          case "server_addr" -> "127.0.0.1";
          case "request_method" -> state.request.method();
          case "request_protocol" -> "HTTP/1.1";
          default -> uri;
        };
      }

      @Override
      public String header(String name) {
        return state.request.header(name);
      }

      @Override
      public List<RequestSpec.Header> headers() {
        return state.request.headers();
      }

      @Override
      public String variable(String name) {
        return variables.lookup(name, view, null);
      }
    };
  }
}
