package dev.htaccess.eval;

import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.SourceFile;
import dev.htaccess.syntax.HtaccessReader;
import dev.htaccess.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Simulates Apache httpd 2.4's handling of a request against a document root. Built once from
 * {@link EvaluatorOptions}; immutable in what it answers and safe to use from many threads (its
 * caches are concurrent). Each request runs through httpd's phases ({@link RequestTarget}, then
 * {@link RoundLoop} over {@link RoundProcessor}'s rounds), with its state in a {@link
 * RequestState}; see {@code docs/architecture.md}.
 */
public final class Evaluator {

  /** Debian's ServerRoot. */
  private static final Path DEBIAN_SERVER_ROOT = Path.of("/etc/apache2");

  private final Site site;
  private final AnswerMemo memo;

  /** The server configuration and its folder, for the sites of mod_vhost_alias's roots. */
  private final ParseResult config;

  private final Path configDir;

  /** With VirtualDocumentRoot: the site of each document root a host has made so far. */
  private final java.util.concurrent.ConcurrentMap<String, Evaluator> roots;

  private Evaluator(Site site, ParseResult config, Path configDir, boolean perHostRoots) {
    this.site = site;
    this.memo = new AnswerMemo(site.options.memo(), site.stats);
    this.config = config;
    this.configDir = configDir;
    this.roots =
        perHostRoots && site.config.naming().perHostRoots()
            ? new java.util.concurrent.ConcurrentHashMap<>()
            : null;
  }

  /** How many hosts' document roots are kept; past it they are made again as they come. */
  private static final int MAX_ROOTS = 4096;

  /**
   * The site whose DocumentRoot is the one mod_vhost_alias makes for this request: a request is
   * answered as that site answers it (the module translates as the core does).
   */
  private Evaluator forRoot(RequestSpec request) {
    String h = request.header("Host");
    dev.htaccess.httpd.HostHeader host =
        dev.htaccess.httpd.HostHeader.parse(
            h == null ? site.options.defaultHost() : h, request.https());
    if (!host.valid()) {
      return this; // the core's 400 comes first
    }
    dev.htaccess.httpd.HostHeader server = RequestState.serverOf(site, host, request.https());
    VhostAlias doc = site.config.naming().vhostAlias();
    VhostAlias cgi = site.config.naming().vhostScriptAlias();
    String root = doc != null ? doc.docroot(server) : site.config.docrootPath();
    String scripts = cgi != null ? cgi.docroot(server) : null;
    String key = scripts == null ? root : root + "\0" + scripts;
    Evaluator known = roots.get(key);
    if (known != null) {
      return known;
    }
    if (roots.size() >= MAX_ROOTS) {
      roots.clear();
    }
    Path dir = Path.of(root);
    SiteConfig hosts =
        SiteConfig.load(dir, site.config.docroot(), config, configDir, site.config.maps());
    hosts.scriptRoot(scripts);
    Evaluator made =
        new Evaluator(new Site(hosts, site.options.withDocroot(dir)), config, configDir, false);
    Evaluator raced = roots.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  /** The answer memo, for tests. */
  AnswerMemo memo() {
    return memo;
  }

  /**
   * Creates an evaluator. Errors in the server configuration do not throw: they are in {@link
   * #configErrors()} (Apache would refuse to start). Throws IOException when the server
   * configuration cannot be read.
   */
  public static Evaluator create(EvaluatorOptions options) throws IOException {
    ParseResult config = null;
    // The ServerRoot, which relative paths of the configuration start from: the server
    // configuration's folder, or without one Debian's.
    Path configDir = DEBIAN_SERVER_ROOT;
    if (options.serverConfig() != null) {
      config =
          HtaccessReader.read(
              SourceFile.read(options.serverConfig()), HtaccessReader.Kind.SERVER_CONFIG);
      Path parent = options.serverConfig().toAbsolutePath().getParent();
      configDir = parent == null ? Path.of(".") : parent;
    }
    return new Evaluator(
        new Site(SiteConfig.load(options.docroot(), config, configDir), options),
        config,
        configDir,
        true);
  }

  /** The options the evaluator was built with. */
  public EvaluatorOptions options() {
    return site.options;
  }

  /** The forward proxy {@code ProxyRemote *} names, or null. */
  public String proxyRemote() {
    return site.config.proxyRemote();
  }

  /** The document root, as a path string without trailing slash. */
  public String docrootPath() {
    return site.config.docrootPath();
  }

  /**
   * Whether Apache reads .htaccess files in this directory (an absolute path): the server
   * configuration's AllowOverride for it is not None.
   */
  public boolean readsHtaccess(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    return site.config.overridesAllowed(
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
  }

  /** Errors in the server configuration; when not empty, Apache would not start. */
  public List<Diagnostic> configErrors() {
    return site.config.errors();
  }

  /**
   * Gives the engine the reading of one of the site's .htaccess files that the caller already made
   * (of the file's current content), so it is not parsed again.
   */
  public void preload(java.nio.file.Path htaccess, dev.htaccess.syntax.ParseResult parsed) {
    site.configs.preload(htaccess, parsed);
  }

  /** Simulates one request, with the full trace. */
  public Evaluation evaluate(RequestSpec request) {
    return evaluate(request, TraceLevel.FULL);
  }

  /**
   * Simulates one request. At {@link TraceLevel#DECISIONS} the answer may come from the memo the
   * options chose.
   */
  public Evaluation evaluate(RequestSpec request, TraceLevel level) {
    if (roots != null) {
      Evaluator perHost = forRoot(request);
      if (perHost != this) {
        return perHost.evaluate(request, level);
      }
    }
    boolean memoized = level == TraceLevel.DECISIONS;
    if (memoized) {
      Evaluation known = memo.get(request);
      if (known != null) {
        return known;
      }
    }
    RequestState state = new RequestState(site, request, level);
    Round round = new Round();
    RoundProcessor processor = new RoundProcessor(state);
    RequestTarget.Parsed parsed =
        state.host.valid()
            ? RequestTarget.parse(request, site.headVerdicts)
            : RequestTarget.badHost(request);
    Draft draft =
        parsed instanceof RequestTarget.Path p
            ? new RoundLoop(state, round, processor).run(p.uri(), p.args())
            : ((RequestTarget.Refused) parsed).draft();
    Outcome outcome = Answer.outcome(state, round, processor, draft);
    Evaluation evaluation =
        new Evaluation(request, outcome, state.trace.events(), !state.nondeterministic);
    if (memoized) {
      memo.put(request, evaluation, state);
    }
    return evaluation;
  }
}
