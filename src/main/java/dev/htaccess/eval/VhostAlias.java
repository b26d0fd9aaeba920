package dev.htaccess.eval;

import dev.htaccess.httpd.HostHeader;
import dev.htaccess.httpd.VhostAliasFormat;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.Section;
import java.util.List;
import java.util.Locale;

/**
 * {@code VirtualDocumentRoot} or {@code VirtualDocumentRootIP} (mod_vhost_alias): each request's
 * document root made from its server name (or the address it came in on) and port. The module
 * translates after mod_rewrite's and mod_alias's own translations decline, exactly as the core
 * translates with a DocumentRoot, and sets DOCUMENT_ROOT and CONTEXT_DOCUMENT_ROOT to it: so a
 * request is the request of the site whose DocumentRoot that directory is.
 *
 * @param format the format string (checked by {@link VhostAliasFormat#error})
 * @param byAddress the IP variant: the local address instead of the server name
 */
record VhostAlias(String format, boolean byAddress) {

  /** The module's directives. */
  private static final java.util.Set<String> DIRECTIVES =
      java.util.Set.of(
          "virtualdocumentroot",
          "virtualdocumentrootip",
          "virtualscriptalias",
          "virtualscriptaliasip");

  /** The module's name, as {@code <IfModule>} knows it. */
  static final String MODULE = "vhost_alias";

  /**
   * The address requests arrive on, as SERVER_ADDR reports it: the dry run and {@code serve} listen
   * on loopback.
   */
  static final String LOCAL_ADDRESS = "127.0.0.1";

  /**
   * The document root of a request the core names {@code server} (ap_get_server_name and _port:
   * with UseCanonicalName Off the Host's name).
   */
  String docroot(HostHeader server) {
    String name = byAddress ? LOCAL_ADDRESS : server.name();
    // r->hostname keeps an IPv6 literal without its brackets
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return VhostAliasFormat.interpolate(format, name, server.port());
  }

  /**
   * Whether the server configuration names the module's directives: Apache would not accept them
   * without its LoadModule, so the module counts as loaded.
   */
  static boolean declaredIn(List<ConfigNode> nodes) {
    for (ConfigNode n : nodes) {
      if (n instanceof Section s) {
        if (declaredIn(s.children())) {
          return true;
        }
      } else if (n instanceof Directive d
          && DIRECTIVES.contains(d.name().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
