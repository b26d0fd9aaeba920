package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The progress line: percentage of the file, lines, rate and time left, at most 4 times a second.
 */
class ProgressTest {

  @Test
  void showsRateAndTimeLeftAndIsThrottled() {
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), "access.log", 1000, () -> now[0]);
    now[0] = 100_000_000L; // 0.1 s: too soon
    p.update(100, 1000);
    assertThat(text.toString()).isEmpty();
    now[0] = 2_000_000_000L; // 2 s, a quarter of the file
    p.update(250, 50_000);
    assertThat(text.toString())
        .isEqualTo(
            "\raccess.log [#####               ]  25% 50,000 lines, 25,000 lines/s, 6 s left   ");
    p.done();
    assertThat(text.toString()).endsWith("left   " + System.lineSeparator());
  }

  @Test
  void nothingToEndWhenNothingWasShown() {
    StringWriter text = new StringWriter();
    new Progress(new PrintWriter(text), "x", 10, () -> 0L).done();
    assertThat(text.toString()).isEmpty();
  }
}
