package dev.htaccess.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The directive classes AllowOverride grants to .htaccess files (core's OR_LIMIT, OR_OPTIONS,
 * OR_FILEINFO, OR_AUTHCFG, OR_INDEXES), each spelled as the manual and AllowOverride spell it.
 */
public enum OverrideClass {
  LIMIT("Limit"),
  OPTIONS("Options"),
  FILE_INFO("FileInfo"),
  AUTH_CONFIG("AuthConfig"),
  INDEXES("Indexes");

  private final String keyword;

  OverrideClass(String keyword) {
    this.keyword = keyword;
  }

  /** The word AllowOverride and the manual's "Override" line use. */
  public String keyword() {
    return keyword;
  }

  /** The class named {@code word} (any case), or null. */
  public static OverrideClass of(String word) {
    for (OverrideClass c : values()) {
      if (c.keyword.equalsIgnoreCase(word)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The classes any one of which lets a directive be used in .htaccess, from the manual's
   * "Override" line: {@code All} (OR_ALL: any class, as sections such as {@code <IfModule>} and
   * {@code <Files>} are declared) or a list such as {@code AuthConfig, Limit}. A directive the
   * manual gives no class but an .htaccess context is taken as {@code All}.
   */
  public static Set<OverrideClass> parseList(String override) {
    // The catalog has a handful of distinct lines, and the engine asks on every directive it
    // applies: each is read once.
    return PARSED.computeIfAbsent(
        override == null ? "" : override, o -> java.util.Collections.unmodifiableSet(read(o)));
  }

  private static final java.util.Map<String, Set<OverrideClass>> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Set<OverrideClass> read(String override) {
    String text = override.trim();
    if (text.isEmpty() || text.equals("-") || text.equalsIgnoreCase("all")) {
      return EnumSet.allOf(OverrideClass.class);
    }
    Set<OverrideClass> classes = EnumSet.noneOf(OverrideClass.class);
    for (String word : text.split("[,\\s]+")) {
      OverrideClass c = of(word.toLowerCase(Locale.ROOT));
      if (c != null) {
        classes.add(c);
      }
    }
    return classes.isEmpty() ? EnumSet.allOf(OverrideClass.class) : classes;
  }
}
