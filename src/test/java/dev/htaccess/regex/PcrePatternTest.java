package dev.htaccess.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.htaccess.source.RawText;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PCRE as Apache compiles it (DOTALL, DOLLAR_ENDONLY, bytes), translated to java.util.regex. */
class PcrePatternTest {

  record Case(String pattern, boolean nocase, String subject, boolean matches, String why) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("^a$", false, "a\n", false, "$ matches only at the very end (DOLLAR_ENDONLY)"),
        new Case("^a.b$", false, "a\nb", true, ". matches a newline (DOTALL)"),
        new Case("^[[:alpha:]]+[[:digit:]]$", false, "abc1", true, "POSIX classes"),
        new Case("^[[:alpha:]]+$", false, "ab1", false, "POSIX class excludes digits"),
        new Case("^[^[:space:]]+$", false, "a b", false, "negated class with POSIX class"),
        new Case("^a{$", false, "a{", true, "a brace that is no quantifier is literal"),
        new Case("^a{2}$", false, "aa", true, "a real quantifier"),
        new Case("^a{,2}$", false, "a{,2}", true, "{,n} is literal in PCRE2 10.42"),
        new Case("^(?P<w>[a-z]+)$", false, "word", true, "Python-style named group"),
        new Case("^ABC$", true, "abc", true, "[NC]"),
        new Case(
            "^caf\u00c3\u00a9$", false, RawText.fromText("café"), true, "UTF-8 bytes match bytes"),
        new Case("^caf.$", false, RawText.fromText("café"), false, ". is one byte, é is two"),
        new Case("^[a&&b]$", false, "&", true, "&& is literal inside a class"),
        new Case("^[[]$", false, "[", true, "[ is literal inside a class"),
        new Case("\\Qa.b\\E$", false, "a.b", true, "\\Q...\\E quoting"),
        new Case("^\\w+$", false, RawText.fromText("é"), false, "\\w is ASCII only"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesAsApache(Case c) {
    assertThat(PcrePattern.compile(c.pattern(), c.nocase()).find(c.subject()))
        .isEqualTo(c.matches());
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidPatternsAreErrors(String pattern) {
    assertThatThrownBy(() -> PcrePattern.compile(pattern, false))
        .isInstanceOf(PcreSyntaxException.class);
  }

  static Stream<String> invalid() {
    return Stream.of("(", "[a", "a)", "*a", "[[:nope:]]");
  }

  /** The engines this machine has: libpcre2-8 when it loads, and always the bounded fallback. */
  static Stream<RegexEngine> engines() {
    Pcre2Engine pcre2 = Pcre2Engine.load();
    return pcre2 == null
        ? Stream.of(new JavaTranslation())
        : Stream.of(pcre2, new JavaTranslation());
  }

  record Catastrophe(String pattern, String subject) {}

  /**
   * Patterns that backtrack exponentially, against inputs they do not match: PCRE2 stops at its
   * match limit (Apache: no match), the fallback at its step budget. The timeout only guards
   * against a hang; the times are reported in the README.
   */
  @ParameterizedTest
  @MethodSource("engines")
  void catastrophicPatternsStopAtTheLimit(RegexEngine engine) {
    List<Catastrophe> cases =
        List.of(
            new Catastrophe("^(.*a){12}$", "a".repeat(41) + "c"),
            new Catastrophe("^((x+x+)+y)$", "x".repeat(40)),
            new Catastrophe("^(a|aa)+$", "a".repeat(5000) + "b"),
            new Catastrophe("(.+)/$", "x".repeat(8000)),
            new Catastrophe("^(\\w+\\s?)*$", "word ".repeat(30) + "!"));
    for (Catastrophe c : cases) {
      RegexEngine.Compiled compiled = engine.compile(c.pattern(), false);
      long start = System.nanoTime();
      RegexEngine.Result r =
          assertTimeoutPreemptively(Duration.ofSeconds(20), () -> compiled.match(c.subject()));
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "%s %s on %d bytes: %s in %d ms%n",
          engine.name(),
          c.pattern(),
          c.subject().length(),
          r.limitHit() ? "match limit" : "no match",
          ms);
      assertThat(r.match()).as(c.pattern()).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void groupsAreReadAsPcreSetsThem(RegexEngine engine) {
    RegexEngine.Compiled c = engine.compile("^(a)(x)?(b)$", false);
    PcreMatch m = c.match("ab").match();
    assertThat(m.groupCount()).isEqualTo(3);
    assertThat(m.group(0)).isEqualTo("ab");
    assertThat(m.group(1)).isEqualTo("a");
    assertThat(m.group(2)).isNull();
    assertThat(m.group(3)).isEqualTo("b");
    assertThat(m.group(4)).isNull();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void bothEnginesAgreeOnTheCases(RegexEngine engine) {
    cases()
        .forEach(
            c ->
                assertThat(
                        engine.compile(c.pattern(), c.nocase()).match(c.subject()).match() != null)
                    .as("%s: %s", engine.name(), c.why())
                    .isEqualTo(c.matches()));
  }

  @org.junit.jupiter.api.Test
  void pcre2ReportsItsOwnCompileErrors() {
    Pcre2Engine pcre2 = Pcre2Engine.load();
    org.junit.jupiter.api.Assumptions.assumeTrue(pcre2 != null, "libpcre2-8 is not installed");
    assertThatThrownBy(() -> pcre2.compile("a(b", false))
        .isInstanceOf(PcreSyntaxException.class)
        .hasMessageContaining("missing closing parenthesis")
        .satisfies(e -> assertThat(((PcreSyntaxException) e).index()).isEqualTo(3));
  }

  /** Group names by number, as ap_regname reads them for LocationMatch's MATCH_ variables. */
  @ParameterizedTest
  @MethodSource("engines")
  void groupNamesByNumber(RegexEngine engine) {
    RegexEngine.Compiled c =
        engine.compile("^/(x)(?<first>[a-z]+)[(](?:n)(?P<second>\\d)\\((?'third'.)(?=y)", false);
    assertThat(c.groupCount()).isEqualTo(4);
    assertThat(c.groupNames()).containsExactly(null, null, "first", "second", "third");
    assertThat(engine.compile("^/(a)(b)", false).groupNames()).isEmpty();
  }
}
