package dev.htaccess.model;

import dev.htaccess.source.SourceSpan;

/**
 * One flag of a RewriteCond.
 *
 * @param kind what the flag does
 * @param key the flag as written
 * @param span where it is written
 */
public record CondFlag(Kind kind, String key, SourceSpan span) {

  /** The RewriteCond flags (mod_rewrite.c, cmd_rewritecond_setflag). */
  public enum Kind {
    NO_CASE("NC", "nocase"),
    OR_NEXT("OR", "ornext"),
    NO_VARY("NV", "novary");

    private final String shortName;
    private final String longName;

    Kind(String shortName, String longName) {
      this.shortName = shortName;
      this.longName = longName;
    }

    public String shortName() {
      return shortName;
    }

    /** The flag a key names, case-insensitively, or null when Apache would reject it. */
    public static Kind of(String key) {
      for (Kind kind : values()) {
        if (kind.shortName.equalsIgnoreCase(key) || kind.longName.equalsIgnoreCase(key)) {
          return kind;
        }
      }
      return null;
    }
  }
}
