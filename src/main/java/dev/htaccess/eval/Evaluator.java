package dev.htaccess.eval;

import dev.htaccess.model.Argument;
import dev.htaccess.model.CondPattern;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.Section;
import dev.htaccess.model.Template;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Simulates Apache httpd 2.4's handling of a request against a document root: URL decoding,
 * server-context rewriting, Alias and ProxyPass, the directory walk that reads each .htaccess,
 * per-directory rewriting with its internal redirects, mod_dir, the default handler and
 * ErrorDocument. Rules are compiled once per .htaccess version (cached by modification time);
 * per-request state lives in one {@link Exchange}.
 */
public final class Evaluator {

  private final SiteConfig site;
  private final String defaultHost;
  private final Map<Path, CachedFile> htaccessCache = new ConcurrentHashMap<>();
  private Map<String, String> processEnv = Map.of();

  /** Whether script handlers (SetHandler proxy:fcgi://..., PHP) take requests: serve's mode. */
  private boolean scriptsEnabled;

  /** The handler Debian's php-fpm configuration gives .php files, or null without PHP. */
  private String phpHandler;

  /** Debian's php8.x-fpm.conf: {@code <FilesMatch ".+\.ph(?:ar|p|tml)$"> SetHandler ...}. */
  private static final java.util.regex.Pattern DEBIAN_PHP_FILES =
      java.util.regex.Pattern.compile(".+\\.ph(?:ar|p|tml)$");

  /** Debian's php-fpm configuration also denies PHP source files and bare ".php" names. */
  private static final java.util.regex.Pattern DEBIAN_PHP_DENIED =
      java.util.regex.Pattern.compile(".+\\.phps$|^\\.ph(?:ar|p|ps|tml)$");

  private record CachedFile(long modified, long size, ParseResult result) {}

  /** Whether a directory had an .htaccess, and which version, when a config was merged. */
  private record Stamp(String file, boolean exists, long modified, long size) {}

  private record CachedConfig(DirConfig config, List<Stamp> stamps) {}

  /**
   * What the directory walk found for a file name: the directories on the way, the existing (or
   * first missing) part that becomes r->filename, and the rest, PATH_INFO.
   */
  private record Walk(
      List<String> dirs, String existing, String pathInfo, boolean isDir, boolean exists) {}

  private final Map<String, Walk> walkMemo;
  private final Map<RequestSpec, Evaluation> answerMemo;

  /**
   * The server's memo: an answer is reused for the same request while every file it looked at (the
   * .htaccess files, the walk, -f/-d tests) still stats the same, so an edit shows on the next
   * request, yet the rules run only when something changed.
   */
  private final Map<RequestSpec, Validated> validatedMemo = new ConcurrentHashMap<>();

  private record Validated(Evaluation evaluation, Map<String, FileStats.Stat> seen) {
    boolean stillTrue(FileStats stats) {
      for (Map.Entry<String, FileStats.Stat> e : seen.entrySet()) {
        if (!stats.stat(e.getKey()).equals(e.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private Walk walk(String filename, StatLookup stat) {
    if (walkMemo == null) {
      return walkUncached(filename, stat);
    }
    Walk w = walkMemo.get(filename);
    if (w == null) {
      w = walkUncached(filename, stat);
      if (walkMemo.size() < 4_096) {
        walkMemo.put(filename, w);
      }
    }
    return w;
  }

  /** How the evaluation asks about files: through the request's memo (see Exchange#stat). */
  @FunctionalInterface
  private interface StatLookup {
    FileStats.Stat stat(String path);
  }

  private Walk walkUncached(String filename, StatLookup stat) {
    String[] segments = filename.substring(1).split("/", -1);
    List<String> dirs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    boolean isDir = false;
    boolean exists = true;
    String docroot = site.docrootPath();
    for (; i < segments.length; i++) {
      String next = current + "/" + segments[i];
      if (segments[i].isEmpty() && i == segments.length - 1) {
        break; // trailing slash
      }
      // The document root and its parents are directories: no need to look.
      boolean known =
          docroot.startsWith(next)
              && (docroot.length() == next.length() || docroot.charAt(next.length()) == '/');
      FileStats.Stat st = known ? null : stat.stat(next);
      current.setLength(0);
      current.append(next);
      if (st != null && !st.exists()) {
        // Apache keeps the first missing segment in r->filename; the rest is PATH_INFO.
        exists = false;
        isDir = false;
        i++;
        break;
      }
      if (st == null || st.directory()) {
        dirs.add(next);
        isDir = true;
      } else {
        isDir = false;
        i++;
        break;
      }
    }
    String existing = current.length() == 0 ? "/" : current.toString();
    StringBuilder info = new StringBuilder();
    for (int j = i; j < segments.length; j++) {
      info.append('/').append(segments[j]);
    }
    String pathInfo = info.toString();
    if (isDir && pathInfo.equals("/")) {
      existing = existing + "/";
      pathInfo = "";
    }
    if (isDir && !existing.endsWith("/") && pathInfo.isEmpty() && filename.endsWith("/")) {
      existing = existing + "/";
    }
    return new Walk(List.copyOf(dirs), existing, pathInfo, isDir, exists);
  }

  private final Map<String, Map<String, CachedConfig>> configCache = new ConcurrentHashMap<>();
  private final FileStats stats;

  private Evaluator(SiteConfig site, String defaultHost, boolean staticTree) {
    this.site = site;
    this.defaultHost = defaultHost;
    this.stats = new FileStats(staticTree);
    this.walkMemo = staticTree ? new ConcurrentHashMap<>() : null;
    this.answerMemo = staticTree ? new ConcurrentHashMap<>() : null;
  }

  /**
   * The merged configuration for a chain of directories (document root first). Cached by the
   * deepest directory and the method, and revalidated against each .htaccess's modification time,
   * so an edit takes effect on the next request.
   */
  private DirConfig configFor(List<String> dirs, String method, StatLookup stat) {
    // Keyed by method, then by the deepest directory (a string the walk memo reuses, so its
    // hash is computed once).
    Map<String, CachedConfig> byDir =
        configCache.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
    String key = dirs.isEmpty() ? "" : dirs.get(dirs.size() - 1);
    CachedConfig cached = byDir.get(key);
    if (cached != null && (walkMemo != null || current(cached.stamps(), stat))) {
      return cached.config();
    }
    DirConfigBuilder builder = new DirConfigBuilder(site, method);
    List<Stamp> stamps = new ArrayList<>();
    for (String dir : dirs) {
      String dirSlash = dir.endsWith("/") ? dir : dir + "/";
      if (dir.equals(site.docrootPath())) {
        // The virtual host's <Directory DocumentRoot>: Require all granted.
        builder.grantDocumentRoot();
      }
      for (dev.htaccess.model.Section section : site.directorySections(dir)) {
        builder.applyServerSection(section.children(), dirSlash);
      }
      if (!site.overridesAllowed(dir)) {
        continue;
      }
      String file = dir.endsWith("/") ? dir + ".htaccess" : dir + "/.htaccess";
      FileStats.Stat st = stat.stat(file);
      stamps.add(new Stamp(file, st.regular(), st.modified(), st.size()));
      if (st.regular()) {
        ParseResult parsed = parsedHtaccess(file, st);
        if (parsed != null) {
          builder.apply(parsed, dir.endsWith("/") ? dir : dir + "/");
        }
        if (builder.failed()) {
          break;
        }
      }
    }
    DirConfig config = builder.build();
    byDir.put(key, new CachedConfig(config, List.copyOf(stamps)));
    return config;
  }

  private boolean current(List<Stamp> stamps, StatLookup stat) {
    for (Stamp s : stamps) {
      FileStats.Stat st = stat.stat(s.file());
      if (st.regular() != s.exists()
          || (st.regular() && (st.modified() != s.modified() || st.size() != s.size()))) {
        return false;
      }
    }
    return true;
  }

  private ParseResult parsedHtaccess(String file, FileStats.Stat st) {
    Path path = Path.of(RawText.display(file));
    CachedFile cached = htaccessCache.get(path);
    if (cached == null || cached.modified() != st.modified() || cached.size() != st.size()) {
      try {
        cached =
            new CachedFile(st.modified(), st.size(), HtaccessReader.read(SourceFile.read(path)));
      } catch (IOException e) {
        return null;
      }
      htaccessCache.put(path, cached);
    }
    return cached.result();
  }

  /**
   * Creates an evaluator; {@code serverConfig} may be null. Returns the server config's errors
   * through {@link #configErrors()} rather than throwing: Apache would refuse to start.
   */
  public static Evaluator create(Path docroot, Path serverConfig, String defaultHost)
      throws IOException {
    return create(docroot, serverConfig, defaultHost, false);
  }

  /**
   * Creates an evaluator. With {@code staticTree}, file metadata is read once per path, for batch
   * runs over a tree that does not change meanwhile; without it every request looks again.
   */
  public static Evaluator create(
      Path docroot, Path serverConfig, String defaultHost, boolean staticTree) throws IOException {
    ParseResult config = null;
    Path configDir = docroot;
    if (serverConfig != null) {
      config =
          HtaccessReader.read(SourceFile.read(serverConfig), HtaccessReader.Kind.SERVER_CONFIG);
      Path parent = serverConfig.toAbsolutePath().getParent();
      configDir = parent == null ? Path.of(".") : parent;
    }
    return new Evaluator(SiteConfig.load(docroot, config, configDir), defaultHost, staticTree);
  }

  /** Sets the environment Apache was started with, which {@code %{ENV:x}} falls back to. */
  public void setProcessEnvironment(Map<String, String> environment) {
    this.processEnv = Map.copyOf(environment);
  }

  /**
   * Lets script handlers take requests, as {@code serve} does: {@code SetHandler
   * "proxy:fcgi://..."} and the like run scripts; with {@code phpHandler} not null, .php files go
   * to it as with Debian's php-fpm configuration. The dry run (like the oracle's Apache) has no PHP
   * and serves .php files as plain files.
   */
  public void enableScripts(String phpHandler) {
    this.scriptsEnabled = true;
    this.phpHandler = phpHandler;
  }

  /** The forward proxy {@code ProxyRemote *} names, or null. */
  public String proxyRemote() {
    return site.proxyRemote();
  }

  /** The document root, as a path string without trailing slash. */
  public String docrootPath() {
    return site.docrootPath();
  }

  /** Errors in the server configuration; when not empty, Apache would not start. */
  public List<Diagnostic> configErrors() {
    return site.errors();
  }

  /** Simulates one request, with the full trace. */
  public Evaluation evaluate(RequestSpec request) {
    return evaluate(request, true);
  }

  /**
   * Simulates one request. With {@code fullTrace} false the trace keeps only what decided the
   * outcome (rounds, matched rules, substitutions, decisions), which batch runs want.
   */
  public Evaluation evaluate(RequestSpec request, boolean fullTrace) {
    // In a batch over a tree that does not change, the same request always gets the same
    // answer unless the rules read the clock, the client port or a random map: remember it.
    Map<RequestSpec, Evaluation> memo = fullTrace ? null : answerMemo;
    if (memo != null) {
      Evaluation known = memo.get(request);
      if (known != null) {
        return known;
      }
    }
    boolean validate = !fullTrace && answerMemo == null;
    if (validate) {
      Validated known = validatedMemo.get(request);
      if (known != null && known.stillTrue(stats)) {
        return known.evaluation();
      }
    }
    Exchange x = new Exchange(request, fullTrace);
    Outcome outcome = x.responseHeaders(x.run());
    if (x.script != null && outcome.location() == null && outcome.proxy() == null) {
      outcome = outcome.withScript(x.scriptCall());
    }
    Evaluation evaluation = new Evaluation(request, outcome, x.trace, !x.nondeterministic);
    if (memo != null && !x.nondeterministic && memo.size() < 4_096) {
      memo.put(request, evaluation);
    }
    if (validate && !x.nondeterministic && !x.readMap) {
      if (validatedMemo.size() >= 4_096) {
        validatedMemo.clear(); // a crude bound; a server's working set is much smaller
      }
      validatedMemo.put(request, new Validated(evaluation, Map.copyOf(x.seen)));
    }
    return evaluation;
  }

  // ---------------------------------------------------------------- per-request state

  /** The result of one pass through the pipeline. */
  private record Result(
      int status,
      String location,
      String uri,
      String args,
      String proxy,
      String filename,
      String contentType,
      String redirectTo,
      boolean errorPage) {

    static Result internalRedirect(String uri, String args) {
      return new Result(0, null, uri, args, null, null, null, uri, false);
    }
  }

  /** Everything about one request: the client's, and what rounds of processing found. */
  private final class Exchange {
    final RequestSpec request;
    final boolean fullTrace;

    /** Set when the answer depends on more than the request: the clock, a random map... */
    boolean nondeterministic;

    final List<TraceEvent> trace = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> cookies = new ArrayList<>();

    /** Names already set: mod_rewrite sets each cookie name once per request. */
    final Set<String> cookieNames = new java.util.HashSet<>();

    final Set<String> vary = new LinkedHashSet<>();

    /**
     * Every path this request asked about, with the answer: one stat per path per request, and the
     * list the server's answer memo revalidates before reusing an answer.
     */
    final Map<String, FileStats.Stat> seen = new LinkedHashMap<>();

    /** Set when a RewriteMap was read: its file can change without any stat here seeing it. */
    boolean readMap;

    FileStats.Stat stat(String path) {
      FileStats.Stat st = seen.get(path);
      if (st == null) {
        st = stats.stat(path);
        seen.put(path, st);
      }
      return st;
    }

    final String host;
    final int port;
    final boolean https;
    String theRequest;
    boolean endFlag;
    String forcedType;
    String forcedHandler;

    /** The script handler the last round chose for its file, or null (reset per round). */
    ScriptCall script;

    Exchange(RequestSpec request, boolean fullTrace) {
      this.request = request;
      this.fullTrace = fullTrace;
      this.https = request.https();
      String h = request.header("Host");
      if (h == null) {
        h = defaultHost;
      }
      int colon = h.lastIndexOf(':');
      if (colon > 0
          && h.indexOf(']') < colon
          && h.substring(colon + 1).chars().allMatch(Character::isDigit)
          && colon < h.length() - 1) {
        this.host = RewriteMapSource.asciiLower(h.substring(0, colon));
        this.port = Integer.parseInt(h.substring(colon + 1));
      } else {
        this.host = RewriteMapSource.asciiLower(h);
        this.port = https ? 443 : 80;
      }
      this.theRequest = request.method() + " " + request.target() + " HTTP/1.1";
      this.conditions = new SectionConditions(site.modules(), request.upperMethod());
    }

    Outcome run() {
      String target = request.target();
      if (request.upperMethod().equals("OPTIONS") && target.equals("*")) {
        return new Outcome(200, null, "*", null, null, "/*", null, List.of(), null, servedPath);
      }
      if (target.indexOf(' ') >= 0) {
        String uri = target.substring(0, target.indexOf(' '));
        return error(400, uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri, null);
      }
      // A fragment has no place in a request: 400, with r->uri parsed up to the '#'.
      int hash = target.indexOf('#');
      boolean fragment = hash >= 0;
      if (fragment) {
        target = target.substring(0, hash);
      }
      String path = target;
      String lower = target.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        int start = target.indexOf("//") + 2;
        int slash = target.indexOf('/', start);
        path = slash < 0 ? "/" : target.substring(slash);
      }
      String args = null;
      int q = path.indexOf('?');
      if (q >= 0) {
        args = path.substring(q + 1);
        path = path.substring(0, q);
      }
      if (!path.startsWith("/")) {
        return error(400, path, args);
      }
      UrlEscaping.Unescaped decoded = UrlEscaping.unescapePath(path);
      String uri = normalize(decoded.path());
      if (uri == null) {
        return error(400, normalizeLenient(decoded.path()), args);
      }
      if (fragment) {
        return error(400, uri, args);
      }
      if (decoded.errorStatus() != 0) {
        // r->uri is a C string: an escaped NUL ends it.
        int nul = uri.indexOf('\0');
        return error(decoded.errorStatus(), nul >= 0 ? uri.substring(0, nul) : uri, args);
      }
      return redirectLoop(uri, args);
    }

    Outcome error(int status, String uri, String args) {
      return errorOutcome(status, uri, args, null);
    }

    /** An error answered with Apache's own page (and the cookies already set). */
    private Outcome errorOutcome(int status, String uri, String args, String vary) {
      return new Outcome(
          status,
          null,
          uri,
          args,
          null,
          null,
          "text/html; charset=iso-8859-1",
          cookies,
          vary,
          servedPath);
    }

    /** Set once an ErrorDocument took over: the request goes on as a GET without body. */
    boolean errorDocument;

    Outcome redirectLoop(String uri, String args) {
      int redirects = 0;
      String currentUri = uri;
      String currentArgs = args;
      int errorStatus = 0;
      trace.add(new TraceEvent.Round(1, currentUri, currentArgs, "request"));
      while (true) {
        // Notes such as the [T] type belong to one request_rec; an internal redirect loses them.
        forcedType = null;
        forcedHandler = null;
        script = null;
        servedPath = null;
        Result r = process(currentUri, currentArgs, false);
        if (r.redirectTo() == null) {
          int status = errorStatus != 0 && r.status() == 200 ? errorStatus : r.status();
          if (errorStatus == 0 && r.status() >= 400 && !r.errorPage()) {
            String doc = errorDocumentFor(r);
            if (doc != null && doc.startsWith("/")) {
              errorStatus = r.status();
              errorDocument = true;
              // ap_die: the error document is fetched with GET, and the original method is
              // kept in REQUEST_METHOD (so REDIRECT_REQUEST_METHOD after the rename).
              env.put("REQUEST_METHOD", request.method());
              renameEnvForRedirect(r.status(), r.uri(), r.args());
              redirects++;
              if (redirects > site.limitInternalRecursion()) {
                return recursionLimit(r.uri(), r.args());
              }
              int qi = doc.indexOf('?');
              currentUri = qi < 0 ? doc : doc.substring(0, qi);
              currentArgs = qi < 0 ? null : doc.substring(qi + 1);
              trace.add(
                  new TraceEvent.Round(
                      redirects + 1, currentUri, currentArgs, "ErrorDocument " + r.status()));
              continue;
            }
            if (doc != null && doc.contains("://") && !doc.startsWith("\"")) {
              // A full URL: Apache answers with a redirect to it instead of the error.
              trace.add(new TraceEvent.Decision("ErrorDocument " + r.status() + " -> " + doc));
              return new Outcome(
                  302,
                  doc,
                  r.uri(),
                  r.args(),
                  null,
                  r.filename(),
                  "text/html; charset=iso-8859-1",
                  cookies,
                  varyHeader(),
                  servedPath);
            }
          }
          if (errorStatus != 0 && r.status() >= 400) {
            status = errorStatus;
            return new Outcome(
                status,
                r.location(),
                r.uri(),
                r.args(),
                r.proxy(),
                r.filename(),
                "text/html; charset=iso-8859-1",
                cookies,
                varyHeader(),
                servedPath);
          }
          String contentType = r.contentType();
          if (r.status() >= 400
              || (r.status() >= 300 && r.status() < 400 && r.location() != null)) {
            contentType = "text/html; charset=iso-8859-1";
          }
          return new Outcome(
              status,
              r.location(),
              r.uri(),
              r.args(),
              r.proxy(),
              r.filename(),
              contentType,
              cookies,
              varyHeader(),
              servedPath);
        }
        redirects++;
        if (redirects > site.limitInternalRecursion()) {
          trace.add(
              new TraceEvent.Decision(
                  "Request exceeded the limit of "
                      + site.limitInternalRecursion()
                      + " internal redirects"));
          return recursionLimit(currentUri, currentArgs);
        }
        // The old request (r->prev) keeps its r->uri (per-dir rewriting leaves it alone) and its
        // r->args (which the rule may have changed). Within an ErrorDocument's request the status
        // is still the error's.
        renameEnvForRedirect(errorStatus != 0 ? errorStatus : 200, currentUri, r.args());
        // The new URI is parsed like a request's: repeated slashes are merged, and a path that
        // climbs above the root is refused (400), as Apache refuses it.
        if (normalize(r.redirectTo()) == null) {
          trace.add(new TraceEvent.Decision("400: the new URI climbs above the document root"));
          return error(400, normalizeLenient(r.redirectTo()), r.args());
        }
        currentUri = normalizeLenient(r.redirectTo());
        currentArgs = r.args();
        trace.add(
            new TraceEvent.Round(redirects + 1, currentUri, currentArgs, "internal redirect"));
      }
    }

    private String errorDocumentFor(Result r) {
      DirConfig cfg = lastConfig;
      Map<Integer, String> docs = cfg != null ? cfg.errorDocuments() : site.errorDocuments();
      return docs.get(r.status());
    }

    /**
     * Adds what mod_headers and mod_expires do to the response: the Header directives of the last
     * directory walk and of its matching {@code <Files>} sections, with their conditions checked
     * against the final environment, and the expiry for the final content type.
     */
    Outcome responseHeaders(Outcome o) {
      DirConfig cfg = lastConfig;
      if (cfg == null || o.proxy() == null && lastFile == null) {
        return o;
      }
      ResponseSettings settings = cfg.response();
      if (lastBase != null) {
        for (FilesSection f : cfg.fileSections()) {
          if (f.matches(lastBase)) {
            settings = settings == cfg.response() ? settings.copy() : settings;
            applyResponseDirectives(f.section().children(), settings);
          }
        }
      }
      RuleContext vars =
          lastFile != null
              ? lastFile
              : new RuleContext(null, false, o.uri(), o.query(), null, null);
      // <If> sections are merged last, after <Files>, as for access control.
      for (Section s : applicableIfSections(cfg, vars)) {
        settings = settings == cfg.response() ? settings.copy() : settings;
        applyResponseDirectives(s.children(), settings);
      }
      if (settings.headers.isEmpty()
          && settings.requestHeaders.isEmpty()
          && settings.expiresActive == null) {
        return o;
      }
      // %{CONTENT_TYPE} in an expr= is the response's type, which a script or an upstream only
      // decides when it answers: then the condition is checked by the server.
      boolean typeLater = o.proxy() != null || (script != null && o.location() == null);
      List<ResponseHeader> ops = headerOps(settings.headers, vars, o.contentType(), typeLater);
      List<ResponseHeader> requestOps =
          headerOps(settings.requestHeaders, vars, o.contentType(), false);
      Expiry expiry = o.status() < 400 ? settings.expiryFor(o.contentType()) : null;
      return o.withResponseHeaders(ops, expiry, requestOps);
    }

    /**
     * The rules whose condition holds, their values expanded.
     *
     * @param contentType the response's Content-Type as known now, for {@code %{CONTENT_TYPE}}
     * @param typeLater the type is only known when the response comes (script, upstream): a
     *     condition that reads it is returned with the operation, its other variables fixed now
     */
    private List<ResponseHeader> headerOps(
        List<HeaderRule> rules, RuleContext vars, String contentType, boolean typeLater) {
      List<ResponseHeader> ops = new ArrayList<>();
      for (HeaderRule h : rules) {
        if (h.envVar() != null && (env.get(h.envVar()) != null) == h.envNegated()) {
          continue;
        }
        java.util.function.Predicate<String> whenType = null;
        if (h.expr() != null) {
          Map<String, String> seenVars = new java.util.HashMap<>();
          boolean[] readsType = {false};
          java.util.function.Function<String, String> lookup =
              name -> {
                if (RewriteMapSource.asciiUpper(name).equals("CONTENT_TYPE")) {
                  readsType[0] = true;
                  return contentType == null ? "" : contentType;
                }
                return seenVars.computeIfAbsent(name, n -> variable(n, vars, null));
              };
          boolean holds;
          try {
            holds = h.expr().evaluate(lookup::apply);
          } catch (RuntimeException e) {
            holds = false;
          }
          if (typeLater && readsType[0]) {
            ApExpression expr = h.expr();
            Map<String, String> fixed = Map.copyOf(seenVars);
            whenType =
                type -> {
                  try {
                    return expr.evaluate(
                        n ->
                            RewriteMapSource.asciiUpper(n).equals("CONTENT_TYPE")
                                ? type
                                : fixed.getOrDefault(n, ""));
                  } catch (RuntimeException e) {
                    return false;
                  }
                };
          } else if (!holds) {
            continue;
          }
        }
        if (h.action().equals("echo")) {
          // mod_headers' echo: each request header whose name the regex matches is added to
          // the response as it came.
          dev.htaccess.regex.PcrePattern names;
          try {
            names = dev.htaccess.regex.PcrePattern.compile(h.name(), false);
          } catch (dev.htaccess.regex.PcreSyntaxException e) {
            continue;
          }
          for (RequestSpec.Header rh : request.headers()) {
            if (names.matcher(rh.name()).find()) {
              ops.add(new ResponseHeader(h.always(), "add", rh.name(), rh.value(), null, null));
            }
          }
          continue;
        }
        String value =
            h.value() == null || h.action().startsWith("edit")
                ? h.value()
                : expandFormat(h.value());
        ops.add(
            new ResponseHeader(h.always(), h.action(), h.name(), value, h.replacement(), whenType));
      }
      return ops;
    }

    private void applyResponseDirectives(
        List<dev.htaccess.model.ConfigNode> nodes, ResponseSettings settings) {
      for (dev.htaccess.model.ConfigNode n : nodes) {
        if (n instanceof dev.htaccess.model.GenericDirective g) {
          String key = g.name().toLowerCase(Locale.ROOT);
          if (ResponseSettings.handles(key)) {
            try {
              settings.apply(key, g.arguments());
            } catch (IllegalArgumentException e) {
              // Reported when the file was read; a broken directive changes nothing here.
            }
          }
        } else if (n instanceof dev.htaccess.model.Section s && conditions.includes(s)) {
          applyResponseDirectives(s.children(), settings);
        }
      }
    }

    /** mod_headers' format specifiers: %{VAR}e, %t, %D and %%. */
    private String expandFormat(String value) {
      if (value.indexOf('%') < 0) {
        return value;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '%' || i + 1 >= value.length()) {
          out.append(c);
          continue;
        }
        char next = value.charAt(i + 1);
        if (next == '%') {
          out.append('%');
          i++;
        } else if (next == 't') {
          nondeterministic = true;
          out.append("t=").append(System.currentTimeMillis() * 1000);
          i++;
        } else if (next == 'D') {
          out.append("D=0");
          i++;
        } else if (next == '{') {
          int close = value.indexOf('}', i);
          if (close > 0 && close + 1 < value.length() && value.charAt(close + 1) == 'e') {
            String v = env.get(value.substring(i + 2, close));
            out.append(v == null ? "(null)" : v);
            i = close + 1;
          } else {
            out.append(c);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    Outcome recursionLimit(String uri, String args) {
      return errorOutcome(500, uri, args, varyHeader());
    }

    /**
     * An internal redirect starts a new request whose environment is the old one with every name
     * prefixed by {@code REDIRECT_}, plus REDIRECT_STATUS (http_request.c,
     * internal_internal_redirect). REDIRECT_URL and REDIRECT_QUERY_STRING are not variables of the
     * request (a RewriteCond reading them finds nothing, measured): a script gets them from the
     * previous request, which is kept here.
     */
    void renameEnvForRedirect(int status, String oldUri, String oldArgs) {
      Map<String, String> renamed = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : env.entrySet()) {
        renamed.put("REDIRECT_" + e.getKey(), e.getValue());
      }
      renamed.put("REDIRECT_STATUS", Integer.toString(status));
      env.clear();
      env.putAll(renamed);
      previousUri = oldUri;
      previousArgs = oldArgs;
    }

    /** The previous request's r->uri and r->args after an internal redirect, else null. */
    String previousUri;

    String previousArgs;

    /**
     * The script call with what is known only at the end: the final environment, and
     * PATH_TRANSLATED, which Apache finds by a subrequest for the (escaped) PATH_INFO.
     */
    ScriptCall scriptCall() {
      ScriptCall call = script;
      Map<String, String> finalEnv = new LinkedHashMap<>(env);
      String translated = null;
      if (!call.pathInfo().isEmpty()) {
        Map<String, String> saved = new LinkedHashMap<>(env);
        RuleContext savedFile = lastFile;
        DirConfig savedConfig = lastConfig;
        String savedBase = lastBase;
        ScriptCall savedScript = script;
        // ap_sub_req_lookup_uri gets the escaped PATH_INFO and unescapes it again.
        Result sub = process(call.pathInfo(), null, true);
        if (sub.redirectTo() != null) {
          translated = "redirect:" + sub.redirectTo() + (lastFile == null ? "" : lastFile.pathInfo);
        } else if (lastFile != null) {
          translated = lastFile.filename + lastFile.pathInfo;
        }
        env.clear();
        env.putAll(saved);
        lastFile = savedFile;
        lastConfig = savedConfig;
        lastBase = savedBase;
        script = savedScript;
      }
      return call.completed(
          translated,
          finalEnv,
          errorDocument ? "GET" : null,
          previousUri,
          previousArgs,
          host,
          port);
    }

    /**
     * The first argument of the last {@code key} directive in the {@code <Files>} sections that
     * match {@code base} (they are merged after the directory's own settings), or null.
     */
    String lastInFilesSections(DirConfig cfg, String base, String key) {
      String value = null;
      for (FilesSection f : cfg.fileSections()) {
        if (f.matches(base)) {
          for (ConfigNode n : f.section().children()) {
            if (n instanceof GenericDirective g
                && g.key().equals(key)
                && !g.arguments().isEmpty()) {
              value = g.arguments().get(0).value();
            }
          }
        }
      }
      return value;
    }

    /** mod_env's fixup: SetEnv and UnsetEnv of the directory, in order. */
    void applySetEnv(DirConfig cfg) {
      for (EnvSetting e : cfg.setEnv()) {
        if (e.value() == null) {
          env.remove(e.name());
        } else {
          env.put(e.name(), e.value());
        }
      }
    }

    /**
     * The handler that takes a file when it is a script one, else null. Apache's order: mod_mime's
     * AddHandler by extension, the directory's SetHandler, the virtual host's {@code <FilesMatch
     * "\.ph(ar|p|tml)$">} of Debian's php-fpm configuration, the .htaccess {@code <Files>}
     * sections, then a rule's [H=].
     */
    String scriptHandlerFor(DirConfig cfg, String base) {
      String h = null;
      int dot = base.indexOf('.');
      while (dot >= 0) {
        int next = base.indexOf('.', dot + 1);
        String ext =
            RewriteMapSource.asciiLower(base.substring(dot + 1, next < 0 ? base.length() : next));
        String byExt = cfg.addHandlers().get(ext);
        if (byExt != null) {
          h = byExt;
        }
        dot = next;
      }
      if (cfg.setHandler() != null) {
        h = cfg.setHandler();
      }
      if (phpHandler != null && DEBIAN_PHP_FILES.matcher(base).find()) {
        h = phpHandler;
      }
      String inFiles = lastInFilesSections(cfg, base, "sethandler");
      if (inFiles != null) {
        h = inFiles;
      }
      if (forcedHandler != null) {
        h = forcedHandler;
      }
      return h != null
              && (h.equalsIgnoreCase(String.valueOf(phpHandler)) || ScriptCall.isScriptHandler(h))
          ? h
          : null;
    }

    String varyHeader() {
      return vary.isEmpty() ? null : String.join(",", vary);
    }

    DirConfig lastConfig;
    RuleContext lastFile;
    String lastBase;

    /** The file (or listed directory) the last round would send, for the server. */
    String servedPath;

    /** Conditional sections for this request's method. */
    final SectionConditions conditions;

    /** The Alias prefix and target of this round, when an Alias mapped the request. */
    String contextPrefix;

    String contextDocRoot;

    // ------------------------------------------------------------ one pass

    Result process(String uri, String args, boolean subrequest) {
      contextPrefix = null;
      contextDocRoot = null;
      String filename = null;
      String effectiveUri = uri;
      String currentArgs = args;
      // 1. Server-context rewriting (translate_name).
      if (site.serverEngine() && !site.serverRules().isEmpty()) {
        RuleContext ctx = new RuleContext(null, subrequest, uri, currentArgs, null, null);
        if (fullTrace) {
          trace.add(new TraceEvent.RuleSetStart("server", null));
        }
        int action = applyRules(site.serverRules(), ctx);
        if (action != 0) {
          currentArgs = ctx.args;
          String f = ctx.filename;
          boolean willEscape = isAbsoluteUri(f) > 0 && action != 2;
          if (currentArgs != null && !willEscape && hasCtlOrSpace(currentArgs)) {
            trace.add(
                new TraceEvent.Decision(
                    "AH10410: Rewritten query string contains control characters or spaces"));
            return new Result(403, null, uri, currentArgs, null, null, null, null, false);
          }
          if (ctx.status != 0) {
            return new Result(ctx.status, null, uri, currentArgs, null, null, null, null, false);
          }
          if (f.startsWith("proxy:")) {
            return new Result(
                200,
                null,
                uri,
                currentArgs,
                proxyUrl(f.substring(6), currentArgs, action == 2),
                null,
                null,
                null,
                false);
          }
          if (isAbsoluteUri(f) > 0) {
            return redirect(ctx, f, action, uri, args);
          }
          if (f.startsWith("passthrough:")) {
            effectiveUri = f.substring("passthrough:".length());
          } else {
            filename = serverPathToFilename(f);
          }
        }
      }
      // 2. ProxyPass, Alias, then the document root.
      if (filename == null) {
        for (SiteConfig.Mapping m : site.proxyPasses()) {
          String rest = null;
          String target = m.target();
          if (m.regex() != null) {
            Matcher pm = m.regex().matcher(effectiveUri);
            if (pm.find()) {
              target = AliasRedirect.pregsub(m.target(), pm);
              rest = "";
            }
          } else if (aliasMatches(effectiveUri, m.prefix())) {
            rest = effectiveUri.substring(m.prefix().length());
          }
          if (rest == null) {
            continue;
          }
          if (target.equals("!")) {
            break; // an exclusion: not proxied
          }
          String url =
              target
                  + UrlEscaping.escapePath(rest)
                  + (currentArgs != null ? "?" + currentArgs : "");
          trace.add(new TraceEvent.Decision("ProxyPass " + m.prefix() + " -> " + url));
          return new Result(200, null, uri, currentArgs, url, null, null, null, false);
        }
        for (AliasRedirect redirect : site.redirects()) {
          String location = redirect.apply(effectiveUri, currentArgs, selfUrl());
          if (location != null) {
            trace.add(new TraceEvent.Decision("Redirect " + redirect.status() + " " + location));
            return new Result(
                redirect.status(),
                location.isEmpty() ? null : location,
                uri,
                currentArgs,
                null,
                null,
                null,
                null,
                false);
          }
        }
        for (SiteConfig.Mapping m : site.aliases()) {
          if (m.regex() != null) {
            Matcher am = m.regex().matcher(effectiveUri);
            if (am.find()) {
              filename = AliasRedirect.pregsub(m.target(), am);
              break;
            }
          } else if (aliasMatches(effectiveUri, m.prefix())) {
            filename = m.target() + effectiveUri.substring(m.prefix().length());
            contextPrefix = m.prefix();
            contextDocRoot = m.target();
            break;
          }
        }
      }
      if (filename == null) {
        filename = site.docrootPath() + effectiveUri;
      }
      return afterTranslate(effectiveUri, currentArgs, filename, subrequest);
    }

    private String serverPathToFilename(String f) {
      // mod_rewrite in server context: a path whose first segment exists on disk is a file
      // path; otherwise the document root is prepended.
      int second = f.indexOf('/', 1);
      String first = second < 0 ? f : f.substring(0, second);
      if (first.length() > 1 && stat(first).exists()) {
        return f;
      }
      return site.docrootPath() + f;
    }

    private boolean aliasMatches(String uri, String prefix) {
      if (!uri.startsWith(prefix)) {
        return false;
      }
      return prefix.endsWith("/")
          || uri.length() == prefix.length()
          || uri.charAt(prefix.length()) == '/';
    }

    Result afterTranslate(String uri, String args, String filename, boolean subrequest) {
      if (!subrequest && request.method().equals("TRACE")) {
        // Core answers TRACE in map_to_storage, before the directory walk, access control and
        // .htaccess: r->filename is the translated path whole (measured: TRACE /.htaccess is 200).
        return new Result(
            200, null, uri, args, null, relative(filename), "message/http", null, false);
      }
      // 3. Directory walk: find the existing part of the path; the rest is PATH_INFO.
      Walk walk = walk(filename, this::stat);
      String existing = walk.existing();
      String pathInfo = walk.pathInfo();
      boolean isDir = walk.isDir();
      boolean exists = walk.exists();
      List<String> dirs = walk.dirs();
      // The configuration of every directory on the way, merged (cached per directory).
      DirConfig cfg = configFor(dirs, request.upperMethod(), this::stat);
      lastConfig = cfg;
      lastFile = null;
      if (cfg.error() != null) {
        trace.add(new TraceEvent.Note("500: " + cfg.error().message(), cfg.error().span()));
        return new Result(
            500, null, uri, args, null, relative(cfg.errorDirectory()), null, null, false);
      }
      String fname = existing;
      // 4. Access control: <Files ".ht*"> is denied in the main server; Require all denied.
      String base = fname.substring(fname.lastIndexOf('/') + 1);
      lastFile = new RuleContext(null, false, uri, args, fname, pathInfo);
      lastBase = base;
      // mod_setenvif's header-parser phase: before access control and per-dir rewriting.
      for (SetEnvIfRule rule : cfg.setEnvIf()) {
        final String currentUri = uri;
        rule.apply(
            special ->
                switch (special) {
                  case "remote_addr", "remote_host" -> request.remoteAddr();
                  case "server_addr" -> "127.0.0.1";
                  case "request_method" -> request.method();
                  case "request_protocol" -> "HTTP/1.1";
                  default -> currentUri;
                },
            request::header,
            env);
      }
      int accessStatus = accessStatus(cfg, base, uri, args, fname, pathInfo);
      if (accessStatus != 0) {
        return new Result(accessStatus, null, uri, args, null, relative(fname), null, null, false);
      }
      // 5. Per-directory rewriting (fixup).
      RewriteScope scope = cfg.rewrite();
      if (scope != null && scope.engineOn() && !scope.rules().isEmpty() && !endFlag) {
        boolean enteringDir =
            !scope.has(RewriteOption.ALLOW_NO_SLASH)
                && fname.length() == scope.directory().length() - 1
                && scope.directory().startsWith(fname);
        if (!enteringDir) {
          if (!cfg.followSymLinks()) {
            return new Result(403, null, uri, args, null, relative(fname), null, null, false);
          }
          if (fullTrace) {
            trace.add(new TraceEvent.RuleSetStart("per-dir", scope.directory()));
          }
          RuleContext ctx = new RuleContext(scope, subrequest, uri, args, fname, pathInfo);
          int action = applyRules(scope.rules(), ctx);
          if (action != 0) {
            Result r = perDirResult(ctx, action, scope, uri, args, fname);
            if (r != null) {
              if (r.redirectTo() != null) {
                applySetEnv(cfg);
              }
              return r;
            }
            // "initial URL equal rewritten URL": the rewrite is ignored, but a changed query
            // string stays (Apache has already set r->args).
            args = ctx.args;
          }
        }
      }
      applySetEnv(cfg);
      // 5b. mod_alias redirects in the directory's configuration (fixup, after mod_rewrite).
      for (AliasRedirect redirect : cfg.redirects()) {
        String location = redirect.apply(uri, args, selfUrl());
        if (location == null) {
          continue;
        }
        trace.add(
            new TraceEvent.Decision("mod_alias redirect " + redirect.status() + " " + location));
        return new Result(
            redirect.status(),
            location.isEmpty() ? null : location,
            uri,
            args,
            null,
            relative(fname),
            null,
            null,
            false);
      }
      // 6. mod_dir.
      if (isDir && pathInfo.isEmpty()) {
        if (!uri.endsWith("/")) {
          if (!cfg.directorySlash() && !subrequest) {
            return new Result(403, null, uri, args, null, relative(fname), null, null, false);
          }
          if (cfg.directorySlash() && !subrequest) {
            String loc =
                selfUrl() + UrlEscaping.escapePath(uri) + "/" + (args != null ? "?" + args : "");
            return new Result(301, loc, uri, args, null, relative(fname), null, null, false);
          }
        } else if (!subrequest) {
          for (String index : cfg.directoryIndex()) {
            String subUri = index.startsWith("/") ? index : uri + index;
            if (fullTrace) {
              trace.add(new TraceEvent.Note("DirectoryIndex: subrequest for " + subUri, null));
            }
            Result sub = process(subUri, args, true);
            // mod_dir takes the index when the subrequest will be proxied, or when the index
            // file exists (its directory walk found a regular file) and nothing refused it;
            // a rewrite of an existing index is then followed, a rewrite of a missing one is not.
            boolean indexFileExists = stat(site.docrootPath() + subUri).regular();
            if (sub.proxy() != null
                || (indexFileExists && (sub.status() == 200 || sub.redirectTo() != null))) {
              trace.add(new TraceEvent.Note("DirectoryIndex: using " + subUri, null));
              return sub;
            }
            script = null;
          }
          if (!cfg.indexes()) {
            return new Result(403, null, uri, args, null, relative(fname), null, null, false);
          }
          servedPath = fname;
          return new Result(
              200,
              null,
              uri,
              args,
              null,
              relative(fname),
              "text/html;charset=ISO-8859-1",
              null,
              false);
        }
      }
      // mod_dir's FallbackResource: a missing file becomes the fallback URL.
      if (!exists && !subrequest && cfg.fallbackResource() != null) {
        trace.add(new TraceEvent.Decision("FallbackResource " + cfg.fallbackResource()));
        return Result.internalRedirect(cfg.fallbackResource(), args);
      }
      // 7a. A script handler (php-fpm through mod_proxy_fcgi) takes the request whether or not
      // the file exists (php-fpm answers "File not found." itself), and accepts PATH_INFO
      // unless AcceptPathInfo Off.
      String handler = scriptsEnabled ? scriptHandlerFor(cfg, base) : null;
      if (handler != null && !(isDir && pathInfo.isEmpty())) {
        if (!pathInfo.isEmpty() && Boolean.FALSE.equals(cfg.acceptPathInfo())) {
          return new Result(404, null, uri, args, null, relative(fname), null, null, false);
        }
        // Set in a DirectoryIndex subrequest too: mod_dir may make it the request.
        script =
            new ScriptCall(
                handler,
                fname,
                pathInfo,
                null,
                Map.of(),
                cfg.cgiPassAuth(),
                null,
                null,
                null,
                null,
                0);
        return new Result(200, null, uri, args, null, relative(fname), null, null, false);
      }
      // 7. The default handler. PATH_INFO after a static file is refused unless AcceptPathInfo On.
      // Only GET, HEAD and POST look for the file: other methods get their answer (OPTIONS,
      // TRACE, 405, 501) whether or not it exists.
      String method = request.method();
      boolean readsFile = method.equals("GET") || method.equals("HEAD") || method.equals("POST");
      if (readsFile
          && (!exists || (!pathInfo.isEmpty() && !Boolean.TRUE.equals(cfg.acceptPathInfo())))) {
        return new Result(404, null, uri, args, null, relative(fname), null, null, false);
      }
      // ForceType of the directory, then of each matching <Files> section (None cancels).
      String forceTypeInFiles = lastInFilesSections(cfg, base, "forcetype");
      String forceType =
          forceTypeInFiles != null ? DirConfigBuilder.forceType(forceTypeInFiles) : cfg.forceType();
      String type =
          forcedType != null
              ? forcedType
              : forceType != null ? forceType : MimeTypes.system().typeOf(base, cfg.addTypes());
      // AddDefaultCharset adds a charset to text/plain and text/html (core's content-type
      // filter), unless the type names one already.
      if (type != null
          && cfg.defaultCharset() != null
          && (type.equalsIgnoreCase("text/plain") || type.equalsIgnoreCase("text/html"))) {
        type = type + "; charset=" + cfg.defaultCharset();
      }
      // The default handler serves GET, HEAD and POST; OPTIONS and TRACE are answered by the
      // core; other registered methods are not allowed here; anything else (method names are
      // case-sensitive, so "get" too) is not implemented.
      String m = request.method();
      switch (m) {
        case "GET", "HEAD", "POST", "OPTIONS" -> {
          servedPath = fname;
          return new Result(200, null, uri, args, null, relative(fname), type, null, false);
        }
        case "TRACE" -> {
          return new Result(
              200, null, uri, args, null, relative(fname), "message/http", null, false);
        }
        default -> {
          int status = REGISTERED_METHODS.contains(m) ? 405 : 501;
          return new Result(status, null, uri, args, null, relative(fname), null, null, false);
        }
      }
    }

    /**
     * The status access control gives the final file: the directory's policy, then the main
     * server's {@code <Files ".ht*"> Require all denied}, then each matching {@code <Files>}
     * section of the .htaccess files, in order.
     */
    private int accessStatus(
        DirConfig cfg, String base, String uri, String args, String fname, String pathInfo) {
      AccessPolicy policy = cfg.access().copy();
      if (base.startsWith(".ht") || phpHandler != null && DEBIAN_PHP_DENIED.matcher(base).find()) {
        policy.applyLevel(
            List.of(
                new dev.htaccess.model.GenericDirective(
                    "Require",
                    List.of(
                        new Argument("all", "all", null), new Argument("denied", "denied", null)),
                    "all denied",
                    null)),
            s -> false);
      }
      for (FilesSection f : cfg.fileSections()) {
        if (f.matches(base)) {
          policy.applyLevel(f.section().children(), conditions::includes);
        }
      }
      // <Location> sections of the server are merged after the directory and file walks.
      for (SiteConfig.LocationSection location : site.locations()) {
        if (location.matches(uri)) {
          policy.applyLevel(location.section().children(), conditions::includes);
        }
      }
      // <If>/<ElseIf>/<Else> are merged last; an ElseIf or Else applies only when the
      // sections before it in the same chain did not.
      RuleContext vars = new RuleContext(null, false, uri, args, fname, pathInfo);
      for (Section s : applicableIfSections(cfg, vars)) {
        trace.add(new TraceEvent.Note("<" + s.name() + "> applies", s.span()));
        policy.applyLevel(s.children(), conditions::includes);
      }
      return policy.status(request.remoteAddr(), request.upperMethod(), env::get);
    }

    /**
     * The {@code <If>}/{@code <ElseIf>}/{@code <Else>} sections that apply, in order: an ElseIf or
     * Else applies only when the sections before it in the same chain did not.
     */
    private List<Section> applicableIfSections(DirConfig cfg, RuleContext vars) {
      List<Section> out = new ArrayList<>();
      boolean chainMatched = false;
      for (Section s : cfg.ifSections()) {
        String kind = s.key();
        boolean applies;
        if (kind.equals("if")) {
          applies = ifHolds(s, vars);
          chainMatched = applies;
        } else if (chainMatched) {
          applies = false;
        } else {
          applies = kind.equals("else") || ifHolds(s, vars);
          chainMatched = applies;
        }
        if (applies) {
          out.add(s);
        }
      }
      return out;
    }

    private boolean ifHolds(Section s, RuleContext vars) {
      String expr = s.rawArguments().strip();
      if (expr.length() >= 2 && expr.startsWith("\"") && expr.endsWith("\"")) {
        expr = expr.substring(1, expr.length() - 1);
      }
      try {
        return ApExpression.parse(expr).evaluate(name -> variable(name, vars, null));
      } catch (RuntimeException e) {
        return false;
      }
    }

    private Result perDirResult(
        RuleContext ctx,
        int action,
        RewriteScope scope,
        String uri,
        String oargs,
        String ofilename) {
      String f = ctx.filename;
      int skip = isAbsoluteUri(f);
      boolean willEscape = skip > 0 && action != 2;
      if (ctx.args != null && !willEscape && hasCtlOrSpace(ctx.args)) {
        trace.add(
            new TraceEvent.Decision(
                "AH10411: Rewritten query string contains control characters or spaces"));
        return new Result(403, null, uri, ctx.args, null, relative(f), null, null, false);
      }
      if (ctx.status != 0) {
        return new Result(
            ctx.status, null, uri, ctx.args, null, relative(ctx.filename), null, null, false);
      }
      if (f.startsWith("proxy:")) {
        return new Result(
            200,
            null,
            uri,
            ctx.args,
            proxyUrl(f.substring(6), ctx.args, action == 2),
            null,
            null,
            null,
            false);
      }
      if (skip > 0) {
        if (scope.baseUrl() != null) {
          int hostEnd = f.indexOf('/', skip);
          if (hostEnd >= 0 && hostEnd + 1 < f.length()) {
            String after = f.substring(hostEnd + 1);
            String dir =
                scope.directory().startsWith("/")
                    ? scope.directory().substring(1)
                    : scope.directory();
            if (after.startsWith(dir)) {
              String base = scope.baseUrl().substring(1);
              f =
                  f.substring(0, hostEnd + 1)
                      + base
                      + (base.endsWith("/") || after.length() == dir.length() ? "" : "")
                      + after.substring(dir.length());
            }
          }
        }
        return redirect(ctx, f, action, uri, oargs);
      }
      if (f.startsWith("passthrough:")) {
        f = f.substring("passthrough:".length());
      }
      if (!f.startsWith("/")) {
        return new Result(400, null, uri, ctx.args, null, null, null, null, false);
      }
      if (f.equals(ofilename)) {
        trace.add(
            new TraceEvent.Decision(
                "initial URL equal rewritten URL: " + f + " [IGNORING REWRITE]"));
        return null;
      }
      String tmp = f;
      if (scope.baseUrl() != null) {
        f = substPrefix(f, scope.directory(), scope.baseUrl());
      } else {
        String root = site.docrootPath();
        if (f.startsWith(root + "/")) {
          f = f.substring(root.length());
        }
      }
      if (tmp.equals(f) && contextPrefix != null) {
        // Not under the RewriteBase or the document root: a path found through Alias gets its
        // context prefix back (ap_context_document_root / ap_context_prefix).
        f = substPrefix(f, contextDocRoot, contextPrefix);
      }
      trace.add(new TraceEvent.Decision("internal redirect with " + f + " [INTERNAL REDIRECT]"));
      if (ctx.handler != null) {
        // The forced handler replaces mod_rewrite's redirect handler, so the internal redirect
        // never happens and the handler finds no file ("redirect:..." is not a path).
        trace.add(
            new TraceEvent.Decision("[H=" + ctx.handler + "] overrides the internal redirect"));
        // The default handler answers: 404 for the methods that read a file (there is none),
        // its usual answer for the others (PUT on such a request is 405, measured).
        String m = request.method();
        int status =
            m.equals("GET") || m.equals("HEAD") || m.equals("POST")
                ? 404
                : m.equals("OPTIONS") || m.equals("TRACE")
                    ? 200
                    : REGISTERED_METHODS.contains(m) ? 405 : 501;
        return new Result(status, null, uri, ctx.args, null, null, null, null, false);
      }
      return Result.internalRedirect(f, ctx.args);
    }

    private String substPrefix(String input, String match, String subst) {
      int len = match.length();
      if (len > 0 && match.charAt(len - 1) == '/') {
        len--;
      }
      if (input.startsWith(match.substring(0, len))
          && (input.length() == len || input.charAt(len) == '/')) {
        int slen = subst.length();
        if (slen > 0 && subst.charAt(slen - 1) == '/') {
          slen--;
        }
        return subst.substring(0, slen) + input.substring(len);
      }
      return input;
    }

    private boolean hasCtlOrSpace(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (!UrlEscaping.isVcharOrObsText(s.charAt(i))) {
          return true;
        }
      }
      return false;
    }

    private Result redirect(RuleContext ctx, String f, int action, String uri, String oargs) {
      int skip = isAbsoluteUri(f);
      String loc = f;
      if (action != 2) {
        loc = escapeAbsoluteUri(f, skip);
      }
      if (ctx.args != null) {
        boolean noescape = action == 2 || (oargs != null && ctx.args.equals(oargs));
        loc = loc + "?" + (noescape ? ctx.args : UrlEscaping.escapePath(ctx.args));
      }
      int status = ctx.redirectStatus >= 300 && ctx.redirectStatus < 400 ? ctx.redirectStatus : 302;
      trace.add(new TraceEvent.Decision("redirect to " + loc + " [REDIRECT/" + status + "]"));
      return new Result(status, loc, uri, ctx.args, null, null, null, null, false);
    }

    private String escapeAbsoluteUri(String uri, int scheme) {
      int cp = scheme;
      if (uri.charAt(cp - 1) == '/') {
        while (cp < uri.length() && uri.charAt(cp) != '/') {
          cp++;
        }
        if (cp >= uri.length() || cp + 1 >= uri.length()) {
          return uri;
        }
        cp++;
      }
      return uri.substring(0, cp) + UrlEscaping.escapePath(uri.substring(cp));
    }

    private String proxyUrl(String url, String args, boolean noEscape) {
      // mod_proxy canonicalises the path (escaping it) and appends the query string.
      int skip = isAbsoluteUri(url);
      String out = url;
      if (skip > 0 && !noEscape) {
        int slash = url.indexOf('/', skip);
        if (slash >= 0) {
          String path = url.substring(slash);
          int q = path.indexOf('?');
          String query = null;
          if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
          }
          out = url.substring(0, slash) + canonPath(path) + (query != null ? "?" + query : "");
        }
      }
      if (args != null && !noEscape && out.indexOf('?') < 0) {
        out = out + "?" + args;
      }
      return out;
    }

    private String canonPath(String path) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c == '%'
            && i + 2 < path.length()
            && UrlEscaping.isHex(path.charAt(i + 1))
            && UrlEscaping.isHex(path.charAt(i + 2))) {
          out.append(path, i, i + 3);
          i += 2;
        } else if (UrlEscaping.isAlnum(c) || "$-_.+!*'(),;:@&=/~".indexOf(c) >= 0) {
          out.append(c);
        } else {
          out.append(String.format("%%%02X", (int) c));
        }
      }
      return out.toString();
    }

    String selfUrl() {
      String scheme = https ? "https" : "http";
      boolean defaultPort = (https && port == 443) || (!https && port == 80);
      return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    String relative(String fname) {
      if (fname == null) {
        return null;
      }
      String root = site.docrootPath();
      if (fname.equals(root) || fname.equals(root + "/")) {
        return "/";
      }
      if (fname.startsWith(root + "/")) {
        return fname.substring(root.length());
      }
      return null;
    }

    // ------------------------------------------------------------ the rewrite engine

    /** State of one rule list run: mod_rewrite's rewrite_ctx plus the request fields it edits. */
    private final class RuleContext {
      final RewriteScope scope;
      final String perdir;
      final boolean subrequest;
      final String uri;
      String args;
      String filename;
      String pathInfo;
      int status;
      int redirectStatus;
      String matchInput;
      Matcher ruleMatch;
      String ruleSource;
      Matcher condMatch;

      /** The [H] handler a matched rule forced, or null. */
      String handler;

      RuleContext(
          RewriteScope scope,
          boolean subrequest,
          String uri,
          String args,
          String filename,
          String pathInfo) {
        this.scope = scope;
        this.perdir = scope == null ? null : scope.directory();
        this.subrequest = subrequest;
        this.uri = uri;
        this.args = args;
        this.filename = filename == null ? uri : filename;
        this.pathInfo = pathInfo == null ? "" : pathInfo;
      }
    }

    /** Returns 0 when nothing changed, 1 for a normal change, 2 for a NE change. */
    int applyRules(List<CompiledRule> rules, RuleContext ctx) {
      int changed = 0;
      int round = 1;
      loop:
      while (true) {
        for (int i = 0; i < rules.size(); i++) {
          CompiledRule p = rules.get(i);
          if (ctx.subrequest && (p.noSubrequests || p.redirect)) {
            continue;
          }
          int rc = applyRule(p, ctx);
          if (rc != NOMATCH) {
            // Catch looping rules whose path grows without bound (twice LimitRequestLine).
            if (ctx.filename.length() > 2 * 8190) {
              trace.add(new TraceEvent.Decision("RewriteRule exceeded maximum length (16380)"));
              ctx.status = 500;
              return 1;
            }
            if (rc == STATUS_SET) {
              return 1;
            }
            if (p.statusOnly) {
              ctx.status = p.status;
              return 1;
            }
            if (rc != NOSUB) {
              changed = p.noEscape ? 2 : 1;
            }
            if (p.passThrough) {
              flag(p, "PT", "pass the new URL on to the next handlers (Alias...)");
              ctx.filename = "passthrough:" + ctx.filename;
              return 1;
            }
            if (p.end) {
              flag(p, "END", "stop: no more rewriting for this request, in any round");
              endFlag = true;
              break loop;
            }
            if (p.proxy || p.last) {
              flag(p, p.proxy ? "P" : "L", "stop this round");
              break loop;
            }
            if (p.next) {
              if (++round >= p.maxRounds) {
                ctx.status = 500;
                return 1;
              }
              flag(p, "N", "start the rule set again (round " + round + ")");
              continue loop;
            }
            if (p.skip > 0) {
              flag(p, "S=" + p.skip, "skip the next " + p.skip + " rules");
              i = Math.min(rules.size(), i + p.skip);
            }
          } else {
            if (p.chain) {
              flag(p, "C", "not matched: skip the rules chained to it");
            }
            while (i < rules.size() && rules.get(i).chain) {
              i++;
            }
          }
        }
        break;
      }
      return changed;
    }

    private void flag(CompiledRule p, String flag, String effect) {
      if (fullTrace) {
        trace.add(new TraceEvent.FlagApplied(p.source.span(), flag, effect));
      }
    }

    static final int NOMATCH = 0;
    static final int MATCH = 1;
    static final int NOSUB = 2;
    static final int STATUS_SET = 3;

    int applyRule(CompiledRule p, RuleContext ctx) {
      String input = ctx.filename;
      if (ctx.perdir != null) {
        if (!ctx.pathInfo.isEmpty()) {
          input = input + ctx.pathInfo;
        }
        if (input.startsWith(ctx.perdir)) {
          input = input.substring(ctx.perdir.length());
        }
      }
      Matcher m = p.pattern.matcher(input);
      boolean found = m.find();
      boolean matched = found != p.source.negated();
      if (fullTrace || matched) {
        trace.add(
            new TraceEvent.RuleTried(
                p.source.span(),
                p.source.pattern(),
                p.source.negated(),
                input,
                matched,
                found && fullTrace ? groups(m) : List.of()));
      }
      if (!matched) {
        return NOMATCH;
      }
      ctx.matchInput = input;
      ctx.ruleMatch = p.source.negated() ? null : m;
      ctx.ruleSource = input;
      ctx.condMatch = null;
      List<String> varyThis = new ArrayList<>();
      for (int i = 0; i < p.conds.size(); i++) {
        CompiledRule.Cond c = p.conds.get(i);
        boolean rc = applyCond(c, ctx, varyThis);
        if (c.noVary()) {
          varyThis.clear();
        }
        if (c.orNext()) {
          if (!rc) {
            varyThis.clear();
            continue;
          }
          while (i < p.conds.size() && p.conds.get(i).orNext()) {
            i++;
          }
        } else if (!rc) {
          return NOMATCH;
        }
        vary.addAll(varyThis);
        varyThis.clear();
      }
      String newUri = null;
      if (!p.noSub) {
        Expansion e = expand(p.outputTemplate, ctx, p, !p.unsafeAllow3F);
        newUri = e.text;
        trace.add(new TraceEvent.Substituted(p.source.span(), input, newUri));
        if (e.unsafeQuestionMark) {
          trace.add(
              new TraceEvent.Decision(
                  "AH10508: Unsafe URL with %3f URL rewritten without UnsafeAllow3F"));
          ctx.status = 403;
          return STATUS_SET;
        }
      }
      for (Template envSpec : p.env) {
        // do_expand_env: split at the first ':', then "!name" unsets.
        String v = expand(envSpec, ctx, null, false).text;
        int colon = v.indexOf(':');
        String name = colon >= 0 ? v.substring(0, colon) : v;
        String value = colon >= 0 ? v.substring(colon + 1) : "";
        if (name.startsWith("!")) {
          env.remove(name.substring(1));
          flag(p, "E", "unset " + name.substring(1));
        } else {
          env.put(name, value);
          flag(p, "E", "set " + name + "=\"" + value + "\"");
        }
      }
      for (Template cookieSpec : p.cookies) {
        String v = expand(cookieSpec, ctx, null, false).text;
        String name = CookieFlag.name(v);
        String cookie = CookieFlag.render(v);
        if (cookie != null && cookieNames.add(name)) {
          cookies.add(cookie);
          flag(p, "CO", "Set-Cookie: " + cookie);
        }
      }
      if (p.noSub) {
        if (p.handler != null) {
          ctx.handler = p.handler;
          forcedHandler = p.handler;
        }
        if (p.type != null) {
          forcedType = expand(p.typeTemplate, ctx, null, false).text.toLowerCase(Locale.ROOT);
        }
        return NOSUB;
      }
      boolean prefixAdded = false;
      if (!newUri.startsWith("/") && isAbsoluteUri(newUri) == 0) {
        if (ctx.perdir != null) {
          newUri = ctx.perdir + newUri;
          prefixAdded = true;
        } else if (!p.proxy && !p.redirect) {
          newUri = "/" + newUri;
          prefixAdded = true;
        }
      }
      ctx.filename = newUri;
      if (ctx.perdir != null && p.discardPathInfo) {
        ctx.pathInfo = "";
      }
      splitQuery(ctx, p);
      if (p.proxy) {
        ctx.filename = "proxy:" + fullyQualify(ctx.filename);
        return MATCH;
      }
      if (p.redirect) {
        ctx.filename = fullyQualify(ctx.filename);
        ctx.redirectStatus = p.status;
        return MATCH;
      }
      reduceUri(ctx);
      if (isAbsoluteUri(ctx.filename) > 0) {
        ctx.redirectStatus = p.status;
        return MATCH;
      }
      if (!(p.unc || prefixAdded)) {
        String out = p.output;
        if (!(out.length() > 1 && out.charAt(0) == '/' && out.charAt(1) == '/')) {
          String f = ctx.filename;
          int k = 0;
          while (k + 1 < f.length() && f.charAt(k) == '/' && f.charAt(k + 1) == '/') {
            k++;
          }
          ctx.filename = f.substring(k);
        }
      }
      if (p.handler != null) {
        ctx.handler = p.handler;
        forcedHandler = p.handler;
      }
      if (p.type != null) {
        forcedType = expand(p.typeTemplate, ctx, null, false).text.toLowerCase(Locale.ROOT);
      }
      return MATCH;
    }

    private List<String> groups(Matcher m) {
      List<String> out = new ArrayList<>();
      for (int g = 0; g <= m.groupCount(); g++) {
        out.add(m.group(g));
      }
      return out;
    }

    private void splitQuery(RuleContext ctx, CompiledRule p) {
      if (p.qsNone) {
        ctx.args = null;
        return;
      }
      int skip = isAbsoluteUri(ctx.filename);
      if (skip > 0 && !supportsQuery(ctx.filename)) {
        ctx.args = null;
        return;
      }
      if (p.qsDiscard) {
        ctx.args = null;
      }
      String f = ctx.filename;
      int q = p.qsLast ? f.lastIndexOf('?') : f.indexOf('?', skip);
      if (q >= skip && q >= 0) {
        String query = f.substring(q + 1);
        ctx.filename = f.substring(0, q);
        String newArgs;
        if (p.qsAppend) {
          // An empty new query leaves the old one as it is.
          newArgs = query.isEmpty() ? ctx.args : query + "&" + (ctx.args == null ? "" : ctx.args);
        } else {
          newArgs = query;
        }
        if (newArgs == null) {
          ctx.args = null;
          return;
        }
        if (newArgs.isEmpty()) {
          newArgs = null;
        } else if (newArgs.endsWith("&")) {
          newArgs = newArgs.substring(0, newArgs.length() - 1);
        }
        ctx.args = newArgs;
      }
    }

    private boolean supportsQuery(String url) {
      String l = url.toLowerCase(Locale.ROOT);
      return !(l.startsWith("ftp:")
          || l.startsWith("gopher:")
          || l.startsWith("ldap:")
          || l.startsWith("news:")
          || l.startsWith("nntp:"));
    }

    private String fullyQualify(String f) {
      if (isAbsoluteUri(f) > 0) {
        return f;
      }
      return selfUrl() + (f.startsWith("/") ? "" : "/") + f;
    }

    private void reduceUri(RuleContext ctx) {
      String f = ctx.filename;
      String scheme = https ? "https" : "http";
      if (f.length() > scheme.length() + 3
          && f.regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3)) {
        int hostStart = scheme.length() + 3;
        int k = hostStart;
        while (k < f.length() && f.charAt(k) != '/' && f.charAt(k) != ':') {
          k++;
        }
        String h = f.substring(hostStart, k);
        String url;
        int urlPort = https ? 443 : 80;
        if (k < f.length() && f.charAt(k) == ':') {
          int slash = f.indexOf('/', k);
          urlPort =
              dev.htaccess.syntax.CNumbers.atoi(f.substring(k + 1, slash < 0 ? f.length() : slash));
          url = slash < 0 ? "/" : f.substring(slash);
        } else if (k < f.length()) {
          url = f.substring(k);
        } else {
          url = "/";
        }
        // ap_matches_request_vhost: for a name-based <VirtualHost *:port>, the URL's port must
        // equal the port of the ServerName (none unless ServerName names one) and the host
        // must be the ServerName or a ServerAlias. With a plain "ServerName example.com" Apache
        // never reduces, which is what the oracle shows.
        if (site.serverNamePort() != 0
            && urlPort == site.serverNamePort()
            && site.serverNames().contains(RewriteMapSource.asciiLower(h))) {
          ctx.filename = url;
        }
      }
    }

    private boolean applyCond(CompiledRule.Cond c, RuleContext ctx, List<String> varyThis) {
      var cond = c.source();
      String input =
          cond.pattern() instanceof CondPattern.Expression
              ? ""
              : expand(cond.testString(), ctx, null, false, varyThis).text;
      boolean rc;
      Matcher matcher = null;
      CondPattern pattern = cond.pattern();
      if (pattern instanceof CondPattern.Regex) {
        matcher = c.regex().matcher(input);
        rc = matcher.find();
      } else if (pattern instanceof CondPattern.FileTest ft) {
        rc = fileTest(ft.test(), input);
      } else if (pattern instanceof CondPattern.Lexical lx) {
        int cmp =
            c.noCase() ? compareIgnoreCase(input, lx.operand()) : compareLex(input, lx.operand());
        rc =
            switch (lx.operator()) {
              case LESS -> cmp < 0;
              case LESS_OR_EQUAL -> cmp <= 0;
              case GREATER -> cmp > 0;
              case GREATER_OR_EQUAL -> cmp >= 0;
              case EQUAL ->
                  c.noCase() ? input.equalsIgnoreCase(lx.operand()) : input.equals(lx.operand());
            };
      } else if (pattern instanceof CondPattern.IntegerCompare ic) {
        int a = dev.htaccess.syntax.CNumbers.atoi(input);
        int b = dev.htaccess.syntax.CNumbers.atoi(ic.operand());
        rc =
            switch (ic.operator()) {
              case LESS -> a < b;
              case LESS_OR_EQUAL -> a <= b;
              case GREATER -> a > b;
              case GREATER_OR_EQUAL -> a >= b;
              case EQUAL -> a == b;
            };
      } else if (c.expression() != null) {
        rc = c.expression().evaluate(name -> variable(name, ctx, varyThis));
      } else {
        rc = false;
      }
      if (rc && !cond.negated() && matcher != null) {
        ctx.condMatch = matcher;
      }
      if (cond.negated()) {
        rc = !rc;
      }
      if (fullTrace) {
        trace.add(
            new TraceEvent.CondTried(
                cond.span(),
                cond.testString().source(),
                input,
                cond.rawPattern(),
                rc,
                matcher != null && !cond.negated() && rc ? groups(matcher) : List.of()));
      }
      return rc;
    }

    private int compareLex(String a, String b) {
      if (a.length() != b.length()) {
        return a.length() > b.length() ? 1 : -1;
      }
      return Integer.signum(a.compareTo(b));
    }

    private int compareIgnoreCase(String a, String b) {
      return Integer.signum(
          RewriteMapSource.asciiLower(a).compareTo(RewriteMapSource.asciiLower(b)));
    }

    private boolean fileTest(char test, String input) {
      if (input.isEmpty()) {
        return false;
      }
      FileStats.Stat st = stat(input);
      return switch (test) {
        case 'f', 'F' -> st.regular();
        case 's' -> st.regular() && st.size() > 0;
        case 'd' -> st.directory();
        case 'l', 'L', 'h' -> st.symlink();
        case 'x' -> st.exists() && st.executable();
        case 'U' -> process(input, null, true).status() < 400;
        default -> false;
      };
    }

    private record Expansion(String text, boolean unsafeQuestionMark) {}

    private Expansion expand(Template t, RuleContext ctx, CompiledRule rule, boolean trackQmark) {
      return expand(t, ctx, rule, trackQmark, null);
    }

    private Expansion expand(
        Template t, RuleContext ctx, CompiledRule rule, boolean trackQmark, List<String> varyThis) {
      StringBuilder out = new StringBuilder();
      Boolean unsafe = null;
      boolean tracking = trackQmark;
      boolean lastOnly = rule != null && rule.qsLast;
      for (Template.Part part : t.parts()) {
        String piece;
        boolean expanded;
        if (part instanceof Template.Literal l) {
          piece = l.text();
          expanded = false;
        } else if (part instanceof Template.RuleBackref b) {
          piece = group(ctx.ruleMatch, b.group());
          if (piece != null && rule != null && rule.escapeBackrefs) {
            piece =
                UrlEscaping.escapeBackref(
                    piece, rule.escapes, rule.noEscapes, rule.noPlus, rule.controlsOnly);
          }
          expanded = true;
        } else if (part instanceof Template.CondBackref b) {
          piece = group(ctx.condMatch, b.group());
          if (piece != null && rule != null && rule.escapeBackrefs) {
            piece =
                UrlEscaping.escapeBackref(
                    piece, rule.escapes, rule.noEscapes, rule.noPlus, rule.controlsOnly);
          }
          expanded = true;
        } else if (part instanceof Template.Variable v) {
          piece = variable(v.name(), ctx, varyThis);
          expanded = true;
        } else {
          Template.MapLookup m = (Template.MapLookup) part;
          RewriteMapSource map = site.maps().get(m.map());
          readMap = true;
          if (map != null && !map.deterministic()) {
            nondeterministic = true;
          }
          String key = expand(m.key(), ctx, rule, false, varyThis).text;
          piece = map == null ? null : map.lookup(key);
          if ((piece == null) && m.defaultValue() != null) {
            piece = expand(m.defaultValue(), ctx, rule, false, varyThis).text;
          }
          expanded = true;
        }
        if (piece == null) {
          piece = "";
        }
        if (tracking) {
          if (!expanded && piece.indexOf('?') >= 0) {
            unsafe = false;
            if (!lastOnly) {
              tracking = false;
            }
          } else if (expanded && piece.indexOf('?') >= 0) {
            unsafe = true;
            if (!lastOnly) {
              tracking = false;
            }
          }
        }
        out.append(piece);
      }
      return new Expansion(out.toString(), unsafe != null && unsafe);
    }

    private String group(Matcher m, int n) {
      if (m == null || n > m.groupCount()) {
        return "";
      }
      String g = m.group(n);
      return g == null ? "" : g;
    }

    private String header(String name, List<String> varyThis) {
      if (varyThis != null && !name.equalsIgnoreCase("Host")) {
        varyThis.add(name);
      }
      return request.header(name);
    }

    private String variable(String name, RuleContext ctx, List<String> varyThis) {
      if (name.length() < 4) {
        return "";
      }
      if (name.length() > 4 && name.charAt(3) == ':') {
        String prefix = name.substring(0, 3).toUpperCase(Locale.ROOT);
        String arg = name.substring(4);
        if (prefix.equals("ENV")) {
          String v = env.get(arg);
          if (v == null) {
            v = processEnv.get(arg);
          }
          return v == null ? "" : v;
        }
        if (prefix.equals("SSL")) {
          return "";
        }
      }
      if (name.length() > 5 && name.charAt(4) == ':') {
        String prefix = name.substring(0, 4).toUpperCase(Locale.ROOT);
        String arg = name.substring(5);
        if (prefix.equals("HTTP")) {
          String v = header(arg, varyThis);
          return v == null ? "" : v;
        }
        if (prefix.equals("LA-U") || prefix.equals("LA-F")) {
          return variable(arg, ctx, varyThis);
        }
      }
      String v =
          switch (RewriteMapSource.asciiUpper(name)) {
            case "HTTP_USER_AGENT" -> header("User-Agent", varyThis);
            case "HTTP_REFERER" -> header("Referer", varyThis);
            case "HTTP_COOKIE" -> header("Cookie", varyThis);
            case "HTTP_FORWARDED" -> header("Forwarded", varyThis);
            case "HTTP_HOST" ->
                request.header("Host") != null ? request.header("Host") : defaultHost;
            case "HTTP_PROXY_CONNECTION" -> header("Proxy-Connection", varyThis);
            case "HTTP_ACCEPT" -> header("Accept", varyThis);
            case "REMOTE_ADDR", "CONN_REMOTE_ADDR", "REMOTE_HOST" -> request.remoteAddr();
            case "REMOTE_PORT" -> {
              nondeterministic = true;
              yield "0";
            }
            case "REMOTE_USER", "REMOTE_IDENT", "AUTH_TYPE" -> "";
            case "REQUEST_METHOD" -> request.method();
            case "SCRIPT_FILENAME", "REQUEST_FILENAME" -> ctx.filename;
            case "PATH_INFO" -> ctx.pathInfo;
            case "QUERY_STRING" -> ctx.args;
            case "DOCUMENT_ROOT", "CONTEXT_DOCUMENT_ROOT" -> site.docrootPath();
            case "CONTEXT_PREFIX" -> "";
            case "SERVER_ADMIN" -> "[no address given]";
            case "SERVER_NAME" -> host;
            case "SERVER_ADDR" -> "127.0.0.1";
            case "SERVER_PORT" -> Integer.toString(port);
            case "SERVER_PROTOCOL" -> "HTTP/1.1";
            case "SERVER_SOFTWARE" -> "Apache";
            case "THE_REQUEST" -> theRequest;
            case "REQUEST_URI" -> ctx.uri;
            case "REQUEST_SCHEME" -> https ? "https" : "http";
            case "HTTPS" -> https ? "on" : "off";
            case "IS_SUBREQ" -> ctx.subrequest ? "true" : "false";
            case "IPV6" -> "off";
            case "HTTP2" -> "off";
            case "API_VERSION" -> "20120211:140";
            case "TIME_YEAR",
                "TIME_MON",
                "TIME_DAY",
                "TIME_HOUR",
                "TIME_MIN",
                "TIME_SEC",
                "TIME_WDAY",
                "TIME" ->
                time(name);
            default -> "";
          };
      return v == null ? "" : v;
    }

    private String time(String name) {
      nondeterministic = true;
      java.time.LocalDateTime now = java.time.LocalDateTime.now();
      return switch (RewriteMapSource.asciiUpper(name)) {
        case "TIME_YEAR" -> String.format("%04d", now.getYear());
        case "TIME_MON" -> String.format("%02d", now.getMonthValue());
        case "TIME_DAY" -> String.format("%02d", now.getDayOfMonth());
        case "TIME_HOUR" -> String.format("%02d", now.getHour());
        case "TIME_MIN" -> String.format("%02d", now.getMinute());
        case "TIME_SEC" -> String.format("%02d", now.getSecond());
        case "TIME_WDAY" -> Integer.toString(now.getDayOfWeek().getValue() % 7);
        default ->
            String.format(
                "%04d%02d%02d%02d%02d%02d",
                now.getYear(),
                now.getMonthValue(),
                now.getDayOfMonth(),
                now.getHour(),
                now.getMinute(),
                now.getSecond());
      };
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The methods httpd registers (http_protocol.c); others are answered 501. */
  private static final Set<String> REGISTERED_METHODS =
      Set.of(
          "GET",
          "PUT",
          "POST",
          "DELETE",
          "CONNECT",
          "OPTIONS",
          "TRACE",
          "PATCH",
          "PROPFIND",
          "PROPPATCH",
          "MKCOL",
          "COPY",
          "MOVE",
          "LOCK",
          "UNLOCK",
          "VERSION-CONTROL",
          "CHECKOUT",
          "UNCHECKOUT",
          "CHECKIN",
          "UPDATE",
          "LABEL",
          "REPORT",
          "MKWORKSPACE",
          "MKACTIVITY",
          "BASELINE-CONTROL",
          "MERGE",
          "HEAD");

  /** mod_rewrite's is_absolute_uri: the length of the scheme prefix, or 0. */
  static int isAbsoluteUri(String uri) {
    if (uri.startsWith("/") || uri.length() <= 5) {
      return 0;
    }
    String l = uri.toLowerCase(Locale.ROOT);
    String[] schemes = {
      "ajp://",
      "balancer://",
      "ftp://",
      "fcgi://",
      "gopher://",
      "http://",
      "https://",
      "h2://",
      "h2c://",
      "ldap://",
      "mailto:",
      "news:",
      "nntp://",
      "scgi://",
      "ws://",
      "wss://",
      "unix:"
    };
    for (String s : schemes) {
      if (l.startsWith(s)) {
        if (s.equals("unix:")) {
          return l.startsWith("unix://") ? 7 : 5;
        }
        return s.length();
      }
    }
    return 0;
  }

  /** Resolves "." and ".." and merges slashes; null when ".." climbs above the root. */
  static String normalize(String path) {
    String[] parts = path.split("/", -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String s = parts[i];
      boolean last = i == parts.length - 1;
      if (s.equals(".")) {
        if (last) {
          out.add("");
        }
        continue;
      }
      if (s.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
        if (last) {
          out.add("");
        }
        continue;
      }
      if (s.isEmpty() && !last) {
        continue;
      }
      out.add(s);
    }
    return "/" + String.join("/", out);
  }

  /** Like {@link #normalize} but drops ".." above the root (what r->uri shows on a 400). */
  static String normalizeLenient(String path) {
    String[] parts = path.split("/", -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String s = parts[i];
      boolean last = i == parts.length - 1;
      if (s.equals(".") || s.equals("..")) {
        if (s.equals("..") && !out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        if (last) {
          out.add("");
        }
      } else if (!s.isEmpty() || last) {
        out.add(s);
      }
    }
    return "/" + String.join("/", out);
  }
}
