package dev.htaccess.eval;

import dev.htaccess.eval.proxy.ProxyPassRule;
import dev.htaccess.eval.rewrite.CompiledRule;
import dev.htaccess.eval.rewrite.RewriteMapSource;
import dev.htaccess.eval.rewrite.RewriteScope;
import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.DirectiveInfo;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.RewriteBase;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteEngine;
import dev.htaccess.model.RewriteMap;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RewriteOptions;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Section;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.regex.PcreSyntaxException;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.Severity;
import dev.htaccess.syntax.ParseResult;
import dev.htaccess.validate.DirectiveValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server around the document root: what {@code --server-config} declares inside the {@code
 * <VirtualHost>}, on top of defaults that match the oracle's virtual host (DirectoryIndex
 * index.html index.php, AllowOverride All, Options FollowSymLinks, LimitInternalRecursion 10).
 */
final class SiteConfig {

  /**
   * An Alias or ProxyPass: a URL prefix (or, for the *Match forms, a regex) and its target ({@code
   * !} for a ProxyPass exclusion).
   */
  record Mapping(String prefix, PcrePattern regex, String target) {
    Mapping(String prefix, String target) {
      this(prefix, null, target);
    }
  }

  private final Path docroot;
  private final String docrootPath;
  private final ModuleSet modules;

  /** ServerName, ServerAlias, UseCanonicalName and mod_vhost_alias's roots. */
  private final ServerNaming naming = new ServerNaming();

  /** A host's site: the /cgi-bin/ directory VirtualScriptAlias made for it, or null. */
  private String scriptRoot;

  private Path serverRoot;

  private final List<CompiledRule> serverRules = new ArrayList<>();
  private boolean serverEngine;
  private final Set<RewriteOption> serverOptions = EnumSet.noneOf(RewriteOption.class);
  private final Map<String, RewriteMapSource> maps = new LinkedHashMap<>();

  /** The main site's maps, which a host's site (mod_vhost_alias) uses rather than its own. */
  private Map<String, RewriteMapSource> sharedMaps = Map.of();

  private final List<Mapping> aliases = new ArrayList<>();
  private final List<ProxyPassRule> proxyPasses = new ArrayList<>();
  private final List<AliasRedirect> redirects = new ArrayList<>();
  private List<String> directoryIndex = List.of("index.html", "index.php");
  private final Map<Integer, String> errorDocuments = new LinkedHashMap<>();
  private int limitInternalRecursion = 10;
  private String proxyRemote;
  private final List<Diagnostic> errors = new ArrayList<>();

  /** A {@code <Location>} or {@code <LocationMatch>} section. */
  private final List<LocationSection> locations = new ArrayList<>();

  /**
   * The virtual host's per-directory defaults: what it says outside any {@code <Directory>} or
   * {@code <Location>} that is per-directory configuration (Header, Options, AddType, {@code
   * <Files>} ...). Apache merges it first, under every directory walk.
   */
  private final List<ConfigNode> hostDirectory = new ArrayList<>();

  List<ConfigNode> hostDirectory() {
    return hostDirectory;
  }

  /** Sections of the virtual host that are per-directory configuration. */
  private static final Set<String> HOST_DIRECTORY_SECTIONS =
      Set.of(
          "files",
          "filesmatch",
          "if",
          "elseif",
          "else",
          "limit",
          "limitexcept",
          "requireall",
          "requireany",
          "requirenone");

  /**
   * Directives of the virtual host that are the server's own configuration (read here, or by the
   * modules' server records), not per-directory defaults.
   */
  private static final Set<String> SERVER_ONLY =
      Set.of(
          "alias",
          "aliasmatch",
          "scriptalias",
          "scriptaliasmatch",
          "redirect",
          "redirectmatch",
          "redirectpermanent",
          "redirecttemp",
          "proxypass",
          "proxypassmatch",
          "proxypassreverse",
          "proxypassreversecookiedomain",
          "proxypassreversecookiepath",
          "proxyremote",
          "proxyremotematch",
          "proxyrequests",
          "proxypreservehost",
          "proxyset",
          "servername",
          "serveralias",
          "serveradmin",
          "documentroot",
          "virtualdocumentroot",
          "virtualdocumentrootip",
          "virtualscriptalias",
          "virtualscriptaliasip",
          "limitinternalrecursion",
          "setenvif",
          "setenvifnocase",
          "setenvifexpr",
          "browsermatch",
          "browsermatchnocase",
          "directoryindex",
          "errordocument",
          "errorlog",
          "customlog",
          "loglevel",
          "listen");

  /** The virtual host's SetEnvIf rules (post-read-request), and the names they read. */
  private final List<SetEnvIfRule> serverSetEnvIf = new ArrayList<>();

  private final Map<String, Object> serverSetEnvIfNames = new HashMap<>();

  List<SetEnvIfRule> serverSetEnvIf() {
    return serverSetEnvIf;
  }

  /** {@code <Location>} sections, in file order (merged after the directory walk). */
  List<LocationSection> locations() {
    return locations;
  }

  /** {@code <Directory>} sections by directory path (no trailing slash), in file order. */
  private final Map<String, List<Section>> directorySections = new LinkedHashMap<>();

  /** What each directory's .htaccess may say (the sections' AllowOverride and -List). */
  private final DirectoryOverrides overrides;

  /**
   * The directory of the virtual host's {@code <Directory>} block that grants access and
   * AllowOverride All (the oracle's, around its DocumentRoot): the document root, or with
   * mod_vhost_alias the main DocumentRoot a host's root is found under (or not).
   */
  private final String grantedPath;

  SiteConfig(Path docroot) {
    this(docroot, docroot, ModuleSet.ORACLE);
  }

  private SiteConfig(Path docroot, Path granted, ModuleSet modules) {
    this.modules = modules;
    this.docroot = docroot.toAbsolutePath().normalize();
    this.docrootPath = withoutTrailingSlash(this.docroot.toString());
    this.grantedPath = withoutTrailingSlash(granted.toAbsolutePath().normalize().toString());
    this.serverRoot = this.docroot;
    this.overrides = new DirectoryOverrides(grantedPath, modules);
  }

  private static String withoutTrailingSlash(String p) {
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }

  /** Builds the site from the server config (may be null). */
  static SiteConfig load(Path docroot, ParseResult serverConfig, Path configDir) {
    return load(docroot, docroot, serverConfig, configDir, Map.of());
  }

  /**
   * Builds the site of a document root that is not the main one ({@code granted}, whose {@code
   * <Directory>} block grants access): a host's root under mod_vhost_alias. Its maps are the main
   * site's ({@code maps}): one table, one program, whatever the number of hosts, as in Apache.
   */
  static SiteConfig load(
      Path docroot,
      Path granted,
      ParseResult serverConfig,
      Path configDir,
      Map<String, RewriteMapSource> maps) {
    SiteConfig site =
        new SiteConfig(
            docroot,
            granted,
            serverConfig != null && VhostAlias.declaredIn(serverConfig.nodes())
                ? ModuleSet.ORACLE.with(VhostAlias.MODULE)
                : ModuleSet.ORACLE);
    site.serverRoot = configDir.toAbsolutePath().normalize();
    site.sharedMaps = maps;
    if (serverConfig != null) {
      for (Diagnostic d : serverConfig.diagnostics()) {
        if (d.severity() == Severity.ERROR) {
          site.errors.add(d);
        }
      }
      site.applyAll(serverConfig.nodes(), configDir, new ArrayList<>());
    }
    return site;
  }

  private void applyAll(List<ConfigNode> nodes, Path configDir, List<RewriteCond> conds) {
    for (ConfigNode node : nodes) {
      if (!(node instanceof Directive d)) {
        continue;
      }
      if (d instanceof Section s) {
        applySection(s, configDir, conds);
      } else if (d instanceof GenericDirective g) {
        applyGeneric(g);
      } else {
        applyRewrite(d, configDir, conds);
      }
    }
  }

  /**
   * A section of the virtual host: a condition (read on when it holds, refused when Apache would
   * refuse its header), the VirtualHost itself, or a Location or Directory kept for the walk.
   */
  private void applySection(Section s, Path configDir, List<RewriteCond> conds) {
    String name = s.key();
    String arg = s.arguments().isEmpty() ? "" : s.arguments().get(0).value();
    if (SectionConditions.STARTUP_CONDITIONS.contains(name)) {
      String problem = DirectiveValidator.sectionProblem(s);
      if (problem != null) {
        errors.add(new Diagnostic("HT1100", Severity.ERROR, problem, s.span()));
      } else if (startupConditions().includes(s)) {
        applyAll(s.children(), configDir, conds);
      }
    } else if (name.equals("virtualhost")) {
      applyAll(s.children(), configDir, conds);
    } else if (notAllowedInHost(s) || refusedAtStartup(s)) {
      return;
    } else if (HOST_DIRECTORY_SECTIONS.contains(name)) {
      hostDirectory.add(s);
    } else if (name.equals("location") || name.equals("locationmatch")) {
      boolean regex = name.equals("locationmatch") || arg.equals("~");
      String path =
          arg.equals("~") && s.arguments().size() > 1 ? s.arguments().get(1).value() : arg;
      if (s.arguments().size() > (arg.equals("~") && !name.equals("locationmatch") ? 2 : 1)) {
        errors.add(
            new Diagnostic(
                "HT1100",
                Severity.ERROR,
                "Multiple <" + s.name() + "> arguments not (yet) supported.",
                s.span()));
        return;
      }
      try {
        locations.add(LocationSection.of(path, regex ? PcrePattern.compile(path, false) : null, s));
      } catch (PcreSyntaxException ex) {
        errors.add(
            new Diagnostic("HT1100", Severity.ERROR, "Regex could not be compiled", s.span()));
      }
    } else if (name.equals("directory") && !arg.isEmpty() && !arg.equals("~")) {
      String dir = arg.length() > 1 && arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
      directorySections.computeIfAbsent(dir, k -> new ArrayList<>()).add(s);
      overrides.add(dir, s, startupConditions()::includes, errors::add);
    }
  }

  /** The conditions as Apache decides them when it reads its configuration, at start-up. */
  private SectionConditions startupConditions() {
    FileStats files = new FileStats(false);
    return new SectionConditions(modules, "GET", serverRoot, files::stat);
  }

  /** mod_rewrite's directives of the virtual host. */
  private void applyRewrite(Directive d, Path configDir, List<RewriteCond> conds) {
    if (d instanceof RewriteEngine e) {
      serverEngine = e.on();
    } else if (d instanceof RewriteBase b) {
      errors.add(
          new Diagnostic(
              "HT1100",
              Severity.ERROR,
              "RewriteBase: only valid in per-directory config files",
              b.span()));
    } else if (d instanceof RewriteOptions o) {
      serverOptions.addAll(o.options());
    } else if (d instanceof RewriteCond c) {
      conds.add(c);
    } else if (d instanceof RewriteRule r) {
      try {
        serverRules.add(new CompiledRule(r, conds));
      } catch (PcreSyntaxException ex) {
        errors.add(
            new Diagnostic(
                "HT1100",
                Severity.ERROR,
                "RewriteRule: cannot compile regular expression '" + ex.pattern() + "'",
                r.span()));
      }
      conds.clear();
    } else if (d instanceof RewriteMap m) {
      try {
        RewriteMapSource known = sharedMaps.get(m.mapName());
        maps.put(m.mapName(), known != null ? known : RewriteMapSource.of(m, configDir));
      } catch (IllegalArgumentException ex) {
        errors.add(new Diagnostic("HT1100", Severity.ERROR, ex.getMessage(), m.span()));
      }
    }
  }

  /**
   * Whether this is a directive of a directory's configuration only (AllowOverride, Require, Order,
   * {@code <Limit>} ...), which the virtual host may not hold: core refuses to start, "X not
   * allowed in <VirtualHost> context" (the error is recorded).
   */
  private boolean notAllowedInHost(Directive d) {
    DirectiveInfo info = DirectiveCatalog.standard().find(d.name()).orElse(null);
    if (info == null
        || info.section() != d instanceof Section
        || !modules.providesCatalogModule(info.module())
        || info.contexts().contains(DirectiveInfo.Context.SERVER)
        || info.contexts().contains(DirectiveInfo.Context.VHOST)) {
      return false;
    }
    String name = (info.section() ? "<" : "") + info.name();
    errors.add(
        new Diagnostic(
            "HT1100", Severity.ERROR, name + " not allowed in <VirtualHost> context", d.span()));
    return true;
  }

  /** Whether Apache refuses to start on this directive (the error is recorded). */
  private boolean refusedAtStartup(Directive d) {
    Diagnostic error = DirConfigBuilder.serverConfigError(this, d);
    if (error != null) {
      errors.add(error);
    }
    return error != null;
  }

  /**
   * Directives of the virtual host that act per directory (the walk applies them), whose errors the
   * start-up check looks for.
   */
  private static final Set<String> PER_DIRECTORY_OF_HOST =
      Set.of(
          "setenvif",
          "setenvifnocase",
          "setenvifexpr",
          "browsermatch",
          "browsermatchnocase",
          "header",
          "requestheader");

  /** The virtual host's other directives: mapping, redirects, names, limits. */
  private void applyGeneric(GenericDirective g) {
    if (notAllowedInHost(g) || PER_DIRECTORY_OF_HOST.contains(g.key()) && refusedAtStartup(g)) {
      return;
    }
    if (g.key().startsWith("setenvif") || g.key().startsWith("browsermatch")) {
      serverSetEnvIf.add(SetEnvIfRule.of(g.key(), g.arguments(), serverSetEnvIfNames));
      return;
    }
    List<Argument> a = g.arguments();
    DirectiveInfo info = DirectiveCatalog.standard().find(g.name()).orElse(null);
    String count = info == null ? null : DirectiveValidator.argumentCount(info, a);
    if (count != null && modules.providesCatalogModule(info.module())) {
      errors.add(new Diagnostic("HT1100", Severity.ERROR, info.name() + " " + count, g.span()));
      return;
    }
    if (!SERVER_ONLY.contains(g.key())) {
      hostDirectory.add(g);
    }
    if (naming.apply(g, errors)) {
      return;
    }
    switch (g.key()) {
      case "alias", "scriptalias" -> {
        if (a.size() == 2) {
          aliases.add(new Mapping(a.get(0).value(), a.get(1).value()));
        } else if (a.size() == 1) {
          errors.add(
              new Diagnostic(
                  "HT1100",
                  Severity.ERROR,
                  "Alias must have two arguments when used globally",
                  g.span()));
        }
      }
      case "aliasmatch", "scriptaliasmatch" -> {
        if (a.size() == 2) {
          try {
            aliases.add(
                new Mapping(
                    a.get(0).value(),
                    PcrePattern.compile(a.get(0).value(), false),
                    a.get(1).value()));
          } catch (PcreSyntaxException ex) {
            // mod_alias' own wording for a pattern ap_pregcomp refuses
            errors.add(
                new Diagnostic(
                    "HT1100",
                    Severity.ERROR,
                    info.name() + ": Regular expression could not be compiled.",
                    g.span()));
          }
        }
      }
      case "proxypass", "proxypassmatch" -> {
        try {
          proxyPasses.add(
              ProxyPassRule.parse(
                  a.stream().map(Argument::value).toList(), g.key().equals("proxypassmatch")));
        } catch (IllegalArgumentException ex) {
          errors.add(new Diagnostic("HT1100", Severity.ERROR, ex.getMessage(), g.span()));
        }
      }
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" -> {
        try {
          redirects.add(AliasRedirect.of(g.key(), a, false, g.span()));
        } catch (IllegalArgumentException ex) {
          errors.add(new Diagnostic("HT1100", Severity.ERROR, ex.getMessage(), g.span()));
        }
      }
      case "directoryindex" -> directoryIndex = DirectiveValues.directoryIndex(directoryIndex, a);
      case "errordocument" -> {
        if (a.size() >= 2) {
          try {
            errorDocuments.put(
                Integer.parseInt(a.get(0).value()), DirectiveValues.errorDocument(a.get(1)));
          } catch (NumberFormatException ex) {
            errors.add(
                new Diagnostic("HT1100", Severity.ERROR, "bad ErrorDocument code", g.span()));
          }
        }
      }
      case "proxyremote" -> {
        if (a.size() == 2 && a.get(0).value().equals("*")) {
          proxyRemote = a.get(1).value();
        }
      }
      case "limitinternalrecursion" -> {
        if (!a.isEmpty()) {
          limitInternalRecursion = CNumbers.atoi(a.get(0).value());
        }
      }
      default -> {}
    }
  }

  /** What the .htaccess of {@code dir} (an absolute path, no trailing slash) may say. */
  Overrides overrides(String dir) {
    return overrides.of(dir);
  }

  /** Whether .htaccess files are read in {@code dir} at all. */
  boolean overridesAllowed(String dir) {
    return overrides.of(dir).readsHtaccess();
  }

  /** The server's {@code <Directory>} sections for exactly this directory. */
  List<Section> directorySections(String dir) {
    return directorySections.getOrDefault(dir, List.of());
  }

  /** {@code ProxyRemote * URL}: the forward proxy for all upstream requests, or null. */
  String proxyRemote() {
    return proxyRemote;
  }

  /** ServerName, ServerAlias, UseCanonicalName and mod_vhost_alias's roots. */
  ServerNaming naming() {
    return naming;
  }

  String scriptRoot() {
    return scriptRoot;
  }

  void scriptRoot(String root) {
    this.scriptRoot = root;
  }

  List<Diagnostic> errors() {
    return errors;
  }

  Path docroot() {
    return docroot;
  }

  /** The document root as a path string without trailing slash. */
  String grantedPath() {
    return grantedPath;
  }

  String docrootPath() {
    return docrootPath;
  }

  /** The ServerRoot: where relative paths of the configuration start (the config's folder). */
  Path serverRoot() {
    return serverRoot;
  }

  ModuleSet modules() {
    return modules;
  }

  List<CompiledRule> serverRules() {
    return serverRules;
  }

  boolean serverEngine() {
    return serverEngine;
  }

  Map<String, RewriteMapSource> maps() {
    return maps;
  }

  List<Mapping> aliases() {
    return aliases;
  }

  List<ProxyPassRule> proxyPasses() {
    return proxyPasses;
  }

  /** Redirect* directives of the virtual host, checked before Alias. */
  List<AliasRedirect> redirects() {
    return redirects;
  }

  List<String> directoryIndex() {
    return directoryIndex;
  }

  Map<Integer, String> errorDocuments() {
    return errorDocuments;
  }

  int limitInternalRecursion() {
    return limitInternalRecursion;
  }

  /** The per-directory rewrite config the server gives the document root (none by default). */
  RewriteScope directoryRewrite() {
    return null;
  }

  boolean followSymLinks() {
    return true;
  }

  boolean indexes() {
    return false;
  }
}
