package dev.htaccess.convert;

import dev.htaccess.httpd.Expiry;
import dev.htaccess.httpd.IfVersion;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.httpd.ReadTimeConditions;
import dev.htaccess.httpd.RedirectArgs;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.RewriteBase;
import dev.htaccess.model.RewriteCond;
import dev.htaccess.model.RewriteEngine;
import dev.htaccess.model.RewriteOptions;
import dev.htaccess.model.RewriteRule;
import dev.htaccess.model.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One directory's configuration (its .htaccess over its parents') read into what a converter writes
 * for it, whatever the target server. What Apache merges down from a parent directory
 * (DirectoryIndex, Options Indexes, ErrorDocument, access, Redirect) is merged here the same way;
 * mod_rewrite's rules are the directory's own, as Apache's per-directory merge keeps them.
 */
final class DirectoryReader {

  /** The modules the engine simulates, so that {@code <IfModule>} reads as it does in a dry run. */
  private static final ModuleSet MODULES = ModuleSet.ORACLE;

  /** Directives that change nothing the target does (or that it does the same way by default). */
  static final Set<String> NO_EFFECT =
      Set.of("serversignature", "fileetag", "checkspelling", "contentdigest");

  /** What a directory inherits from its parent and passes on to its children. */
  static final class Settings {
    List<String> index = List.of("index.html", "index.php");
    boolean indexes;
    boolean denied;
    Map<Integer, String> errorPages = new LinkedHashMap<>();
    List<AliasRedirect> redirects = new ArrayList<>();
    boolean rewriteOn;
    List<String> phpValues = new ArrayList<>();

    /** AddType: extension (lower case, no dot) to media type (lower case), as mod_mime merges. */
    Map<String, String> addTypes = new LinkedHashMap<>();

    /** mod_expires, merged as it merges: ExpiresActive (null: not set), by type, the default. */
    Boolean expiresActive;

    Map<String, Expiry> expiresByType = new LinkedHashMap<>();
    Expiry expiresDefault;

    /**
     * The URL paths (as regexes) of the files a {@code <Files>} or {@code <FilesMatch>} turns
     * mod_expires off for.
     */
    List<String> expiresOffFiles = new ArrayList<>();

    /** Whether mod_expires sets Expires and Cache-Control on some response here. */
    boolean expires() {
      return Boolean.TRUE.equals(expiresActive)
          && (!expiresByType.isEmpty() || expiresDefault != null);
    }

    Settings copy() {
      Settings s = new Settings();
      s.index = index;
      s.indexes = indexes;
      s.denied = denied;
      s.errorPages = new LinkedHashMap<>(errorPages);
      s.redirects = new ArrayList<>(redirects);
      s.rewriteOn = rewriteOn;
      s.phpValues = new ArrayList<>(phpValues);
      s.addTypes = new LinkedHashMap<>(addTypes);
      s.expiresActive = expiresActive;
      s.expiresByType = new LinkedHashMap<>(expiresByType);
      s.expiresDefault = expiresDefault;
      s.expiresOffFiles = new ArrayList<>(expiresOffFiles);
      return s;
    }
  }

  /**
   * A mod_alias redirect.
   *
   * @param span the directive
   * @param source the directive as the comment above what it became shows it
   * @param matching true for RedirectMatch (a regex on the path), false for a path prefix
   */
  record AliasRedirect(
      dev.htaccess.source.SourceSpan span, String source, boolean matching, RedirectArgs args) {}

  /**
   * A {@code <Files>} or {@code <FilesMatch>} section that denies access.
   *
   * @param span the directive inside that denies (what a request's trace names)
   * @param regex true for a regex on the file's name, false for a wildcard
   */
  record FileDenial(
      dev.htaccess.source.SourceSpan span, String source, boolean regex, String pattern) {}

  /** {@code Header set|append name value} (a literal value). */
  record HeaderLine(
      Directive directive,
      String source,
      boolean append,
      String name,
      String value,
      boolean always) {}

  private final java.nio.file.Path docroot;
  private final String prefix;
  private final List<Finding> findings;
  private final Settings settings;
  private final List<FileDenial> denials = new ArrayList<>();
  private final List<HeaderLine> headers = new ArrayList<>();
  private final List<Directive> expiresLines = new ArrayList<>();
  private final List<RewriteTranslator.Rule> rules = new ArrayList<>();
  private final List<RewriteCond> pending = new ArrayList<>();
  private String base;

  /** The settings after this directory, for its children. */
  Settings settings() {
    return settings;
  }

  String prefix() {
    return prefix;
  }

  java.nio.file.Path docroot() {
    return docroot;
  }

  /** The RewriteBase, or null. */
  String base() {
    return base;
  }

  /** The directory's rules, each with its conditions. */
  List<RewriteTranslator.Rule> rules() {
    return rules;
  }

  List<FileDenial> denials() {
    return denials;
  }

  /** This directory's own Expires* directives (what they set is in the settings). */
  List<Directive> expiresLines() {
    return expiresLines;
  }

  List<HeaderLine> headers() {
    return headers;
  }

  DirectoryReader(
      java.nio.file.Path docroot, String prefix, Settings inherited, List<Finding> findings) {
    this.docroot = docroot;
    this.prefix = prefix;
    this.settings = inherited.copy();
    this.findings = findings;
  }

  /** Reads the directory's .htaccess nodes. */
  void read(List<ConfigNode> nodes) {
    for (ConfigNode node : nodes) {
      if (node instanceof Directive d) {
        directive(d);
      }
    }
  }

  private void directive(Directive d) {
    if (d instanceof Section s) {
      section(s);
    } else if (d instanceof RewriteEngine e) {
      settings.rewriteOn = e.on();
    } else if (d instanceof RewriteBase b) {
      base = b.url();
    } else if (d instanceof RewriteCond c) {
      pending.add(c);
    } else if (d instanceof RewriteRule r) {
      rules.add(new RewriteTranslator.Rule(List.copyOf(pending), r));
      pending.clear();
    } else if (d instanceof RewriteOptions o) {
      cannot(d, "RewriteOptions (the rules of each directory are converted on their own)");
    } else {
      generic(d);
    }
  }

  private void section(Section s) {
    String key = s.key();
    List<String> args = s.arguments().stream().map(Argument::value).toList();
    Boolean conditional = applies(s);
    if (conditional != null) {
      if (conditional) {
        read(s.children());
      }
      return;
    }
    switch (key) {
      case "files", "filesmatch" -> files(s, key.equals("filesmatch"), args);
      default -> cannot(s, "the section <" + s.name() + ">");
    }
  }

  /** {@code <Files>}/{@code <FilesMatch>} that deny access: a nested location answering 403. */
  private void files(Section s, boolean regex, List<String> args) {
    String pattern = args.isEmpty() ? "" : args.get(0);
    Directive denies = null;
    for (Directive d : applying(s.children())) {
      {
        if (deniesAll(d)) {
          denies = d;
        } else if (d.key().equals("expiresactive")
            && d.arguments().size() == 1
            && d.arguments().get(0).value().equalsIgnoreCase("off")) {
          // the files it names get no Expires here and below
          boolean asRegex = regex || pattern.startsWith("~");
          String p = regex || !pattern.startsWith("~") ? pattern : pattern.substring(1).trim();
          settings.expiresOffFiles.add(asRegex ? fromFilesMatch(p) : fromGlob(p));
          expiresLines.add(d);
        } else if (!isAllowOrOrder(d)) {
          cannot(d, "inside <" + s.name() + "> only access control is converted");
        }
      }
    }
    if (denies == null) {
      return;
    }
    denials.add(
        new FileDenial(
            denies.span(),
            RewriteTranslator.line(s.span().file(), s.span().line(), "<" + s.name(), s.arguments())
                + ">: denied",
            regex || pattern.startsWith("~"),
            regex || !pattern.startsWith("~") ? pattern : pattern.substring(1).trim()));
  }

  /** The directives that apply, the conditional sections among them resolved as Apache does. */
  private List<Directive> applying(List<ConfigNode> nodes) {
    List<Directive> out = new ArrayList<>();
    for (ConfigNode node : nodes) {
      if (!(node instanceof Directive d)) {
        continue;
      }
      Boolean applies = d instanceof Section s ? applies(s) : null;
      if (applies == null) {
        out.add(d);
      } else if (applies) {
        out.addAll(applying(((Section) d).children()));
      }
    }
    return out;
  }

  /** Whether a conditional section's content applies, or null when it is not conditional. */
  private Boolean applies(Section s) {
    try {
      return ReadTimeConditions.holds(
          s.key(), s.arguments().stream().map(Argument::value).toList(), MODULES);
    } catch (IfVersion.Invalid e) {
      cannot(s, "an <IfVersion> Apache refuses");
      return false;
    }
  }

  /**
   * A FilesMatch regex (matched against the file's name) as a regex on the path: the match starts
   * after the path's last slash (a name has none), and each {@code ^} (the name's start) becomes
   * "just after a slash".
   */
  static String fromFilesMatch(String regex) {
    String r = regex.startsWith("~") ? regex.substring(1).trim() : regex;
    StringBuilder out = new StringBuilder("/(?=[^/]*$)[^/]*?(?:");
    boolean inClass = false;
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\' && i + 1 < r.length()) {
        out.append(c).append(r.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < r.length() && r.charAt(i + 1) == '^') {
          out.append("[^");
          i++;
          continue;
        }
      } else if (c == '^') {
        out.append("(?<=/)");
        continue;
      }
      out.append(c);
    }
    return out.append(')').toString();
  }

  /** A Files wildcard (matched against the file's name) as a regex on the path. */
  static String fromGlob(String glob) {
    StringBuilder out = new StringBuilder("/");
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> out.append("[^/]*");
        case '?' -> out.append("[^/]");
        default -> out.append(PatternPrefix.quoteLiteral(String.valueOf(c)));
      }
    }
    return out.append('$').toString();
  }

  private static boolean deniesAll(Directive d) {
    List<String> a = d.arguments().stream().map(x -> x.value().toLowerCase(Locale.ROOT)).toList();
    return (d.key().equals("require") && a.equals(List.of("all", "denied")))
        || (d.key().equals("deny") && a.equals(List.of("from", "all")));
  }

  private static boolean isAllowOrOrder(Directive d) {
    return d.key().equals("order") || d.key().equals("satisfy");
  }

  private void generic(Directive d) {
    List<String> args = d.arguments().stream().map(Argument::value).toList();
    switch (d.key()) {
      case "directoryindex" -> {
        if (args.size() == 1 && args.get(0).equalsIgnoreCase("disabled")) {
          cannot(d, "DirectoryIndex disabled (nginx and Caddy always have an index list)");
        } else {
          settings.index = args;
        }
      }
      case "options" -> options(d, args);
      case "errordocument" -> errorDocument(d, args);
      case "require" -> {
        if (deniesAll(d)) {
          settings.denied = true;
        } else if (args.size() == 2
            && args.get(0).equalsIgnoreCase("all")
            && args.get(1).equalsIgnoreCase("granted")) {
          settings.denied = false;
        } else {
          cannot(d, "Require " + String.join(" ", args));
        }
      }
      case "deny" -> {
        if (deniesAll(d)) {
          settings.denied = true;
        } else {
          cannot(d, "Deny " + String.join(" ", args));
        }
      }
      case "allow" -> {
        if (!(args.size() == 2 && args.get(1).equalsIgnoreCase("all"))) {
          cannot(d, "Allow " + String.join(" ", args));
        }
      }
      case "order", "satisfy" -> {
        // with Allow/Deny from all alone, the order does not change the answer
      }
      case "redirect", "redirectmatch", "redirectpermanent", "redirecttemp" -> redirect(d, args);
      case "php_value", "php_flag", "php_admin_value", "php_admin_flag" -> {
        if (args.size() >= 2) {
          settings.phpValues.add(args.get(0) + "=" + args.get(1));
        }
      }
      case "header" -> header(d, args);
      case "expiresactive", "expiresbytype", "expiresdefault" -> expires(d, args);
      case "addtype" -> {
        for (int i = 1; i < args.size(); i++) {
          String ext = args.get(i).startsWith(".") ? args.get(i).substring(1) : args.get(i);
          settings.addTypes.put(ext.toLowerCase(Locale.ROOT), args.get(0).toLowerCase(Locale.ROOT));
        }
      }
      default -> {
        if (!NO_EFFECT.contains(d.key())) {
          cannot(d, d.name());
        }
      }
    }
  }

  private void options(Directive d, List<String> args) {
    for (String raw : args) {
      String o = raw.toLowerCase(Locale.ROOT);
      boolean on = !o.startsWith("-");
      String name = o.startsWith("+") || o.startsWith("-") ? o.substring(1) : o;
      switch (name) {
        case "indexes" -> settings.indexes = on;
        case "multiviews" -> {
          if (on) {
            cannot(d, "Options MultiViews (nginx and Caddy have no content negotiation)");
          }
        }
        case "followsymlinks", "symlinksifownermatch" -> {
          if (!on) {
            approximate(
                d, "Options -" + raw.substring(1) + ": nginx and Caddy follow symbolic links");
          }
        }
        case "all" -> settings.indexes = on;
        case "none" -> settings.indexes = false;
        default -> {
          if (on) {
            cannot(d, "Options " + raw);
          }
        }
      }
    }
  }

  private void errorDocument(Directive d, List<String> args) {
    if (args.size() < 2) {
      return;
    }
    int status;
    try {
      status = Integer.parseInt(args.get(0));
    } catch (NumberFormatException e) {
      cannot(d, "ErrorDocument " + args.get(0));
      return;
    }
    String target = args.get(1);
    if (d.arguments().get(1).quoted() || !(target.startsWith("/") || target.contains("://"))) {
      cannot(d, "an ErrorDocument message (only a local path or a URL is converted)");
      return;
    }
    if (target.equals("default")) {
      settings.errorPages.remove(status);
    } else if (target.startsWith("/")
        && !target.contains("?")
        && !java.nio.file.Files.exists(docroot.resolve(target.substring(1)))) {
      // Apache then answers the original status (and says the error document failed); nginx
      // would answer the missing document's 404.
      approximate(
          d, "ErrorDocument " + status + " " + target + ": the document does not exist; left out");
      settings.errorPages.remove(status);
    } else {
      settings.errorPages.put(status, target);
    }
  }

  private void redirect(Directive d, List<String> args) {
    RedirectArgs r;
    try {
      r = RedirectArgs.parse(d.key(), args, true);
    } catch (IllegalArgumentException e) {
      cannot(d, e.getMessage());
      return;
    }
    if (r.target() != null
        && r.target().contains("$")
        && !r.directory()
        && !d.key().equals("redirectmatch")) {
      cannot(d, "a literal $ in the target");
      return;
    }
    settings.redirects.add(
        new AliasRedirect(
            d.span(),
            RewriteTranslator.line(d.span().file(), d.span().line(), d.name(), d.arguments()),
            d.key().equals("redirectmatch"),
            r));
  }

  private void header(Directive d, List<String> args) {
    List<String> a = new ArrayList<>(args);
    boolean always = !a.isEmpty() && a.get(0).equalsIgnoreCase("always");
    if (!a.isEmpty() && (always || a.get(0).equalsIgnoreCase("onsuccess"))) {
      a.remove(0);
    }
    if (a.size() == 3
        && (a.get(0).equalsIgnoreCase("set") || a.get(0).equalsIgnoreCase("append"))
        && !a.get(2).contains("%{")
        && !a.get(2).contains("$")) {
      headers.add(
          new HeaderLine(
              d,
              RewriteTranslator.line(d.span().file(), d.span().line(), d.name(), d.arguments()),
              a.get(0).equalsIgnoreCase("append"),
              a.get(1),
              a.get(2),
              always));
    } else {
      cannot(d, "Header " + String.join(" ", args));
    }
  }

  private void expires(Directive d, List<String> args) {
    try {
      switch (d.key()) {
        case "expiresactive" -> settings.expiresActive = args.get(0).equalsIgnoreCase("on");
        case "expiresbytype" ->
            settings.expiresByType.put(
                args.get(0).toLowerCase(Locale.ROOT), Expiry.parse(args.get(1)));
        default -> settings.expiresDefault = Expiry.parse(args.get(0));
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      cannot(d, d.name() + " " + String.join(" ", args));
      return;
    }
    expiresLines.add(d);
  }

  private void cannot(Directive d, String why) {
    findings.add(new Finding(d.span(), true, why));
  }

  private void approximate(Directive d, String why) {
    findings.add(new Finding(d.span(), false, why));
  }
}
