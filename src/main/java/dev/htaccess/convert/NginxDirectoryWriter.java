package dev.htaccess.convert;

import dev.htaccess.httpd.Expiry;
import dev.htaccess.model.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A directory's configuration, as the {@link DirectoryReader} read it, as an nginx location body.
 */
final class NginxDirectoryWriter {

  private final DirectoryReader dir;
  private final List<Finding> findings;

  private final boolean redirectEnvRead;
  private final NginxMaps maps;

  /**
   * @param redirectEnvRead whether some rule of the document root reads %{ENV:REDIRECT_...}
   * @param maps the RewriteMaps the rules look up
   */
  NginxDirectoryWriter(
      DirectoryReader dir, List<Finding> findings, boolean redirectEnvRead, NginxMaps maps) {
    this.dir = dir;
    this.findings = findings;
    this.redirectEnvRead = redirectEnvRead;
    this.maps = maps;
  }

  /**
   * The location's body.
   *
   * @param fastcgi php-fpm's address, or null to serve .php files as files
   */
  NginxText body(String fastcgi) {
    DirectoryReader.Settings settings = dir.settings();
    NginxText out = new NginxText();
    if (settings.denied) {
      // Apache refuses before any rule runs; nginx's access phase comes after the rewrites.
      out.line("return 403;");
      return out;
    }
    if (!settings.addTypes.isEmpty()) {
      // a types block replaces the http level's: mime.types again, then AddType's (a later
      // extension wins; nested locations inherit the whole)
      out.comment("AddType");
      out.line("include mime.types;");
      out.open("types");
      for (Map.Entry<String, List<String>> e : byType(settings.addTypes).entrySet()) {
        out.line(e.getKey() + " " + String.join(" ", e.getValue()) + ";");
      }
      out.close();
    }
    NginxText common = new NginxText();
    for (DirectoryReader.FileDenial f : dir.denials()) {
      String location =
          f.regex()
              ? DirectoryReader.fromFilesMatch(f.pattern())
              : DirectoryReader.fromGlob(f.pattern());
      common.comment(f.source());
      common.line("location ~ " + NginxText.quote(location) + " { return 403; }");
    }
    for (DirectoryReader.AliasRedirect r : settings.redirects) {
      common.comment(r.source());
      common.line(redirect(r));
    }
    RewriteTranslator.Result rewrite = null;
    if (settings.rewriteOn && !dir.rules().isEmpty()) {
      rewrite =
          new RewriteTranslator(dir.prefix(), dir.base(), findings, redirectEnvRead, maps)
              .translate(dir.rules());
      common.append(rewrite.text());
      if (rewrite.proxies()) {
        // the request headers mod_proxy_http adds
        common.line("proxy_http_version 1.1;");
        common.line("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        common.line("proxy_set_header X-Forwarded-Host $http_host;");
        common.line("proxy_set_header X-Forwarded-Server $host;");
      }
    }
    common.line("index " + String.join(" ", settings.index) + ";");
    if (settings.indexes) {
      common.line("autoindex on;");
    }
    for (Map.Entry<Integer, String> e : settings.errorPages.entrySet()) {
      common.line("error_page " + e.getKey() + " " + NginxText.quote(e.getValue()) + ";");
    }
    for (DirectoryReader.HeaderLine h : dir.headers()) {
      findings.add(
          new Finding(
              h.directive().span(),
              false,
              "Header "
                  + (h.append() ? "append" : "set")
                  + " becomes add_header, which nginx also adds to 3xx answers"
                  + (h.append() ? " (as a second field, not joined)" : "")));
      common.comment(h.source());
      common.line(
          "add_header "
              + h.name()
              + " "
              + NginxText.quote(h.value())
              + (h.always() ? " always;" : ";"));
    }
    if (settings.expires()) {
      expires(settings, common);
    }
    out.append(common);
    String tryFiles = rewrite == null ? null : rewrite.tryFiles();
    if (tryFiles != null) {
      if (rewrite.slashGuard() != null) {
        out.line(rewrite.slashGuard());
      }
      out.line(tryFiles);
      // For the front controller itself Apache's rules run again and rewrite it to itself, which
      // ends the loop: served if it exists, else 404. nginx's try_files would redirect again.
      out.comment("the front controller: served if it exists, else 404, as Apache ends there");
      out.open("location = " + rewrite.frontController());
      out.append(common);
      out.line("try_files $uri =404;");
      if (fastcgi != null && rewrite.frontController().endsWith(".php")) {
        fastcgi(out, fastcgi);
      }
      out.close();
    }
    if (fastcgi != null) {
      out.comment(
          "PHP through php-fpm (a nested location runs only its own rules: the same again)");
      out.open("location ~ [^/]\\.php$");
      out.append(common);
      if (tryFiles != null && rewrite.slashGuard() != null) {
        out.line(rewrite.slashGuard());
      }
      out.line(tryFiles != null ? tryFiles : "try_files $uri =404;");
      fastcgi(out, fastcgi);
      out.close();
    }
    return out;
  }

  /**
   * mod_expires as nginx's {@code expires} from a map on the response's type. nginx counts every
   * value of one directive from the same base: when the directory mixes "access" and "modification"
   * codes, the modification ones are left out (reported).
   */
  private void expires(DirectoryReader.Settings settings, NginxText out) {
    List<Expiry> all = new ArrayList<>(settings.expiresByType.values());
    if (settings.expiresDefault != null) {
      all.add(settings.expiresDefault);
    }
    boolean modified = all.stream().allMatch(Expiry::fromModification);
    boolean mixed = !modified && all.stream().anyMatch(Expiry::fromModification);
    for (Directive d : dir.expiresLines()) {
      out.comment(
          RewriteTranslator.line(d.span().file(), d.span().line(), d.name(), d.arguments()));
      if (d.key().equals("expiresactive")) {
        continue;
      }
      // (the reader keeps only the lines that parsed: a code is their last argument)
      Expiry e = Expiry.parse(d.arguments().get(d.arguments().size() - 1).value());
      if (mixed && e.fromModification()) {
        findings.add(
            new Finding(
                d.span(),
                true,
                d.name()
                    + ": a \"modification\" code beside \"access\" ones (nginx's expires has one"
                    + " base for all types)"));
      }
      if (e.fromModification() && modified) {
        findings.add(
            new Finding(
                d.span(),
                false,
                d.name()
                    + ": once the file's time plus the expiry has passed, nginx sends Cache-Control:"
                    + " no-cache where Apache sends a negative max-age"));
      } else if (e.seconds() < 0) {
        findings.add(
            new Finding(
                d.span(),
                false,
                d.name()
                    + ": a negative expiry: nginx sends Cache-Control: no-cache where Apache sends"
                    + " a negative max-age"));
      }
    }
    String variable = maps.expires(settings.expiresByType, settings.expiresDefault, modified);
    if (!settings.expiresOffFiles.isEmpty()) {
      variable = maps.expiresOff(settings.expiresOffFiles, variable);
    }
    out.line("expires " + (modified ? "modified " : "") + variable + ";");
  }

  /** AddType's extensions grouped by media type, in the order written. */
  static Map<String, List<String>> byType(Map<String, String> addTypes) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : addTypes.entrySet()) {
      if (e.getKey().matches("[a-z0-9_+-]+") && e.getValue().matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
        out.computeIfAbsent(e.getValue(), k -> new java.util.ArrayList<>()).add(e.getKey());
      }
    }
    return out;
  }

  private void fastcgi(NginxText out, String address) {
    DirectoryReader.Settings settings = dir.settings();
    out.line("fastcgi_pass " + address + ";");
    out.line("include fastcgi_params;");
    out.line("fastcgi_param SCRIPT_FILENAME $request_filename;");
    if (!settings.phpValues.isEmpty()) {
      out.line(
          "fastcgi_param PHP_VALUE "
              + NginxText.quote(String.join("\n", settings.phpValues))
              + ";");
    }
  }

  /** A mod_alias redirect as an nginx {@code return}, under an {@code if} on the path. */
  private static String redirect(DirectoryReader.AliasRedirect a) {
    dev.htaccess.httpd.RedirectArgs r = a.args();
    // Redirect keeps the rest of the path after its prefix and the query; RedirectMatch neither.
    String rest = a.matching() ? "" : (r.directory() ? "" : "${htaccess_rest}") + "$is_args$args";
    String answer =
        r.target() == null
            ? "return " + r.status() + ";"
            : "return " + r.status() + " " + NginxText.quote(r.target() + rest) + ";";
    if (r.directory()) {
      return answer;
    }
    String test;
    if (a.matching()) {
      test = "$uri ~ " + NginxText.quote(r.match());
    } else {
      String path = r.match();
      test =
          "$uri ~ "
              + NginxText.quote(
                  "^"
                      + PatternPrefix.quoteLiteral(path)
                      + (path.endsWith("/") ? "(?<htaccess_rest>.*)$" : "(?<htaccess_rest>/.*)?$"));
    }
    return "if (" + test + ") { " + answer + " }";
  }
}
