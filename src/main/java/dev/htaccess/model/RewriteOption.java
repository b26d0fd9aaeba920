package dev.htaccess.model;

import java.util.Locale;
import java.util.Optional;

/** The options {@code RewriteOptions} knows (mod_rewrite.c, cmd_rewriteoptions). */
public enum RewriteOption {
  INHERIT("Inherit"),
  INHERIT_BEFORE("InheritBefore"),
  INHERIT_DOWN("InheritDown"),
  INHERIT_DOWN_BEFORE("InheritDownBefore"),
  IGNORE_INHERIT("IgnoreInherit"),
  ALLOW_NO_SLASH("AllowNoSlash"),
  ALLOW_ANY_URI("AllowAnyURI"),
  MERGE_BASE("MergeBase"),
  IGNORE_CONTEXT_INFO("IgnoreContextInfo"),
  LEGACY_PREFIX_DOCROOT("LegacyPrefixDocRoot"),
  UNSAFE_PREFIX_STAT("UnsafePrefixStat"),
  /** {@code MaxRedirects=N}: removed in 2.4, accepted with a warning and ignored. */
  MAX_REDIRECTS("MaxRedirects");

  private final String spelling;

  RewriteOption(String spelling) {
    this.spelling = spelling;
  }

  /** The option as the manual spells it. */
  public String spelling() {
    return spelling;
  }

  /** The option a word names, compared case-insensitively as Apache does. */
  public static Optional<RewriteOption> of(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.startsWith("maxredirects=")) {
      return Optional.of(MAX_REDIRECTS);
    }
    for (RewriteOption option : values()) {
      if (option != MAX_REDIRECTS && option.spelling.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }
}
