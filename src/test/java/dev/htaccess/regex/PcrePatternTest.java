package dev.htaccess.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.htaccess.source.RawText;
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
    assertThat(PcrePattern.compile(c.pattern(), c.nocase()).matcher(c.subject()).find())
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
}
