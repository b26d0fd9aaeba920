package dev.htaccess.lint;

import dev.htaccess.httpd.ModuleNames;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteEngine;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import dev.htaccess.source.SourceFile;
import dev.htaccess.source.SourceSpan;
import dev.htaccess.syntax.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a check sees of one file: its AST, flattened views of it, the options, and a way to report.
 * Built once per file and shared by all checks.
 */
public final class LintContext {

  /** A directive with the sections around it, outermost first. */
  public record Located(Directive directive, List<Section> enclosing) {

    /** True when some enclosing section has this name (case-insensitive). */
    public boolean inside(String sectionName) {
      return enclosing.stream().anyMatch(s -> s.name().equalsIgnoreCase(sectionName));
    }
  }

  /** A RewriteRule with the RewriteCond lines Apache attaches to it. */
  public record Rule(RewriteRule rule, List<RewriteCond> conditions, List<Section> enclosing) {}

  private final SourceFile file;
  private final ParseResult parse;
  private final LintOptions options;
  private final List<Located> directives = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Located> orphanConditions = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private CheckInfo current;

  /** RewriteEngine as the parent directories' files leave it (null: none of them sets it). */
  private final Boolean inheritedRewriteEngine;

  public LintContext(ParseResult parse, LintOptions options) {
    this(parse, options, List.of());
  }

  /**
   * A file's context below its parent directories' {@code .htaccess} files ({@code parents}, the
   * outermost first), whose settings it inherits where Apache merges them.
   */
  public LintContext(ParseResult parse, LintOptions options, List<ParseResult> parents) {
    Boolean engine = null;
    for (ParseResult parent : parents) {
      for (Located l : new LintContext(parent, options).directives()) {
        // mod_rewrite merges the engine's state into subdirectories unless they set it
        if (l.directive() instanceof RewriteEngine e
            && l.enclosing().stream().allMatch(LintContext::sharesConfig)) {
          engine = e.on();
        }
      }
    }
    this.inheritedRewriteEngine = engine;
    this.file = parse.file();
    this.parse = parse;
    this.options = options;
    List<RewriteCond> pending = new ArrayList<>();
    List<Located> pendingLocated = new ArrayList<>();
    flatten(parse.nodes(), List.of(), pending, pendingLocated);
    orphanConditions.addAll(pendingLocated);
  }

  private void flatten(
      List<ConfigNode> nodes,
      List<Section> enclosing,
      List<RewriteCond> pending,
      List<Located> pendingLocated) {
    for (ConfigNode node : nodes) {
      if (!(node instanceof Directive d)) {
        continue;
      }
      directives.add(new Located(d, enclosing));
      if (d instanceof Section s) {
        List<Section> inner = new ArrayList<>(enclosing);
        inner.add(s);
        if (sharesConfig(s)) {
          flatten(s.children(), List.copyOf(inner), pending, pendingLocated);
        } else {
          // <Files>, <If> ... hold a configuration of their own.
          List<RewriteCond> ownPending = new ArrayList<>();
          List<Located> ownLocated = new ArrayList<>();
          flatten(s.children(), List.copyOf(inner), ownPending, ownLocated);
          orphanConditions.addAll(ownLocated);
        }
      } else if (d instanceof RewriteCond c) {
        pending.add(c);
        pendingLocated.add(new Located(d, enclosing));
      } else if (d instanceof RewriteRule r) {
        rules.add(new Rule(r, List.copyOf(pending), enclosing));
        pending.clear();
        pendingLocated.clear();
      }
    }
  }

  /** Conditional sections merge their content into the surrounding configuration. */
  static boolean sharesConfig(Section s) {
    return switch (s.key()) {
      case "ifmodule", "ifdefine", "ifversion", "ifdirective", "ifsection", "iffile" -> true;
      default -> false;
    };
  }

  public SourceFile file() {
    return file;
  }

  /** RewriteEngine as the parent directories leave it, or null when none of them sets it. */
  public Boolean inheritedRewriteEngine() {
    return inheritedRewriteEngine;
  }

  public ParseResult parse() {
    return parse;
  }

  public LintOptions options() {
    return options;
  }

  public DirectiveCatalog catalog() {
    return DirectiveCatalog.standard();
  }

  /** Every directive and section, in file order. */
  public List<Located> directives() {
    return directives;
  }

  /** Every RewriteRule with its conditions, in file order. */
  public List<Rule> rules() {
    return rules;
  }

  /** RewriteCond lines that no RewriteRule follows in their configuration. */
  public List<Located> orphanConditions() {
    return orphanConditions;
  }

  /** True when a module is assumed loaded (always true without --assume-modules). */
  public boolean moduleLoaded(String module) {
    Set<String> assumed = options.assumedModules();
    if (assumed == null) {
      return true;
    }
    return new ModuleSet(assumed).loaded(ModuleNames.fromUser(module));
  }

  void startCheck(CheckInfo info) {
    this.current = info;
  }

  /** Reports a problem at {@code span} with the running check's code and severity. */
  public void report(SourceSpan span, String message) {
    report(span, message, current.severity());
  }

  /** Reports a problem with a severity other than the check's default. */
  public void report(SourceSpan span, String message, Severity severity) {
    findings.add(new Finding(current.code(), current.name(), severity, message, span));
  }

  /** Reports a problem with the change that removes it. */
  public void report(SourceSpan span, String message, Fix fix) {
    findings.add(
        new Finding(current.code(), current.name(), current.severity(), message, span, fix));
  }

  /** The offset in the file's text of a 1-based line and column. */
  public int offset(int line, int column) {
    return file().offset(line, column);
  }

  List<Finding> findings() {
    return findings;
  }
}
