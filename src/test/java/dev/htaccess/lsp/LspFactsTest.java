package dev.htaccess.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.model.CondFlag;
import dev.htaccess.model.DirectiveCatalog;
import dev.htaccess.model.RewriteOption;
import dev.htaccess.model.RuleFlagKind;
import dev.htaccess.validate.CoreOption;
import org.junit.jupiter.api.Test;

/** Every flag, option and keyword the engine knows has the text hover and completion show. */
class LspFactsTest {

  @Test
  void everyFlagAndOptionIsDocumented() {
    assertThat(FlagDocs.RULE.keySet()).containsExactlyInAnyOrder(RuleFlagKind.values());
    assertThat(FlagDocs.COND.keySet()).containsExactlyInAnyOrder(CondFlag.Kind.values());
    assertThat(FlagDocs.OPTIONS.keySet()).containsExactlyInAnyOrder(RewriteOption.values());
  }

  @Test
  void everyOptionsWordIsOneCoreKnows() {
    assertThat(CoreOption.WORDS).allSatisfy(w -> assertThat(CoreOption.ofWord(w)).isNotNull());
  }

  @Test
  void theCatalogCarriesTheManualsSummaries() {
    assertThat(DirectiveCatalog.standard().find("RewriteBase").orElseThrow().summary())
        .isNotEmpty();
    long withSummary =
        DirectiveCatalog.standard().all().stream().filter(d -> !d.summary().isEmpty()).count();
    assertThat(withSummary).isGreaterThan(DirectiveCatalog.standard().all().size() * 9L / 10);
  }

  @Test
  void capturesAreNumberedAsPcreNumbersThem() {
    assertThat(Hovers.groups("^(a|b)/(?:x)/(?<name>[^/(]+)/(\\(lit\\))(?=z)$"))
        .containsExactly("(a|b)", "(?<name>[^/(]+)", "(\\(lit\\))");
    assertThat(Hovers.groups("^([)])(x)$")).containsExactly("([)])", "(x)");
  }

  @Test
  void positionsCountBytesForTheEngineAndUtf16ForTheEditor() {
    Positions p = new Positions("# é😀x\nRewriteRule");
    // "# " is 2 bytes, é 2, 😀 4: x starts at byte column 9, UTF-16 character 5
    assertThat(p.position(1, 9).getCharacter()).isEqualTo(5);
    assertThat(p.byteColumn(new org.eclipse.lsp4j.Position(0, 5))).isEqualTo(9);
    assertThat(p.position(2, 1).getLine()).isEqualTo(1);
  }
}
