package dev.htaccess.convert;

/** A Caddyfile being written: a tab a level, and the Caddyfile's quoting. */
final class CaddyText extends ConfigText {

  CaddyText() {
    super("\t");
  }

  /**
   * A comment line: Caddy replaces {@code {$NAME}} with an environment variable anywhere in the
   * file, comments included, so {@code {$} is written {@code { $} there.
   */
  @Override
  void comment(String text) {
    super.comment(text.replace("{$", "{ $"));
  }

  /**
   * A token as the Caddyfile reads it: in double quotes, where only {@code \"} is an escape (a
   * backslash before anything else stays), or in backquotes, which have no escapes at all, when the
   * text has a quote or ends in a backslash.
   */
  static String quote(String s) {
    if (s.indexOf('"') < 0 && !s.endsWith("\\")) {
      return "\"" + s + "\"";
    }
    return "`" + s + "`";
  }

  /** Whether {@link #quote} can write the text (it has no backquote, or no quote). */
  static boolean quotable(String s) {
    return s.indexOf('`') < 0 || (s.indexOf('"') < 0 && !s.endsWith("\\"));
  }

  /** A string literal of Caddy's CEL expressions. */
  static String celString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
