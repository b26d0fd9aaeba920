package dev.htaccess.convert;

import dev.htaccess.model.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules' RewriteMap lookups as Caddy {@code map}s at the top of the site: one per lookup as
 * written (map, key and default), its source the key's expansion. Caddy evaluates a mapped
 * placeholder only when it is used, with the placeholders of the moment (the rule's captures
 * included), and compares exactly and case-sensitively, as mod_rewrite's txt lookup does; a key
 * Caddy would read otherwise ({@code ~...} is a regex, {@code default} the default) is written as
 * an anchored regex. Outputs are quoted, so that Caddy keeps {@code 1.50} or {@code true} a string.
 */
final class CaddyMaps {

  private final ServerConfigReader.ServerSettings server;
  private final Map<String, String> declared = new LinkedHashMap<>();
  private final CaddyText blocks = new CaddyText();

  CaddyMaps(ServerConfigReader.ServerSettings server) {
    this.server = server;
  }

  /** Why a lookup in this map cannot be converted (its key and default aside), or null. */
  String unsupported(Template.MapLookup m) {
    return server.unsupported(m, CaddyMaps::entryUnsupported);
  }

  private static String entryUnsupported(String key, String value) {
    if ((key + value).indexOf('{') >= 0 || (key + value).indexOf('}') >= 0) {
      return "a key or value with a brace (Caddy reads it as a placeholder)";
    }
    if (value.equals("-")) {
      return "the value - (Caddy's map reads it as no value)";
    }
    if (!CaddyText.quotable(key) || !CaddyText.quotable(value)) {
      return "a key or value with both quotes and backquotes";
    }
    return null;
  }

  /**
   * The placeholder that holds the lookup's value.
   *
   * @param key the key, expanded to a Caddy string
   * @param defaultValue the default, expanded (empty when the lookup has none, as in Apache)
   */
  String lookup(String map, String key, String defaultValue) {
    String id = map + "\0" + key + "\0" + defaultValue;
    String placeholder = declared.get(id);
    if (placeholder == null) {
      placeholder = "htaccess_map" + declared.size();
      declared.put(id, placeholder);
      block(server.map(map), key, placeholder, defaultValue);
    }
    return "{" + placeholder + "}";
  }

  private void block(
      ServerConfigReader.MapTable table, String key, String placeholder, String defaultValue) {
    blocks.comment(
        RewriteTranslator.line(
            table.directive().span().file(),
            table.directive().span().line(),
            table.directive().name(),
            table.directive().arguments()));
    blocks.open("map " + CaddyText.quote(key) + " {" + placeholder + "}");
    for (Map.Entry<String, String> e : table.entries().entrySet()) {
      blocks.line(input(e.getKey()) + " " + CaddyText.quote(e.getValue()));
    }
    blocks.line("default " + CaddyText.quote(defaultValue));
    blocks.close();
  }

  /** A key as Caddy's map compares it with the source. */
  private static String input(String key) {
    if (!key.startsWith("~") && !key.equals("default")) {
      return CaddyText.quote(key);
    }
    StringBuilder regex = new StringBuilder("~^");
    for (char c : key.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        regex.append('\\');
      }
      regex.append(c);
    }
    return CaddyText.quote(regex.append('$').toString());
  }

  /** The maps the conversion used, or an empty text. */
  CaddyText text() {
    return blocks;
  }
}
