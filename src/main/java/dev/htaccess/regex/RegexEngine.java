package dev.htaccess.regex;

import java.util.List;

/** An engine that compiles and matches PCRE patterns as Apache does: libpcre2-8, or a fallback. */
interface RegexEngine {

  /** The engine as {@code --version} and the trace name it. */
  String name();

  /** Compiles a pattern with Apache's options; throws {@link PcreSyntaxException}. */
  Compiled compile(String pcre, boolean caseless);

  /** A compiled pattern; safe to match from many threads at once. */
  interface Compiled {
    int groupCount();

    /**
     * The name of each group, indexed by its number (null for a group without one); empty when the
     * pattern names none.
     */
    List<String> groupNames();

    /** The first match in {@code subject} (a byte string), unanchored. */
    Result match(CharSequence subject);
  }

  /**
   * What a match gave.
   *
   * @param match the groups when the pattern matched, else null
   * @param limitHit the match stopped at the engine's match limit (Apache: no match)
   */
  record Result(PcreMatch match, boolean limitHit) {
    static final Result NO_MATCH = new Result(null, false);
    static final Result LIMIT = new Result(null, true);

    static Result match(PcreMatch m) {
      return new Result(m, false);
    }
  }
}
