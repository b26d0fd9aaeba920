package dev.htaccess.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prefix test refuses only subjects the engine would refuse: random anchored patterns of the
 * characters that matter, matched with and without it against random subjects, give the same
 * answers and the same groups.
 */
class AnchoredPrefixTest {

  @Test
  void prefixes() {
    assertThat(AnchoredPrefix.of("^old-6\\.html$", false)).isEqualTo("old-6.html");
    assertThat(AnchoredPrefix.of("^abc?d", false)).isEqualTo("ab");
    assertThat(AnchoredPrefix.of("^ab+c", false)).isEqualTo("ab");
    assertThat(AnchoredPrefix.of("^a{0}b", false)).isNull();
    assertThat(AnchoredPrefix.of("^ab|cd", false)).isNull();
    assertThat(AnchoredPrefix.of("old", false)).isNull();
    assertThat(AnchoredPrefix.of("^\\d+", false)).isNull();
    assertThat(AnchoredPrefix.of("^caf\u00e9", true)).isEqualTo("caf");
    assertThat(AnchoredPrefix.startsWith("OLD-6.HTML", "old-6.html", true)).isTrue();
    assertThat(AnchoredPrefix.startsWith("OLD-6.HTML", "old-6.html", false)).isFalse();
  }

  @Test
  void sameAnswersAsTheEngineAlone() {
    String alphabet = "aAbB-./\\?*+{}2,()[]$^|\u00e9\u00c9 d";
    Random random = new Random(11);
    int compared = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder p = new StringBuilder("^");
      for (int k = random.nextInt(8); k >= 0; k--) {
        p.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      boolean caseless = random.nextBoolean();
      PcrePattern filtered;
      PcrePattern plain;
      try {
        filtered = PcrePattern.compile(p.toString(), caseless);
        plain = PcrePattern.compileUnfiltered(p.toString(), caseless);
      } catch (PcreSyntaxException e) {
        continue;
      }
      for (int s = 0; s < 5; s++) {
        StringBuilder subject = new StringBuilder();
        if (random.nextBoolean()) {
          // Often a subject that starts like the pattern's text.
          subject.append(p.substring(1).replaceAll("[\\\\^$?*+{}()\\[\\]|]", ""));
        }
        for (int k = random.nextInt(6); k > 0; k--) {
          String chars = "aAbB-./2 d\u00e9\u00c9";
          subject.append(chars.charAt(random.nextInt(chars.length())));
        }
        PcreMatch a = filtered.match(subject);
        PcreMatch b = plain.match(subject);
        assertThat(a == null).as("%s on %s", p, subject).isEqualTo(b == null);
        if (a != null) {
          assertThat(a.groupCount()).isEqualTo(b.groupCount());
          for (int g = 0; g <= a.groupCount(); g++) {
            assertThat(a.group(g)).as("%s on %s", p, subject).isEqualTo(b.group(g));
            assertThat(a.start(g)).as("%s on %s", p, subject).isEqualTo(b.start(g));
          }
        }
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(10_000);
  }
}
