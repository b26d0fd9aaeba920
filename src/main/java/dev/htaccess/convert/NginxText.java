package dev.htaccess.convert;

/** nginx configuration text: four spaces a level, and nginx's quoting. */
final class NginxText extends ConfigText {

  NginxText() {
    super("    ");
  }

  /** A string as nginx reads it inside double quotes: backslash and quote escaped. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
