package dev.htaccess.eval;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.HttpMethods;
import dev.htaccess.httpd.MediaTypes;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.source.RawText;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of a round after the fixups: mod_alias's redirects of the directory, mod_dir (the
 * trailing-slash redirect, DirectoryIndex, FallbackResource, the listing), then the handler that
 * takes the file: a script handler (php-fpm), or the default handler with the file's type.
 */
final class ContentPhase {

  private final RequestState state;
  private final Round round;
  private final RoundProcessor processor;

  ContentPhase(RequestState state, Round round, RoundProcessor processor) {
    this.state = state;
    this.round = round;
    this.processor = processor;
  }

  /** mod_env's fixup: SetEnv and UnsetEnv of the directory, in order. */
  static void applySetEnv(DirConfig cfg, Round round) {
    for (EnvSetting e : cfg.setEnv()) {
      if (e.value() == null) {
        round.env.remove(e.name());
      } else {
        round.env.put(e.name(), e.value());
      }
    }
  }

  /** Notes in a full trace that a Redirect line was tried, and whether it took the request. */
  static void tried(RequestState state, AliasRedirect redirect, AliasRedirect.Answer answer) {
    if (redirect.span() != null) {
      state.trace.detail(new TraceEvent.RedirectTried(redirect.span(), answer != null));
    }
  }

  /** The round's answer for a mod_alias redirect that took the request. */
  static RoundResult.Answered redirectAnswer(
      RequestState state,
      AliasRedirect redirect,
      AliasRedirect.Answer answer,
      TraceEvent.AliasDecision.Kind kind,
      String uri,
      String args,
      String filename) {
    if (answer instanceof AliasRedirect.Redirected r) {
      state.trace.add(
          new TraceEvent.AliasDecision(
              kind, null, r.status(), r.location() == null ? "" : r.location(), redirect.span()));
      if (r.location() == null) {
        // A status alone (Redirect 410, Redirect 200): ap_die sends Apache's page for it.
        return new RoundResult.Answered(
            r.status(), null, uri, args, null, filename, MediaTypes.ERROR_PAGE);
      }
      return RoundResult.Answered.redirect(r.status(), r.location(), uri, args, filename);
    }
    state.trace.add(new TraceEvent.Refusal(TraceEvent.Refusal.Reason.REDIRECT_NOT_URL, 500));
    return RoundResult.Answered.status(500, uri, args, filename);
  }

  /**
   * The fixups that still run after mod_rewrite's per-directory rules asked for an internal
   * redirect or a proxy (its fixup returned OK, so the others run before its handler does):
   * mod_alias's directory Redirects, on the URL as it came (the rewrite's query already in), then
   * mod_dir's trailing-slash redirect for a directory, which looks at the file the walk found, not
   * at the rewrite's target. Either wins over the rewrite; null when neither applies.
   */
  RoundResult afterRewrite(
      DirConfig cfg, DirectoryWalk.Walk walk, String uri, String args, boolean subrequest) {
    RoundResult redirect = directoryRedirect(cfg, uri, args, null);
    if (redirect != null) {
      return redirect;
    }
    if (walk.isDir()
        && walk.pathInfo().isEmpty()
        && !subrequest
        && !uri.endsWith("/")
        && slashRedirects(cfg)) {
      String loc =
          state.selfUrl() + UrlEscaping.escapePath(uri) + "/" + (args != null ? "?" + args : "");
      return RoundResult.Answered.redirect(301, loc, uri, args, null);
    }
    return null;
  }

  /**
   * Whether mod_dir redirects a directory to its slash: DirectorySlash On, and not a non-GET
   * request of a client marked redirect-carefully (BrowserMatch ... redirect-carefully).
   */
  private boolean slashRedirects(DirConfig cfg) {
    return cfg.directorySlash()
        && (isGet(state.request.method()) || !round.env.containsKey("redirect-carefully"));
  }

  /** mod_alias's Redirects in the directory's configuration (a fixup), or null. */
  private RoundResult directoryRedirect(DirConfig cfg, String uri, String args, String filename) {
    Variables variables = new Variables(state, round);
    for (AliasRedirect redirect : cfg.redirects()) {
      AliasRedirect.Answer answer =
          redirect.apply(
              uri, args, state.selfUrl(), name -> variables.lookup(name, round.lastFile, null));
      tried(state, redirect, answer);
      if (answer != null) {
        return redirectAnswer(
            state,
            redirect,
            answer,
            TraceEvent.AliasDecision.Kind.DIRECTORY_REDIRECT,
            uri,
            args,
            filename);
      }
    }
    return null;
  }

  RoundResult handle(
      DirConfig cfg, DirectoryWalk.Walk walk, String uri, String args, boolean subrequest) {
    Site site = state.site;
    String fname = walk.existing();
    String pathInfo = walk.pathInfo();
    String base = fname.substring(fname.lastIndexOf('/') + 1);
    // mod_alias redirects in the directory's configuration (fixup, after mod_rewrite).
    RoundResult redirect = directoryRedirect(cfg, uri, args, site.relative(fname));
    if (redirect != null) {
      return redirect;
    }
    if (walk.isDir() && pathInfo.isEmpty()) {
      RoundResult dir = directory(cfg, fname, uri, args, subrequest);
      if (dir != null) {
        return dir;
      }
    }
    // mod_dir's FallbackResource: a missing file becomes the fallback URL's (a subrequest that
    // the request then takes over, as it takes an index), in a subrequest too.
    if (!walk.exists() && cfg.fallbackResource() != null) {
      state.trace.add(
          new TraceEvent.AliasDecision(
              TraceEvent.AliasDecision.Kind.FALLBACK_RESOURCE,
              null,
              0,
              cfg.fallbackResource(),
              null));
      RoundResult fallback = fallback(cfg.fallbackResource(), uri, args, fname, subrequest);
      if (fallback != null) {
        return fallback;
      }
    }
    // A script handler (php-fpm through mod_proxy_fcgi) takes the request whether or not the
    // file exists (php-fpm answers "File not found." itself), and accepts PATH_INFO unless
    // AcceptPathInfo Off.
    String handler = site.options.scripts() ? scriptHandlerFor(cfg, base) : null;
    if (handler != null && !(walk.isDir() && pathInfo.isEmpty())) {
      if (!pathInfo.isEmpty() && Boolean.FALSE.equals(cfg.acceptPathInfo())) {
        return RoundResult.Answered.status(404, uri, args, site.relative(fname));
      }
      // Set in a DirectoryIndex subrequest too: mod_dir may make it the request.
      round.script = ScriptCall.of(handler, fname, pathInfo, cfg.cgiPassAuth());
      return RoundResult.Answered.status(200, uri, args, site.relative(fname));
    }
    return defaultHandler(cfg, walk, base, uri, args, subrequest);
  }

  /**
   * FallbackResource for a missing file: mod_dir's fixup looks the fallback up in a subrequest and,
   * when that is a file (or proxied), the request becomes it (ap_internal_fast_redirect: no new
   * round, no REDIRECT_ variables; a DirectoryIndex lookup then finds a file); a redirect or an
   * error of the lookup (not 404) is the answer, with the request's own URL. A fallback that does
   * not exist looks itself up again until the subrequests nest too deep (500). Null when it passes
   * on.
   */
  private RoundResult fallback(
      String fallback, String uri, String args, String fname, boolean subrequest) {
    Round lookupRound = Round.subrequestOf(round);
    RoundResult lookup = processor.process(lookupRound, fallback, args, true);
    String docroot = state.site.config.grantedPath(); // what filenames are relative to
    if (lookup instanceof RoundResult.Redirected
        || lookup instanceof RoundResult.Answered ok && ok.status() == 200) {
      // the lookup's file: the one it found, or (rewritten: the rewrite runs later, in the
      // handler) the fallback's own
      String file =
          lookup instanceof RoundResult.Answered ok && ok.filename() != null
              ? docroot + ok.filename()
              : docroot + stripQuery(fallback);
      boolean proxied = lookup instanceof RoundResult.Answered ok && ok.proxy() != null;
      if (proxied || state.stat(file).regular()) {
        round.adopt(lookupRound);
        round.fastRedirectedFile = file;
        return subrequest ? lookup : takenOver(lookup, file, proxied);
      }
      return null;
    }
    RoundResult.Answered a = (RoundResult.Answered) lookup;
    if (a.status() >= 300 && a.status() < 400) {
      return new RoundResult.Answered(
          a.status(), a.location(), uri, args, null, state.site.relative(fname), a.contentType());
    }
    if (a.status() != 404) {
      return RoundResult.Answered.status(a.status(), uri, args, state.site.relative(fname));
    }
    return null;
  }

  /**
   * The answer of a request that took a GET subrequest over (ap_internal_fast_redirect: an index, a
   * fallback): its own method then meets the handler of the file the lookup found, so a method the
   * default handler does not serve gets its usual answer there.
   */
  private RoundResult takenOver(RoundResult lookup, String file, boolean proxied) {
    String method = state.request.method();
    if (round.handlerInsteadStatus != 0 && lookup instanceof RoundResult.Answered a) {
      // an [H] handler replaced the look-up's internal redirect: "redirect:..." is the file now
      int status =
          HttpMethods.readsFile(method)
              ? round.handlerInsteadStatus
              : HttpMethods.defaultHandlerStatus(method);
      round.servedPath = null;
      return RoundResult.Answered.status(status, a.uri(), a.args(), null);
    }
    if (!HttpMethods.readsFile(method)
        && lookup instanceof RoundResult.Answered a
        && a.status() == 200
        && !proxied
        && round.script == null) {
      return methodAnswer(method, file, a.uri(), a.args(), a.contentType());
    }
    return lookup;
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /**
   * mod_dir for a directory: the trailing-slash redirect (or 403 without DirectorySlash), the
   * DirectoryIndex subrequests, then the listing (Options Indexes) or 403. Null in a subrequest,
   * where mod_dir does nothing.
   */
  private RoundResult directory(
      DirConfig cfg, String fname, String uri, String args, boolean subrequest) {
    Site site = state.site;
    if (subrequest) {
      return null;
    }
    if (!uri.endsWith("/")) {
      if (!slashRedirects(cfg)) {
        return withoutIndex(cfg, fname, uri, args);
      }
      String loc =
          state.selfUrl() + UrlEscaping.escapePath(uri) + "/" + (args != null ? "?" + args : "");
      return RoundResult.Answered.redirect(301, loc, uri, args, site.relative(fname));
    }
    // A subrequest that failed otherwise than 404 keeps the listing from being shown: mod_dir
    // answers the last such status when no index is taken.
    int failed = 0;
    int names = cfg.directoryIndex().size();
    for (String index : cfg.directoryIndex()) {
      String subUri = index.startsWith("/") ? index : uri + index;
      state.trace.detail(new TraceEvent.IndexLookup(subUri, false));
      Round subRound = Round.subrequestOf(round);
      RoundResult sub = processor.process(subRound, subUri, args, true);
      // mod_dir takes the index when the subrequest will be proxied, or when the index file
      // exists (its directory walk found a regular file) and nothing refused it; a rewrite of
      // an existing index is then followed, a rewrite of a missing one is not.
      // (an index the lookup turned into another file, through FallbackResource: that file)
      String indexFile =
          subRound.fastRedirectedFile != null
              ? subRound.fastRedirectedFile
              : site.config.docrootPath() + subUri;
      boolean indexFileExists = state.stat(indexFile).regular();
      boolean proxied = sub instanceof RoundResult.Answered a && a.proxy() != null;
      boolean accepted =
          sub instanceof RoundResult.Redirected
              || sub instanceof RoundResult.Answered a && a.status() == 200;
      if (proxied || (indexFileExists && accepted)) {
        state.trace.add(new TraceEvent.IndexLookup(subUri, true));
        round.adopt(subRound);
        return takenOver(sub, indexFile, proxied);
      }
      if (sub instanceof RoundResult.Answered a) {
        int st = a.status();
        // A redirect of the index (and a 401 or 406 of the only one) goes to the client.
        if (st >= 300 && st < 400 || (st == 401 || st == 406) && names == 1) {
          return new RoundResult.Answered(
              st, a.location(), uri, args, null, site.relative(fname), a.contentType());
        }
        if (st != 404 && st != 200) {
          failed = st;
        }
      }
    }
    if (failed != 0) {
      return RoundResult.Answered.status(failed, uri, args, site.relative(fname));
    }
    return withoutIndex(cfg, fname, uri, args);
  }

  /** Apache's M_GET: GET, and HEAD, which is GET without the body. */
  private static boolean isGet(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  /**
   * A directory no index answers for: mod_autoindex lists it (Options Indexes) or refuses (403),
   * for GET and HEAD only; any other method reaches the default handler, which does not serve a
   * directory (404 for POST) and answers the others as it always does.
   */
  private RoundResult withoutIndex(DirConfig cfg, String fname, String uri, String args) {
    String relative = state.site.relative(fname);
    String method = state.request.method();
    // An [H] handler (mod_rewrite's last fixup sets it, even when the rewrite was ignored) takes
    // the directory from mod_autoindex: the default handler does not serve a directory.
    boolean autoindex =
        round.forcedHandler == null || round.forcedHandler.equalsIgnoreCase(MediaTypes.DIRECTORY);
    if (isGet(method) && autoindex) {
      if (!cfg.indexes()) {
        return RoundResult.Answered.status(403, uri, args, relative);
      }
      round.servedPath = fname;
      round.listing = true;
      // mod_autoindex lists "dir/" (with DirectorySlash Off the URL may lack the slash)
      String listed = relative.endsWith("/") ? relative : relative + "/";
      return RoundResult.Answered.ok(uri, args, listed, MediaTypes.LISTING);
    }
    if (HttpMethods.readsFile(method)) {
      return RoundResult.Answered.status(404, uri, args, relative);
    }
    return methodAnswer(method, fname, uri, args, MediaTypes.DIRECTORY);
  }

  /**
   * The default handler. PATH_INFO after a static file is refused unless AcceptPathInfo On. Only
   * GET, HEAD and POST look for the file: other methods get their answer (OPTIONS, TRACE, 405, 501)
   * whether or not it exists.
   */
  private RoundResult defaultHandler(
      DirConfig cfg,
      DirectoryWalk.Walk walk,
      String base,
      String uri,
      String args,
      boolean subrequest) {
    Site site = state.site;
    String fname = walk.existing();
    // mod_dir's and mod_rewrite's look-ups are GET subrequests (ap_sub_req_lookup_uri)
    String method = subrequest ? "GET" : state.request.method();
    if (HttpMethods.readsFile(method)
        && (!walk.exists()
            || (!walk.pathInfo().isEmpty() && !Boolean.TRUE.equals(cfg.acceptPathInfo())))) {
      return RoundResult.Answered.status(404, uri, args, site.relative(fname));
    }
    return methodAnswer(method, fname, uri, args, contentType(cfg, base));
  }

  /**
   * The default handler's answer for a file it may serve. It serves GET, HEAD and POST; OPTIONS and
   * TRACE are answered by the core; other registered methods are not allowed here; anything else
   * (method names are case-sensitive, so "get" too) is not implemented.
   */
  private RoundResult methodAnswer(
      String method, String fname, String uri, String args, String type) {
    Site site = state.site;
    switch (method) {
      case "GET", "HEAD", "POST", "OPTIONS" -> {
        round.servedPath = fname;
        return RoundResult.Answered.ok(uri, args, site.relative(fname), type);
      }
      case "TRACE" -> {
        return RoundResult.Answered.ok(uri, args, site.relative(fname), MediaTypes.TRACE);
      }
      default -> {
        round.servedPath = null; // (an index or fallback taken over had set it)
        return RoundResult.Answered.status(
            HttpMethods.defaultHandlerStatus(method), uri, args, site.relative(fname));
      }
    }
  }

  /**
   * The type mod_mime gives the file: [T=] of a rule, else ForceType of the directory or of the
   * last matching {@code <Files>} section (None cancels), else by extension; with
   * AddDefaultCharset's charset on text/plain and text/html (unless the type names one).
   */
  private String contentType(DirConfig cfg, String base) {
    String forceTypeInFiles = lastInFilesSections(cfg, base, "forcetype");
    String forceType =
        forceTypeInFiles != null ? DirectiveValues.forceType(forceTypeInFiles) : cfg.forceType();
    String type;
    if (round.forcedType != null) {
      type = round.forcedType;
    } else if (forceType != null) {
      type = forceType;
    } else {
      type = withCharset(MimeTypes.system().typeOf(base, cfg.addTypes()), base, cfg);
    }
    // ap_make_content_type: AddDefaultCharset goes on text/plain* and text/html* types that
    // name no charset.
    if (type != null && cfg.defaultCharset() != null) {
      String lower = type.toLowerCase(Locale.ROOT);
      if (!lower.contains("charset=")
          && (lower.startsWith("text/plain") || lower.startsWith("text/html"))) {
        type = type + "; charset=" + cfg.defaultCharset();
      }
    }
    return type;
  }

  /**
   * mod_mime's AddCharset on the type the extensions gave: it replaces the type's charset
   * parameter, or is appended as one.
   */
  private static final Pattern CHARSET_PARAMETER =
      Pattern.compile(";\\s*charset=[^;]*", Pattern.CASE_INSENSITIVE);

  private static String withCharset(String type, String base, DirConfig cfg) {
    String charset = MimeTypes.charsetOf(base, cfg.addCharsets());
    if (type == null || charset == null) {
      return type;
    }
    Matcher m = CHARSET_PARAMETER.matcher(type);
    return m.find()
        ? type.substring(0, m.start()) + "; charset=" + charset + type.substring(m.end())
        : type + "; charset=" + charset;
  }

  /**
   * The handler that takes a file when it is a script one, else null. Apache's order: mod_mime's
   * AddHandler by extension, the directory's SetHandler, the virtual host's {@code <FilesMatch
   * "\.ph(ar|p|tml)$">} of Debian's php-fpm configuration, the .htaccess {@code <Files>} sections,
   * then a rule's [H=].
   */
  private String scriptHandlerFor(DirConfig cfg, String base) {
    String phpHandler = state.site.phpHandler();
    String h = null;
    Map<String, String> byExtension = cfg.addHandlers();
    int dot = base.indexOf('.');
    while (dot >= 0) {
      int next = base.indexOf('.', dot + 1);
      String ext = RawText.asciiLower(base.substring(dot + 1, next < 0 ? base.length() : next));
      String found = byExtension.get(ext);
      if (found != null) {
        h = found;
      }
      dot = next;
    }
    if (cfg.setHandler() != null) {
      h = cfg.setHandler();
    }
    if (phpHandler != null && Site.DEBIAN_PHP_FILES.matcher(base).find()) {
      h = phpHandler;
    }
    String inFiles = lastInFilesSections(cfg, base, "sethandler");
    if (inFiles != null) {
      h = inFiles;
    }
    if (round.forcedHandler != null) {
      h = round.forcedHandler;
    }
    return h != null
            && (h.equalsIgnoreCase(String.valueOf(phpHandler)) || ScriptCall.isScriptHandler(h))
        ? h
        : null;
  }

  /**
   * The first argument of the last {@code key} directive in the {@code <Files>} sections that match
   * {@code base} (they are merged after the directory's own settings), or null.
   */
  static String lastInFilesSections(DirConfig cfg, String base, String key) {
    String value = null;
    for (FilesSection f : cfg.fileSections()) {
      if (f.matches(base)) {
        for (ConfigNode n : f.section().children()) {
          if (n instanceof GenericDirective g && g.key().equals(key) && !g.arguments().isEmpty()) {
            value = g.arguments().get(0).value();
          }
        }
      }
    }
    return value;
  }
}
