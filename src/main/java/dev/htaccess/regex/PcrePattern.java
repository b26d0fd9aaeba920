package dev.htaccess.regex;

import java.util.List;

/**
 * A regular expression as Apache compiles and matches it (ap_regcomp, ap_regexec): PCRE with DOTALL
 * and DOLLAR_ENDONLY, CASELESS for [NC], matched against bytes (byte strings, one char per byte).
 * The engine is libpcre2-8 itself when it can be loaded, as in Apache; otherwise a bounded
 * translation to java.util.regex (see {@link #ENGINE}). {@code -Dhtaccess.regex=java} forces the
 * fallback, {@code -Dhtaccess.regex=pcre2} insists on the library.
 *
 * <p>Compiled once; immutable; safe to match from many threads.
 */
public final class PcrePattern {

  private static final RegexEngine ENGINE_IMPL = chooseEngine();

  /** The engine that matches patterns, as {@code --version} and the trace name it. */
  public static final String ENGINE = ENGINE_IMPL.name();

  private final String source;
  private final RegexEngine.Compiled compiled;

  /** What a match must start with (see {@link AnchoredPrefix}), or null. */
  private final String prefix;

  /** The match every subject gets without the engine (see {@link KnownMatch}), or null. */
  private final KnownMatch known;

  private final boolean caseless;

  private PcrePattern(
      String source,
      RegexEngine.Compiled compiled,
      String prefix,
      KnownMatch known,
      boolean caseless) {
    this.source = source;
    this.compiled = compiled;
    this.prefix = prefix;
    this.known = known;
    this.caseless = caseless;
  }

  private static RegexEngine chooseEngine() {
    String wanted = System.getProperty("htaccess.regex", "");
    if (!wanted.equals("java")) {
      Pcre2Engine pcre2 = Pcre2Engine.load();
      if (pcre2 != null) {
        return pcre2;
      }
      if (wanted.equals("pcre2")) {
        throw new IllegalStateException("-Dhtaccess.regex=pcre2, but libpcre2-8 cannot be loaded");
      }
    }
    return new JavaTranslation();
  }

  /** True when patterns are matched by libpcre2-8, exactly as Apache matches them. */
  public static boolean nativePcre() {
    return ENGINE_IMPL instanceof Pcre2Engine;
  }

  /**
   * Compiles a pattern. Throws {@link PcreSyntaxException} when Apache would refuse it (with
   * PCRE2's own message and offset when the library is used).
   */
  public static PcrePattern compile(String pcre, boolean caseInsensitive) {
    Key key = new Key(pcre, caseInsensitive);
    synchronized (RECENT) {
      PcrePattern known = RECENT.get(key);
      if (known != null) {
        return known;
      }
    }
    RegexEngine.Compiled compiled = ENGINE_IMPL.compile(pcre, caseInsensitive);
    PcrePattern made =
        new PcrePattern(
            pcre,
            compiled,
            AnchoredPrefix.of(pcre, caseInsensitive),
            KnownMatch.of(pcre),
            caseInsensitive);
    synchronized (RECENT) {
      RECENT.put(key, made);
    }
    return made;
  }

  private record Key(String pcre, boolean caseless) {}

  /** How many compiled patterns are kept for reuse. */
  private static final int RECENT_SIZE = 4096;

  /**
   * The patterns compiled last, least recently used first: lint compiles each pattern of a file in
   * several checks and in the engine its loop probe runs, and the language server lints the same
   * file again on every keystroke. A pattern is immutable, so one compilation serves them all.
   */
  private static final java.util.LinkedHashMap<Key, PcrePattern> RECENT =
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Key, PcrePattern> eldest) {
          return size() > RECENT_SIZE;
        }
      };

  /** The pattern without the shortcuts: every subject goes to the engine (for tests). */
  static PcrePattern compileUnfiltered(String pcre, boolean caseInsensitive) {
    return new PcrePattern(
        pcre, ENGINE_IMPL.compile(pcre, caseInsensitive), null, null, caseInsensitive);
  }

  /** The pattern as written. */
  public String source() {
    return source;
  }

  /**
   * The name of each group, indexed by its number (null for a group without one); empty when the
   * pattern names none.
   */
  public List<String> groupNames() {
    return compiled.groupNames();
  }

  /** Number of capturing groups. */
  public int groupCount() {
    return compiled.groupCount();
  }

  /** The first match in {@code subject}, unanchored as ap_regexec; null when there is none. */
  public PcreMatch match(CharSequence subject) {
    return exec(subject).match();
  }

  /** Whether the pattern matches somewhere in {@code subject}. */
  public boolean find(CharSequence subject) {
    return match(subject) != null;
  }

  /**
   * Matches, telling a match limit apart from no match (both are "no match" for Apache; the trace
   * says which).
   */
  public Result exec(CharSequence subject) {
    if (known != null) {
      PcreMatch m = known.match(subject.toString());
      return m == null ? NO_MATCH : new Result(m, false);
    }
    if (prefix != null && !AnchoredPrefix.startsWith(subject, prefix, caseless)) {
      return NO_MATCH;
    }
    RegexEngine.Result r = compiled.match(subject);
    return new Result(r.match(), r.limitHit());
  }

  /**
   * What {@link #exec} found.
   *
   * @param match the match, or null
   * @param limitHit the match stopped at the engine's match limit
   */
  public record Result(PcreMatch match, boolean limitHit) {}

  private static final Result NO_MATCH = new Result(null, false);
}
