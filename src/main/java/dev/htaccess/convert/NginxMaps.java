package dev.htaccess.convert;

import dev.htaccess.httpd.Expiry;
import dev.htaccess.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final Map<String, Integer> expiresMaps = new LinkedHashMap<>();

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

  /**
   * The variable that holds nginx's {@code expires} value for a response, by its Content-Type as
   * mod_expires picks its ExpiresByType: the type as sent, then without its parameters, then {@code
   * major/*}, then ExpiresDefault (or none). nginx tries a map's exact keys (which ignore case, as
   * mod_expires lowercases the type) before its regexes, and the regexes in order.
   */
  String expires(Map<String, Expiry> byType, Expiry fallback, boolean modified) {
    return expiresMap(
        byType + "\0" + fallback + "\0" + modified,
        "mod_expires: ExpiresByType and ExpiresDefault, by the response's type",
        "$sent_http_content_type",
        map -> {
          map.line("default " + expiresValue(fallback, modified) + ";");
          List<String> bare = new ArrayList<>();
          List<String> major = new ArrayList<>();
          for (Map.Entry<String, Expiry> e : byType.entrySet()) {
            String type = e.getKey();
            String value = expiresValue(e.getValue(), modified);
            if (type.endsWith("/*")) {
              String m = type.substring(0, type.length() - 1);
              major.add(NginxText.quote("~*^" + PatternPrefix.quoteLiteral(m)) + " " + value + ";");
              continue;
            }
            map.line(
                NginxText.quote(type.startsWith("~") ? "\\" + type : type) + " " + value + ";");
            if (!type.contains(";")) {
              bare.add(
                  NginxText.quote("~*^" + PatternPrefix.quoteLiteral(type) + "[ \\t]*;")
                      + " "
                      + value
                      + ";");
            }
          }
          bare.forEach(map::line);
          major.forEach(map::line);
        });
  }

  /**
   * The variable that holds {@code off} for a file a {@code <Files>} section turns mod_expires off
   * for (by the final URL path, whose last segment is the file's name), else the value of {@code
   * inner}.
   */
  String expiresOff(List<String> pathRegexes, String inner) {
    return expiresMap(
        pathRegexes + "\0" + inner,
        "mod_expires: ExpiresActive Off in <Files> sections",
        "$uri",
        map -> {
          map.line("default " + inner + ";");
          for (String regex : pathRegexes) {
            map.line(NginxText.quote("~" + regex) + " off;");
          }
        });
  }

  /** One {@code $htaccess_expiresN} map, written once for each distinct content. */
  private String expiresMap(
      String signature,
      String comment,
      String source,
      java.util.function.Consumer<NginxText> entries) {
    Integer id = expiresMaps.get(signature);
    if (id == null) {
      id = expiresMaps.size();
      expiresMaps.put(signature, id);
      blocks.blank();
      blocks.comment(comment);
      blocks.open("map " + source + " $htaccess_expires" + id);
      entries.accept(blocks);
      blocks.close();
    }
    return "$htaccess_expires" + id;
  }

  /**
   * An expiry as nginx's {@code expires} reads it from a variable: seconds after the request, or
   * after the file's time when the directive says {@code modified} (one base for the whole map);
   * {@code off} for none or one of the other base.
   */
  private static String expiresValue(Expiry e, boolean modified) {
    return e == null || e.fromModification() != modified
        ? "off"
        : NginxText.quote(e.seconds() + "s");
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
