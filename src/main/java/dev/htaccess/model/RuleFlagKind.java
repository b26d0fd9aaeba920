package dev.htaccess.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The RewriteRule flags of Apache 2.4, with the spellings Apache accepts (mod_rewrite.c,
 * cmd_rewriterule_setflag, which matches case-insensitively).
 */
public enum RuleFlagKind {
  ESCAPE_BACKREFS("B", "B", "backrefescaping"),
  ESCAPE_BACKREFS_NO_PLUS("BNP", "BNP", "backrefernoplus"),
  ESCAPE_BACKREFS_CONTROLS("BCTLS", "BCTLS"),
  ESCAPE_BACKREFS_EXCEPT("BNE", "BNE"),
  CHAIN("C", "C", "chain"),
  COOKIE("CO", "CO", "cookie"),
  DISCARD_PATH_INFO("DPI", "D", "DPI", "discardpath"),
  ENV("E", "E", "env"),
  END("END", "END"),
  FORBIDDEN("F", "F", "forbidden"),
  GONE("G", "G", "gone"),
  HANDLER("H", "H", "handler"),
  LAST("L", "L", "last"),
  NEXT("N", "N", "next"),
  NO_CASE("NC", "NC", "nocase"),
  NO_ESCAPE("NE", "NE", "noescape"),
  NO_SUBREQUESTS("NS", "NS", "nosubreq"),
  PROXY("P", "P", "proxy"),
  PASS_THROUGH("PT", "PT", "passthrough"),
  QUERY_APPEND("QSA", "QSA", "qsappend"),
  QUERY_DISCARD("QSD", "QSD", "qsdiscard"),
  QUERY_LAST("QSL", "QSL", "qslast"),
  REDIRECT("R", "R", "redirect"),
  SKIP("S", "S", "skip"),
  TYPE("T", "T", "type"),
  UNSAFE_PREFIX_STAT("UnsafePrefixStat", "UnsafePrefixStat"),
  UNSAFE_ALLOW_3F("UnsafeAllow3F", "UnsafeAllow3F"),
  UNC("UNC", "UNC");

  private final String shortName;
  private final String[] spellings;

  RuleFlagKind(String shortName, String... spellings) {
    this.shortName = shortName;
    this.spellings = spellings;
  }

  /** The usual short spelling, e.g. {@code R}. */
  public String shortName() {
    return shortName;
  }

  /** The flag a key names, or empty when Apache would say "unknown flag". */
  public static Optional<RuleFlagKind> of(String key) {
    for (RuleFlagKind kind : values()) {
      for (String spelling : kind.spellings) {
        if (spelling.equalsIgnoreCase(key)) {
          return Optional.of(kind);
        }
      }
    }
    // mod_rewrite accepts any key starting with D as DPI (its parser has no error branch there).
    if (!key.isEmpty() && (key.charAt(0) == 'd' || key.charAt(0) == 'D')) {
      return Optional.of(DISCARD_PATH_INFO);
    }
    return Optional.empty();
  }

  /** The lower-case short name, for messages. */
  public String lowerName() {
    return shortName.toLowerCase(Locale.ROOT);
  }
}
