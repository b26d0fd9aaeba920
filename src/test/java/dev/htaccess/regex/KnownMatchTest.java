package dev.htaccess.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A known match is the engine's own: same answer, same groups, same offsets. */
class KnownMatchTest {

  private static final List<String> SUBJECTS =
      List.of("", "a", "index.php", "a\nb", "\n", "caf\u00e9/x y", "/", "$", "A^B");

  @Test
  void shapesReadAsKnown() {
    assertThat(KnownMatch.of("^")).isEqualTo(KnownMatch.EMPTY_AT_START);
    assertThat(KnownMatch.of("")).isEqualTo(KnownMatch.EMPTY_AT_START);
    assertThat(KnownMatch.of("^(.*)$")).isEqualTo(KnownMatch.WHOLE_AS_GROUP);
    assertThat(KnownMatch.of(".*")).isEqualTo(KnownMatch.WHOLE);
    assertThat(KnownMatch.of("^(.+)$")).isEqualTo(KnownMatch.WHOLE_AS_GROUP_IF_NOT_EMPTY);
    assertThat(KnownMatch.of("^$")).isNull();
    assertThat(KnownMatch.of("$")).isNull();
    assertThat(KnownMatch.of("^.*\\$")).isNull();
    assertThat(KnownMatch.of("(.*)/")).isNull();
    assertThat(KnownMatch.of("^.*?")).isNull();
  }

  @Test
  void sameAnswersAsTheEngine() {
    int compared = 0;
    for (String body : List.of("", ".*", "(.*)", ".+", "(.+)", "(.*?)", ".")) {
      for (String pattern : List.of(body, "^" + body, body + "$", "^" + body + "$")) {
        for (boolean caseless : new boolean[] {false, true}) {
          PcrePattern fast = PcrePattern.compile(pattern, caseless);
          PcrePattern plain = PcrePattern.compileUnfiltered(pattern, caseless);
          for (String subject : SUBJECTS) {
            PcreMatch a = fast.match(subject);
            PcreMatch b = plain.match(subject);
            String what = pattern + " on " + subject.replace("\n", "\\n");
            assertThat(a == null).as(what).isEqualTo(b == null);
            if (a != null) {
              assertThat(a.groupCount()).as(what).isEqualTo(b.groupCount());
              for (int g = 0; g <= a.groupCount(); g++) {
                assertThat(a.start(g)).as(what).isEqualTo(b.start(g));
                assertThat(a.end(g)).as(what).isEqualTo(b.end(g));
              }
            }
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(7 * 4 * 2 * SUBJECTS.size());
  }
}
