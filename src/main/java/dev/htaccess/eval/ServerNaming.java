package dev.htaccess.eval;

import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.VhostAliasFormat;
import dev.htaccess.model.Argument;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.source.Diagnostic;
import dev.htaccess.source.RawText;
import dev.htaccess.source.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the virtual host says about its names: ServerName and ServerAlias, UseCanonicalName, and
 * mod_vhost_alias's per-host roots (VirtualDocumentRoot, VirtualScriptAlias and their IP forms).
 */
final class ServerNaming {

  private int serverNamePort;
  private String serverHostname;
  private String useCanonicalName = "off";
  private final Set<String> serverNames = new HashSet<>();

  /** mod_vhost_alias's document root for each host, or null (none, or "none"). */
  private VhostAlias vhostAlias;

  /** mod_vhost_alias's /cgi-bin/ directory for each host (VirtualScriptAlias), or null. */
  private VhostAlias vhostScriptAlias;

  /**
   * Takes the directive if it is one of these; false for any other. Errors go to {@code errors}.
   */
  boolean apply(GenericDirective g, List<Diagnostic> errors) {
    List<Argument> a = g.arguments();
    switch (g.key()) {
      case "servername" -> {
        if (!a.isEmpty()) {
          String n = a.get(0).value();
          int scheme = n.indexOf("://");
          if (scheme >= 0) {
            n = n.substring(scheme + 3);
          }
          int colon = n.lastIndexOf(':');
          if (colon > 0) {
            serverNamePort = CNumbers.atoi(n.substring(colon + 1));
            n = n.substring(0, colon);
          }
          serverNames.add(RawText.asciiLower(n));
          serverHostname = n;
        }
      }
      case "serveralias" -> {
        for (Argument arg : a) {
          serverNames.add(RawText.asciiLower(arg.value()));
        }
      }
      case "usecanonicalname" -> {
        String v = a.isEmpty() ? "" : RawText.asciiLower(a.get(0).value());
        if (v.equals("on") || v.equals("off") || v.equals("dns")) {
          useCanonicalName = v;
        } else {
          errors.add(
              new Diagnostic(
                  "HT1100", Severity.ERROR, "parameter must be 'on', 'off', or 'dns'", g.span()));
        }
      }
      case "virtualdocumentroot",
          "virtualdocumentrootip",
          "virtualscriptalias",
          "virtualscriptaliasip" -> {
        if (a.size() == 1) {
          String format = a.get(0).value();
          String problem = VhostAliasFormat.error(format);
          if (problem != null) {
            errors.add(new Diagnostic("HT1100", Severity.ERROR, problem, g.span()));
            return true;
          }
          VhostAlias spec =
              VhostAliasFormat.isNone(format)
                  ? null
                  : new VhostAlias(format, g.key().endsWith("ip"));
          if (g.key().startsWith("virtualdocumentroot")) {
            vhostAlias = spec;
          } else {
            vhostScriptAlias = spec;
          }
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** mod_vhost_alias's per-host document root, or null when the host has one DocumentRoot. */
  VhostAlias vhostAlias() {
    return vhostAlias;
  }

  /** VirtualScriptAlias's per-host /cgi-bin/ directory, or null. */
  VhostAlias vhostScriptAlias() {
    return vhostScriptAlias;
  }

  /** Whether the module makes each host's roots (either directive is set). */
  boolean perHostRoots() {
    return vhostAlias != null || vhostScriptAlias != null;
  }

  /** ServerName's name as written (r->server->server_hostname), or null when none is set. */
  String serverHostname() {
    return serverHostname;
  }

  /** UseCanonicalName: {@code off} (the default), {@code on} or {@code dns}. */
  String useCanonicalName() {
    return useCanonicalName;
  }

  /** The port of ServerName, or 0 when ServerName names none. */
  int serverNamePort() {
    return serverNamePort;
  }

  /** ServerName and ServerAlias names, lower case. */
  Set<String> serverNames() {
    return serverNames;
  }
}
