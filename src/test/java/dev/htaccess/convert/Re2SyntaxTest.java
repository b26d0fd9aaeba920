package dev.htaccess.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Re2SyntaxTest {

  private static final List<String> SUBJECTS =
      List.of(
          "",
          ".",
          ".well-known",
          ".well-known/",
          ".well-known/x",
          ".well",
          ".w",
          ".x",
          "a/.git",
          "a/.well-known/acme",
          "a/.",
          ".well-knownx",
          "composer.json",
          ".htaccess",
          "x/.wellknown",
          ".\n",
          ".well\n",
          "Entries.log",
          "a.inc",
          "a.inc.bak");

  /** The rewritten pattern finds a match in exactly the subjects the original does. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "(^|/)\\.(?!well-known/)",
        "/\\.|^\\.(?!well-known/)",
        "^(\\.(?!well-known).*|Entries.*|composer\\.(json|lock))$",
        "\\.(inc|engine)(~|\\.bak)?$|^(\\.(?!well-known).*|Entries.*)$",
        "^\\.(?!w)",
        "^(?!a).*",
        "^(?!a).*$",
        "^(x\\(?!y)",
        "[(?!]x"
      })
  void aLiteralLookAheadIsRewrittenExactly(String pcre) {
    String re2 = Re2Syntax.withoutLookahead(pcre);

    assertThat(re2).isNotNull();
    Pattern before = Pattern.compile(pcre);
    Pattern after = Pattern.compile(re2);
    for (String s : SUBJECTS) {
      assertThat(after.matcher(s).find())
          .as("%s on %s (as %s)", pcre, s, re2)
          .isEqualTo(before.matcher(s).find());
    }
  }

  @Test
  void aGroupClosingAfterTheLookAheadIsLeftAloneWhenItsCaptureIsUsed() {
    // ^(admin(?!/login)) captures "admin"; consuming the rest would capture more
    assertThat(Re2Syntax.withoutLookahead("^(admin(?!/login))", true)).isNull();
    assertThat(Re2Syntax.withoutLookahead("^(admin(?!/login))", false)).isNotNull();
  }

  @Test
  void aLookAheadWithSomethingAfterItIsLeftAlone() {
    // (?!ab).*c matches "ac"; consuming the rest where the look-ahead was would not
    assertThat(Re2Syntax.withoutLookahead("(?!ab).*c")).isNull();
    assertThat(Re2Syntax.withoutLookahead("^\\.(?!x)$")).isNull();
    assertThat(Re2Syntax.withoutLookahead("^(?!installer|\\.well-known/)(\\.?[^.]+)$")).isNull();
    assertThat(Re2Syntax.unsupported("^(?!installer)x")).contains("look-around");
  }

  @Test
  void whatRe2DoesNotTakeIsNamed() {
    assertThat(Re2Syntax.unsupported("^(a)\\1$")).contains("back-reference");
    assertThat(Re2Syntax.unsupported("(?<=/)x")).contains("look");
    assertThat(Re2Syntax.unsupported("a++")).contains("possessive");
    assertThat(Re2Syntax.unsupported("(?>a)")).contains("atomic");
    assertThat(Re2Syntax.unsupported("^[a-z]+/(.*?)\\.html$")).isNull();
    assertThat(Re2Syntax.unsupported("[[:alpha:]]+")).isNull();
  }
}
