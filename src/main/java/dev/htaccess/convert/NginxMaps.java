package dev.htaccess.convert;

import dev.htaccess.model.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules' RewriteMap lookups as nginx {@code map}s (written at the http level): one per map and
 * default value, {@code volatile} so that each read looks up the key set just before it. nginx
 * matches a map's plain keys ignoring case where mod_rewrite does not: a key with a letter is
 * written as a regex ({@code ~^key\z}, which is case-sensitive), checked in file order as
 * mod_rewrite reads the file (the first line for a key wins; nginx tries regexes in order).
 */
final class NginxMaps {

  private final ServerConfigReader.ServerSettings server;
  private final Map<String, Integer> ids = new LinkedHashMap<>();
  private final Map<String, Integer> variants = new LinkedHashMap<>();
  private final NginxText blocks = new NginxText();
  private int values;

  NginxMaps(ServerConfigReader.ServerSettings server) {
    this.server = server;
  }

  /** Why a lookup in this map cannot be converted (its key and default aside), or null. */
  String unsupported(Template.MapLookup m) {
    return server.unsupported(
        m,
        (key, value) ->
            value.indexOf('$') >= 0
                ? "the value " + value + " has a literal $ (nginx has no escape for it)"
                : null);
  }

  /**
   * Writes the lookup of the (expanded) key, before the value is used, and gives the nginx variable
   * that then holds the value.
   *
   * @param defaultValue the default, expanded (empty when the lookup has none, as in Apache)
   */
  String lookup(String map, String key, String defaultValue, NginxText before) {
    int id = ids.computeIfAbsent(map, n -> ids.size());
    String variantKey = id + "\0" + defaultValue;
    Integer variant = variants.get(variantKey);
    if (variant == null) {
      variant = (int) variants.keySet().stream().filter(k -> k.startsWith(id + "\0")).count();
      variants.put(variantKey, variant);
      block(server.map(map), id, variant, defaultValue);
    }
    int n = values++;
    before.line("set $htaccess_mapkey" + id + " " + NginxText.quote(key) + ";");
    before.line("set $htaccess_mapvalue" + n + " $htaccess_map" + id + "_" + variant + ";");
    return "${htaccess_mapvalue" + n + "}";
  }

  private void block(ServerConfigReader.MapTable table, int id, int variant, String defaultValue) {
    blocks.blank();
    blocks.comment(
        RewriteTranslator.line(
            table.directive().span().file(),
            table.directive().span().line(),
            table.directive().name(),
            table.directive().arguments()));
    blocks.open("map $htaccess_mapkey" + id + " $htaccess_map" + id + "_" + variant);
    blocks.line("volatile;");
    blocks.line("default " + NginxText.quote(defaultValue) + ";");
    for (Map.Entry<String, String> e : table.entries().entrySet()) {
      blocks.line(key(e.getKey()) + " " + NginxText.quote(e.getValue()) + ";");
    }
    blocks.close();
  }

  /** A key as nginx's map matches it exactly. */
  private static String key(String key) {
    if (key.chars().noneMatch(Character::isLetter)) {
      // nginx takes a leading ~ as a regex and drops a leading backslash
      return NginxText.quote(key.startsWith("~") || key.startsWith("\\") ? "\\" + key : key);
    }
    StringBuilder regex = new StringBuilder("~^");
    for (char c : key.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        regex.append('\\');
      }
      regex.append(c);
    }
    return NginxText.quote(regex.append("\\z").toString());
  }

  /** The maps the conversion used, or an empty text. */
  NginxText text() {
    return blocks;
  }
}
