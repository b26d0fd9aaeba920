package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.CompiledRule;
import dev.htaccess.eval.rewrite.RewriteScope;
import dev.htaccess.expr.ApExpression;
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
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.ParseResult;
import dev.htaccess.syntax.SyntaxRule;
import dev.htaccess.validate.AuthDirectives;
import dev.htaccess.validate.DirectiveValidator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the configuration of each directory on the way to a file, top down, as Apache's directory
 * walk does: the server's defaults first, then each .htaccess. A module's settings only change at a
 * level whose file uses one of its directives (Apache creates a module's per-dir config lazily),
 * which is why a child .htaccess without rewrite directives keeps its parent's rules.
 */
final class DirConfigBuilder {

  private final ModuleSet modules;
  private final SectionConditions conditions;
  private RewriteScope rewrite;
  private List<String> directoryIndex;

  /** Which configuration is being read (one per .htaccess or section), and which set the index. */
  private int levelSerial;

  private int directoryIndexLevel = -1;
  private boolean directorySlash = true;
  private final Map<Integer, String> errorDocuments;
  private DirOptions options = DirOptions.NONE;

  /** The symlink options in effect after each directory of the walk (see {@link #endLevel}). */
  private final Map<String, SymlinkOptions> symlinkOptions = new HashMap<>();

  private final AccessPolicy access;
  private final List<FilesSection> fileSections = new ArrayList<>();
  private final List<IfSection> ifSections = new ArrayList<>();

  /**
   * The last of this level's If, ElseIf and Else sections (ap_add_if_conf lets an ElseIf or Else
   * follow only an If or ElseIf of the same configuration), null before the first.
   */
  private String ifChainTail;

  /** The Limit, LimitExcept and Require sections around what is read now, outermost first. */
  private final List<Section> enclosing = new ArrayList<>();

  private final List<AliasRedirect> redirects = new ArrayList<>();

  /** The directory form of Redirect: a deeper level's replaces its parent's. */
  private AliasRedirect directoryRedirect;

  /** The level the last Redirect came from, and how many it had: a deeper one's go first. */
  private String redirectLevel;

  private int redirectsOfLevel;
  private final MimeSettings mime = new MimeSettings();
  private final List<SetEnvIfRule> setEnvIf = new ArrayList<>();

  /** The attribute names SetEnvIf has read in the current level's record (see SetEnvIfRule). */
  private Map<String, Object> setEnvIfNames = new HashMap<>();

  private String fallbackResource;
  private Boolean acceptPathInfo;
  private final ResponseSettings response = new ResponseSettings();
  private Diagnostic error;
  private String errorDirectory;
  private final List<EnvSetting> setEnv = new ArrayList<>();
  private boolean cgiPassAuth;

  DirConfigBuilder(SiteConfig site, String method, StatLookup stat) {
    this.modules = site.modules();
    this.conditions = new SectionConditions(site.modules(), method, site.serverRoot(), stat);
    this.rewrite = site.directoryRewrite();
    this.directoryIndex = site.directoryIndex();
    this.errorDocuments = new LinkedHashMap<>(site.errorDocuments());
    this.options = new DirOptions(site.followSymLinks(), false, site.indexes());
    // The main server denies everything (<Directory /> Require all denied); the document root
    // and server <Directory> sections grant what they grant.
    this.access = new AccessPolicy(AccessPolicy.allDenied());
  }

  /** A builder that only reads directives, to find their errors (see {@link #checkDeferred}). */
  private DirConfigBuilder(ModuleSet modules, SectionConditions conditions, boolean serverContext) {
    this.modules = modules;
    this.conditions = conditions;
    this.errorDocuments = new LinkedHashMap<>();
    this.access = new AccessPolicy(AccessPolicy.allDenied());
    this.serverContext = serverContext;
  }

  /**
   * Reads the directives of a section that applies later, or never, the way Apache reads them: when
   * the file is read, whatever the request. A {@code <Files>} for another file or an {@code <If>}
   * that does not hold still makes the whole file fail on a directive inside it that Apache refuses
   * (an unknown name, a bad argument, a regex that does not compile).
   */
  private void checkDeferred(Section section, String dir) {
    DirConfigBuilder reader = new DirConfigBuilder(modules, conditions, serverContext);
    reader.overrides = overrides;
    reader.parentSection = "<" + section.name() + ">";
    reader.applyAll(section.children(), dir, new RewriteLevel());
    if (reader.error != null) {
      fail(reader.error, dir);
    }
  }

  /**
   * Checks a directive of the server configuration that the walk applies only later (a {@code
   * <Directory>}, {@code <Files>}, {@code <Location>} or {@code <If>} section and all it holds, a
   * SetEnvIf or Header of the virtual host): Apache refuses to start on an error in any of them.
   * Returns the first error, or null.
   */
  static Diagnostic serverConfigError(SiteConfig site, Directive d) {
    SectionConditions conditions =
        new SectionConditions(
            site.modules(), "GET", site.serverRoot(), path -> FileStats.Stat.MISSING);
    DirConfigBuilder reader = new DirConfigBuilder(site.modules(), conditions, true);
    reader.applyAll(List.of(d), "/", new RewriteLevel());
    return reader.error;
  }

  boolean failed() {
    return error != null;
  }

  DirConfig build() {
    return new DirConfig(
        rewrite,
        directoryIndex,
        directorySlash,
        Map.copyOf(errorDocuments),
        options.followSymLinks() || options.symLinksIfOwnerMatch(),
        Map.copyOf(symlinkOptions),
        options.indexes(),
        access.copy(),
        List.copyOf(fileSections),
        List.copyOf(ifSections),
        redirectsInOrder(),
        Map.copyOf(mime.addTypes),
        Map.copyOf(mime.addCharsets),
        mime.forceType,
        List.copyOf(setEnvIf),
        fallbackResource,
        mime.defaultCharset,
        acceptPathInfo,
        response.copy(),
        error,
        errorDirectory,
        mime.setHandler,
        Map.copyOf(mime.addHandlers),
        List.copyOf(setEnv),
        cgiPassAuth);
  }

  /**
   * Applies one .htaccess of directory {@code dir} (physical path with trailing slash), which may
   * say what {@code granted} lets it.
   */
  void apply(ParseResult file, String dir, Overrides granted) {
    if (error != null) {
      return;
    }
    this.overrides = granted;
    for (Diagnostic d : file.diagnostics()) {
      if (d.severity() == Severity.ERROR) {
        fail(d, dir);
        return;
      }
      if (d.code().equals(SyntaxRule.UNCLOSED_CONDITIONAL.code())) {
        // Accepted when the condition holds (Apache reads on to the end of the file).
        Section open = sectionAt(file.nodes(), d.span());
        if (open == null || !conditionHolds(open)) {
          fail(d, dir);
          return;
        }
      }
    }
    applyLevel(file.nodes(), dir);
  }

  /**
   * Applies a {@code <Directory>} section of the server configuration for {@code dir}. Such a
   * section may hold directives an .htaccess may not (its errors stopped Apache at start-up).
   */
  void applyServerSection(List<ConfigNode> nodes, String dir) {
    if (error != null) {
      return;
    }
    serverContext = true;
    try {
      applyLevel(nodes, dir);
    } finally {
      serverContext = false;
    }
  }

  private void applyLevel(List<ConfigNode> nodes, String dir) {
    levelSerial++;
    RewriteLevel level = new RewriteLevel();
    setEnvIfNames = new HashMap<>();
    applyAll(nodes, dir, level);
    if (error == null) {
      access.applyLevel(grantedOnly(nodes), conditions::includesForAccess);
    }
    if (error == null && level.touched) {
      rewrite = level.mergeOnto(rewrite, dir);
    }
  }

  /**
   * The nodes minus those AllowOverride Nonfatal=Override made Apache skip (access control reads
   * the level's Require, Allow and Deny lines from the nodes themselves).
   */
  private List<ConfigNode> grantedOnly(List<ConfigNode> nodes) {
    if (serverContext || !overrides.nonfatalOverride()) {
      return nodes;
    }
    List<ConfigNode> kept = new ArrayList<>();
    for (ConfigNode n : nodes) {
      if (n instanceof Directive d) {
        DirectiveInfo info = DirectiveCatalog.standard().find(d.name()).orElse(null);
        boolean section = d instanceof Section;
        if (info != null
            && info.section() == section
            && modules.providesCatalogModule(info.module())
            && !overrides.allows(info, section)) {
          continue;
        }
        if (d instanceof Section s) {
          kept.add(
              new Section(
                  s.name(),
                  s.arguments(),
                  s.rawArguments(),
                  grantedOnly(s.children()),
                  s.span(),
                  s.endSpan()));
          continue;
        }
      }
      kept.add(n);
    }
    return kept;
  }

  private static Section sectionAt(List<ConfigNode> nodes, SourceSpan span) {
    for (ConfigNode n : nodes) {
      if (n instanceof Section s) {
        if (s.span().equals(span)) {
          return s;
        }
        Section inner = sectionAt(s.children(), span);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  /** Whether a conditional section's condition holds (including its enclosing ones). */
  private boolean conditionHolds(Section s) {
    return conditions.includes(s);
  }

  /**
   * The virtual host's {@code <Directory DocumentRoot>}: Require all granted, Options
   * FollowSymLinks.
   */
  void grantDocumentRoot() {
    access.grantAll();
    // ... and Options FollowSymLinks, which replaces what the virtual host said.
    options = new DirOptions(true, false, false);
  }

  /** True while a server-config section is applied: no .htaccess context checks. */
  private boolean serverContext;

  /** What the .htaccess being read may say (its directory's AllowOverride). */
  private Overrides overrides = Overrides.ALL;

  /**
   * The section around the directives read now, for core's "X not allowed in <Section> context", or
   * null at the top of the file.
   */
  private String parentSection;

  /**
   * Whether an .htaccess directive (or section) passes AllowOverride; one that does not fails the
   * file unless Nonfatal=Override lets Apache skip it. Returns false when it is to be skipped.
   */
  private boolean granted(DirectiveInfo info, boolean section, SourceSpan span, String dir) {
    if (serverContext || overrides.allows(info, section)) {
      return true;
    }
    if (!overrides.nonfatalOverride()) {
      String name = section ? "<" + info.name() : info.name();
      String where = parentSection == null ? "here" : "in " + parentSection + " context";
      fail(name + " not allowed " + where, span, dir);
    }
    return false;
  }

  private void fail(Diagnostic d, String dir) {
    if (error == null) {
      error = d;
      errorDirectory = dir;
    }
  }

  private void fail(String message, SourceSpan span, String dir) {
    fail(new Diagnostic("HT1100", Severity.ERROR, message, span), dir);
  }

  private void applyAll(List<ConfigNode> nodes, String dir, RewriteLevel level) {
    for (ConfigNode node : nodes) {
      if (error != null) {
        return;
      }
      if (node instanceof Directive d) {
        applyDirective(d, dir, level);
      }
    }
  }

  private void applyDirective(Directive d, String dir, RewriteLevel level) {
    String key = d.key();
    if (d instanceof Section s) {
      applySection(s, dir, level);
      return;
    }
    DirectiveInfo info = DirectiveCatalog.standard().find(d.name()).orElse(null);
    if (serverContext && (info == null || !(d instanceof RewriteMap))) {
      // The server configuration was checked when it was loaded.
    } else if (info == null || info.section() || !modules.providesCatalogModule(info.module())) {
      if (overrides.nonfatalUnknown()) {
        return; // AllowOverride Nonfatal=Unknown: skipped with a warning
      }
      fail(
          "Invalid command '"
              + d.name()
              + "', perhaps misspelled or defined by a module not included in the server"
              + " configuration",
          d.span(),
          dir);
      return;
    }
    if (!granted(info, false, d.span(), dir)) {
      return;
    }
    if (!serverContext && !info.allowedInHtaccess()) {
      fail(d.name() + " not allowed here", d.span(), dir);
      return;
    }
    if (d instanceof RewriteMap) {
      fail("RewriteMap not allowed here", d.span(), dir);
      return;
    }
    if (d instanceof RewriteEngine e) {
      level.touched = true;
      level.engine = e.on();
    } else if (d instanceof RewriteBase b) {
      level.touched = true;
      level.base = b.url();
    } else if (d instanceof RewriteOptions o) {
      level.touched = true;
      if (level.options == null) {
        level.options = EnumSet.noneOf(RewriteOption.class);
      }
      level.options.addAll(o.options());
    } else if (d instanceof RewriteCond c) {
      level.touched = true;
      level.pendingConds.add(c);
    } else if (d instanceof RewriteRule r) {
      level.touched = true;
      try {
        level.rules.add(new CompiledRule(r, level.pendingConds));
      } catch (PcreSyntaxException ex) {
        fail(
            "RewriteRule: cannot compile regular expression '"
                + ex.pattern()
                + "': "
                + ex.getMessage(),
            r.span(),
            dir);
      } catch (ApExpression.ExprException ex) {
        fail("RewriteCond: cannot compile expression: " + ex.getMessage(), r.span(), dir);
      }
      level.pendingConds.clear();
    } else if (d instanceof GenericDirective g) {
      sawRequire |= key.equals("require");
      if (!serverContext && info != null) {
        String problem =
            key.equals("options")
                ? DirectiveValidator.options(g.arguments(), overrides.options())
                : DirectiveValidator.problem(g, info);
        if (problem == null) {
          problem = AuthDirectives.problem(g, modules::loaded, authzOr);
        }
        if (problem != null) {
          fail(problem, g.span(), dir);
          return;
        }
      }
      applyGeneric(g, key, dir);
    }
  }

  private void applyGeneric(GenericDirective g, String key, String dir) {
    List<Argument> args = g.arguments();
    switch (key) {
      case "directoryindex" -> {
        // a second DirectoryIndex of the same configuration adds to the first
        List<String> before = directoryIndexLevel == levelSerial ? directoryIndex : List.of();
        directoryIndex = DirectiveValues.directoryIndex(before, args);
        directoryIndexLevel = levelSerial;
      }
      case "directoryslash" -> {
        if (!args.isEmpty()) {
          directorySlash = args.get(0).value().equalsIgnoreCase("on");
        }
      }
      case "errordocument" -> {
        if (args.size() >= 2) {
          try {
            errorDocuments.put(
                Integer.parseInt(args.get(0).value()), DirectiveValues.errorDocument(args.get(1)));
          } catch (NumberFormatException e) {
            fail("Unsupported HTTP response code " + args.get(0).value(), g.span(), dir);
          }
        } else {
          fail(
              "ErrorDocument takes two arguments, Change responses for HTTP errors", g.span(), dir);
        }
      }
      case "options" -> options = options.apply(args);
      case "header", "requestheader", "expiresactive", "expiresbytype", "expiresdefault" -> {
        try {
          response.apply(key, args);
        } catch (IllegalArgumentException e) {
          fail(e.getMessage(), g.span(), dir);
        }
      }
      case "setenv" ->
          setEnv.add(
              new EnvSetting(args.get(0).value(), args.size() > 1 ? args.get(1).value() : ""));
      case "unsetenv" -> {
        for (Argument a : args) {
          setEnv.add(new EnvSetting(a.value(), null));
        }
      }
      case "cgipassauth" ->
          cgiPassAuth = !args.isEmpty() && args.get(0).value().equalsIgnoreCase("on");
      case "setenvif", "setenvifnocase", "setenvifexpr", "browsermatch", "browsermatchnocase" -> {
        try {
          setEnvIf.add(SetEnvIfRule.of(key, args, setEnvIfNames));
        } catch (IllegalArgumentException e) {
          fail(e.getMessage(), g.span(), dir);
        }
      }
      case "fallbackresource" ->
          fallbackResource =
              args.isEmpty() || args.get(0).value().equalsIgnoreCase("disabled")
                  ? null
                  : args.get(0).value();
      case "acceptpathinfo" -> {
        String v = args.isEmpty() ? "default" : args.get(0).value().toLowerCase(Locale.ROOT);
        acceptPathInfo = v.equals("on") ? Boolean.TRUE : v.equals("off") ? Boolean.FALSE : null;
      }
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" -> {
        try {
          addRedirect(AliasRedirect.of(key, args, true, g.span()), dir);
        } catch (IllegalArgumentException | PcreSyntaxException e) {
          fail(e.getMessage(), g.span(), dir);
        }
      }
      default -> mime.apply(key, args);
    }
  }

  /**
   * mod_alias merges a directory's redirects before its parent's (the first that matches wins), and
   * a directory form replaces the parent's.
   */
  private void addRedirect(AliasRedirect redirect, String dir) {
    if (redirect.directory()) {
      directoryRedirect = redirect;
      return;
    }
    if (!dir.equals(redirectLevel)) {
      redirectLevel = dir;
      redirectsOfLevel = 0;
    }
    redirects.add(redirectsOfLevel++, redirect);
  }

  /** The directory form first (try_redirect), then the list. */
  private List<AliasRedirect> redirectsInOrder() {
    if (directoryRedirect == null) {
      return List.copyOf(redirects);
    }
    List<AliasRedirect> all = new ArrayList<>();
    all.add(directoryRedirect);
    all.addAll(redirects);
    return List.copyOf(all);
  }

  /**
   * Marks the end of a directory of the walk (its server sections and .htaccess applied): the links
   * in it are checked with the options as they are now.
   */
  void endLevel(String dir) {
    ifChainTail = null;
    symlinkOptions.put(
        dir, new SymlinkOptions(options.followSymLinks(), options.symLinksIfOwnerMatch()));
  }

  /** Whether a conditional section's content applies (see {@link SectionConditions}). */
  boolean includes(Section s) {
    return conditions.includes(s);
  }

  private void applySection(Section s, String dir, RewriteLevel level) {
    String name = s.key();
    DirectiveInfo known = DirectiveCatalog.standard().find(s.name()).orElse(null);
    if (!serverContext
        && known != null
        && known.section()
        && modules.providesCatalogModule(known.module())
        && !granted(known, true, s.span(), dir)) {
      return;
    }
    String header = DirectiveValidator.nestingProblem(s, enclosing);
    if (header == null) {
      header = DirectiveValidator.sectionProblem(s);
    }
    if (header == null && !serverContext) {
      header = DirectiveValidator.htaccessSectionProblem(s);
    }
    if (header != null) {
      fail(header, s.span(), dir);
      return;
    }
    switch (name) {
      case "ifmodule",
          "ifdefine",
          "ifdirective",
          "ifsection",
          "iffile",
          "ifversion",
          "limit",
          "limitexcept" -> {
        if (includes(s)) {
          enclosing.add(s);
          String outer = parentSection;
          parentSection = "<" + s.name() + ">";
          applyAll(s.children(), dir, level);
          parentSection = outer;
          enclosing.remove(enclosing.size() - 1);
        }
      }
      case "files", "filesmatch" -> {
        try {
          fileSections.add(FilesSection.of(s));
          checkDeferred(s, dir);
        } catch (PcreSyntaxException e) {
          fail("Regex could not be compiled: " + e.getMessage(), s.span(), dir);
        }
      }
      case "if", "elseif", "else" -> {
        if (!name.equals("if") && (ifChainTail == null || ifChainTail.equals("else"))) {
          fail(
              "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope",
              s.span(),
              dir);
          return;
        }
        ApExpression expression = null;
        if (!name.equals("else")) {
          try {
            expression = ApExpression.parse(IfSection.conditionText(s));
          } catch (ApExpression.ExprException | PcreSyntaxException e) {
            fail("Cannot parse expression in <" + s.name() + ">: " + e.getMessage(), s.span(), dir);
            return;
          }
        }
        ifSections.add(new IfSection(s, expression));
        ifChainTail = name;
        checkDeferred(s, dir);
      }
      case "requireall", "requireany", "requirenone" -> requireSection(s, dir);
      default -> {
        DirectiveInfo info = DirectiveCatalog.standard().find(s.name()).orElse(null);
        if (info == null || !modules.providesCatalogModule(info.module())) {
          if (!serverContext && overrides.nonfatalUnknown()) {
            return;
          }
          fail(
              "Invalid command '<"
                  + s.name()
                  + "', perhaps misspelled or defined by a module not"
                  + " included in the server configuration",
              s.span(),
              dir);
        } else if (serverContext) {
          serverSection(s, dir);
        } else if (!info.allowedInHtaccess()) {
          fail("<" + s.name() + " not allowed here", s.span(), dir);
        }
      }
    }
  }

  /**
   * Whether the level's (or the enclosing container's) Require lines are combined with OR: the
   * implicit container of a level is, and so are RequireAny and RequireNone.
   */
  private boolean authzOr = true;

  /** Whether this reader read a Require line or container (one that applies). */
  private boolean sawRequire;

  /**
   * A {@code <RequireAll|Any|None>}: its content first, then mod_authz_core's checks of the
   * container itself (add_authz_section).
   */
  private void requireSection(Section s, String dir) {
    String name = s.key();
    boolean negated = name.equals("requirenone");
    DirConfigBuilder reader = new DirConfigBuilder(modules, conditions, serverContext);
    reader.overrides = overrides;
    reader.parentSection = "<" + s.name() + ">";
    reader.authzOr = !name.equals("requireall");
    reader.enclosing.addAll(enclosing);
    reader.enclosing.add(s);
    reader.applyAll(s.children(), dir, new RewriteLevel());
    if (reader.error != null) {
      fail(reader.error, dir);
    } else if (!reader.sawRequire) {
      fail("<" + s.name() + "> directive contains no authorization directives", s.span(), dir);
    } else if (negated && authzOr) {
      fail("<" + s.name() + "> directive has no effect in <RequireAny> directive", s.span(), dir);
    }
    sawRequire = true;
  }

  /** A section only the server configuration may hold: its header's regex, then its content. */
  private void serverSection(Section s, String dir) {
    List<Argument> args = s.arguments();
    boolean tilde = !args.isEmpty() && args.get(0).value().equals("~");
    String regex =
        s.key().endsWith("match") && !args.isEmpty()
            ? args.get(0).value()
            : tilde && args.size() > 1 ? args.get(1).value() : null;
    if (regex != null) {
      try {
        PcrePattern.compile(regex, false);
      } catch (PcreSyntaxException e) {
        fail("Regex could not be compiled: " + e.getMessage(), s.span(), dir);
        return;
      }
    }
    checkDeferred(s, dir);
  }
}
