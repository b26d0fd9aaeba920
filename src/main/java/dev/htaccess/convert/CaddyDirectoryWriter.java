package dev.htaccess.convert;

import dev.htaccess.httpd.RedirectArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A directory's configuration, as the {@link DirectoryReader} read it, as Caddy handlers: what runs
 * in each round (access, the rules, mod_alias's redirects) and how the path the rounds leave is
 * served (mod_dir's index, the listing or its 403, PHP, the file).
 */
final class CaddyDirectoryWriter {

  private final String id;
  private final DirectoryReader dir;
  private final CaddyPlaceholders placeholders;
  private final ConvertOptions options;
  private final List<Finding> findings;

  CaddyDirectoryWriter(
      String id,
      DirectoryReader dir,
      CaddyPlaceholders placeholders,
      ConvertOptions options,
      List<Finding> findings) {
    this.id = id;
    this.dir = dir;
    this.placeholders = placeholders;
    this.options = options;
    this.findings = findings;
  }

  /** What one round does in this directory: access first, then the rules, then mod_alias. */
  void rules(CaddyText matchers, CaddyText out) {
    DirectoryReader.Settings settings = dir.settings();
    if (settings.denied) {
      out.line("respond 403"); // Apache refuses before any rule runs
      return;
    }
    List<DirectoryReader.FileDenial> denials = dir.denials();
    for (int k = 0; k < denials.size(); k++) {
      DirectoryReader.FileDenial f = denials.get(k);
      String regex =
          f.regex() ? f.pattern() : "^" + DirectoryReader.fromGlob(f.pattern()).substring(1);
      out.comment(f.source());
      String why = Re2Syntax.unsupported(regex);
      if (why != null || !CaddyText.quotable(regex)) {
        out.comment("cannot convert: the pattern has " + why);
        findings.add(new Finding(f.span(), true, "the <FilesMatch> pattern has " + why));
        continue;
      }
      String name = "@" + id + "f" + k;
      // (CEL: Caddy 2.6's vars_regexp does not read a variable reliably; a path that ends in a
      // slash names a directory, which no <FilesMatch> denies here)
      matchers.open(name);
      matchers.line(
          "expression "
              + CaddyText.quote(
                  "string({vars.htaccess_file}).matches("
                      + CaddyText.celString(Re2Syntax.of(regex))
                      + ")"));
      matchers.line("not path */");
      matchers.close();
      out.line("respond " + name + " 403");
    }
    CaddyText aliases = new CaddyText();
    CaddyText start = new CaddyText();
    List<DirectoryReader.AliasRedirect> redirects = settings.redirects;
    for (int k = 0; k < redirects.size(); k++) {
      aliases.comment(redirects.get(k).source());
      alias(redirects.get(k), id + "a" + k, matchers, start, aliases);
    }
    out.append(start);
    if (settings.rewriteOn && !dir.rules().isEmpty()) {
      new CaddyRules(id, dir.prefix(), dir.base(), placeholders, findings)
          .write(dir.rules(), matchers, out);
    }
    out.append(aliases);
  }

  /**
   * A mod_alias redirect, matched against the path the round started with: its fixup runs after
   * mod_rewrite's, and an internal rewrite has not changed that path yet.
   */
  private void alias(
      DirectoryReader.AliasRedirect a,
      String name,
      CaddyText matchers,
      CaddyText start,
      CaddyText out) {
    RedirectArgs r = a.args();
    String matcher = "";
    if (!r.directory()) {
      String path = r.match();
      String regex =
          a.matching()
              ? r.match()
              : "^" + PatternPrefix.quoteLiteral(path) + (path.endsWith("/") ? "(.*)$" : "(/.*)?$");
      boolean captures = !a.matching() || (r.target() != null && r.target().contains("$"));
      String why = Re2Syntax.unsupported(regex, captures);
      if (why == null && !CaddyText.quotable(Re2Syntax.of(regex, captures))) {
        why = "both kinds of quote";
      }
      if (why != null) {
        out.comment("cannot convert: the pattern has " + why);
        findings.add(new Finding(a.span(), true, "the pattern has " + why));
        return;
      }
      // path_regexp on the path the round starts with (its groups kept for the redirect), and
      // the result kept for after the rules: a copy in a variable would be matched by Caddy's
      // vars_regexp, which expands {placeholders} in the request's own text
      matchers.line(
          "@"
              + name
              + " path_regexp "
              + name
              + " "
              + CaddyText.quote(Re2Syntax.of(regex, captures)));
      matchers.line("@" + name + "hit vars htaccess_" + name + " 1");
      start.line("vars htaccess_" + name + " 0");
      start.line("vars @" + name + " htaccess_" + name + " 1");
      matcher = "@" + name + "hit ";
    }
    int status = r.status();
    if (r.target() == null || status < 300 || status > 399) {
      out.line("respond " + matcher + status);
      return;
    }
    String target =
        a.matching()
            ? r.target().replaceAll("\\$([0-9])", "{re." + name + ".$1}")
            : r.target() + (r.directory() ? "" : "{re." + name + ".1}");
    if (target.startsWith("/")) {
      target = "{scheme}://{hostport}" + target;
    }
    out.open("route " + matcher);
    if (!a.matching()) {
      // Redirect keeps the query; RedirectMatch does not
      out.line("redir @htaccess_query " + CaddyText.quote(target + "?{query}") + " " + status);
    }
    out.line("redir " + CaddyText.quote(target) + " " + status);
    out.close();
  }

  /** How the path the rounds left is served in this directory. */
  void served(CaddyText matchers, CaddyText out) {
    DirectoryReader.Settings settings = dir.settings();
    if (settings.denied) {
      out.line("respond 403");
      return;
    }
    for (dev.htaccess.model.Directive d : dir.expiresLines()) {
      findings.add(
          new Finding(
              d.span(),
              true,
              d.name()
                  + ": Caddy's header directive can neither pick a response by its type nor"
                  + " compute the Expires date"));
    }
    for (DirectoryReader.HeaderLine h : dir.headers()) {
      findings.add(
          new Finding(
              h.directive().span(),
              false,
              "Header "
                  + (h.append() ? "append" : "set")
                  + " becomes Caddy's header, which is added to every answer, errors too"));
      out.comment(h.source());
      out.line("header " + (h.append() ? "+" : "") + h.name() + " " + CaddyText.quote(h.value()));
    }
    List<String> index = new ArrayList<>();
    for (String name : settings.index) {
      if (name.contains("/") || name.contains("{") || name.contains(" ")) {
        findings.add(
            new Finding(
                NginxConverter.fileSpan(dir.docroot()),
                true,
                "DirectoryIndex " + name + " (only names in the directory are converted)"));
      } else {
        index.add("{path}" + name);
      }
    }
    if (!index.isEmpty()) {
      out.comment("mod_dir: a directory's index, the first that exists");
      matchers.open("@" + id + "index");
      matchers.line("path */");
      matchers.open("file");
      matchers.line("try_files " + String.join(" ", index));
      matchers.close();
      matchers.close();
      out.line("rewrite @" + id + "index {file_match.relative}");
    }
    if (!settings.indexes) {
      matchers.open("@" + id + "noindex");
      matchers.line("path */");
      matchers.line("file {path}/");
      matchers.close();
      out.comment("no index and no Options Indexes: 403");
      out.line("respond @" + id + "noindex 403");
    }
    int k = 0;
    for (Map.Entry<String, List<String>> e :
        NginxDirectoryWriter.byType(settings.addTypes).entrySet()) {
      // AddType: Caddy's file_server keeps a Content-Type set before it
      String name = "@" + id + "type" + k++;
      matchers.open(name);
      matchers.line(
          "path_regexp " + CaddyText.quote("(?i)\\.(" + String.join("|", e.getValue()) + ")$"));
      matchers.line("file {path}");
      matchers.close();
      out.line("header " + name + " Content-Type " + CaddyText.quote(e.getKey()));
    }
    out.line("header @htaccess_forced Content-Type {vars.htaccess_type}"); // a rule's [T=type]
    if (options.phpFastcgi() != null) {
      php(matchers, out);
    }
    out.line(settings.indexes ? "file_server browse" : "file_server");
  }

  private void php(CaddyText matchers, CaddyText out) {
    matchers.open("@" + id + "php");
    matchers.line("path *.php");
    matchers.line("file {path}");
    matchers.close();
    String address = options.phpFastcgi();
    if (address.startsWith("unix:")) {
      address = "unix/" + address.substring(5);
    }
    out.open("reverse_proxy @" + id + "php " + address);
    out.open("transport fastcgi");
    out.line("root " + CaddyText.quote(dir.docroot().toString()));
    out.line("split .php");
    if (!dir.settings().phpValues.isEmpty()) {
      out.line("env PHP_VALUE " + CaddyText.quote(String.join("\n", dir.settings().phpValues)));
    }
    out.close();
    out.close();
  }

  /** ErrorDocument has no Caddy form here yet: each one this directory sets is reported. */
  void reportLeftOut(Path file, List<DocrootDirectories.Dir> dirs, int self) {
    Map<Integer, String> inherited = Map.of();
    for (int i = self - 1; i >= 0; i--) {
      if (dir.prefix().startsWith(dirs.get(i).prefix())) {
        inherited = dirs.get(i).reader().settings().errorPages;
        break;
      }
    }
    for (Map.Entry<Integer, String> e : dir.settings().errorPages.entrySet()) {
      if (!e.getValue().equals(inherited.get(e.getKey()))) {
        findings.add(
            new Finding(
                NginxConverter.fileSpan(file),
                true,
                "ErrorDocument " + e.getKey() + " " + e.getValue() + " (not converted for Caddy)"));
      }
    }
  }
}
