package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines end at LF only, one CR before it goes, and a block never splits a line. */
class LineInputTest {

  private static List<LineInput.Line> all(String content, int block, int mark) throws IOException {
    List<LineInput.Line> out = new ArrayList<>();
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (LineInput in = new LineInput(new ByteArrayInputStream(bytes))) {
      for (List<LineInput.Line> b = in.next(block, mark); !b.isEmpty(); b = in.next(block, mark)) {
        assertThat(b.size()).isLessThanOrEqualTo(block);
        out.addAll(b);
      }
    }
    return out;
  }

  @Test
  void linesAndNumbersAsAFileReadWholeSplitsThem() throws IOException {
    String content = "GET /a\r\nGET /b\rc\n\nGET /\u00e9\nlast";
    assertThat(all(content, 2, -1))
        .containsExactly(
            new LineInput.Line(1, "GET /a"),
            new LineInput.Line(2, "GET /b\rc"),
            new LineInput.Line(3, ""),
            new LineInput.Line(4, "GET /\u00e9"),
            new LineInput.Line(5, "last"));
    assertThat(all("", 5, -1)).isEmpty();
    assertThat(all("one\n", 5, -1)).containsExactly(new LineInput.Line(1, "one"));
  }

  @Test
  void linesLongerThanTheBufferComeWhole() throws IOException {
    String longLine = "x".repeat(200_000);
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      content.append(i).append(longLine).append("\r\n");
    }
    List<LineInput.Line> lines = all(content.toString(), 3, -1);
    assertThat(lines).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(lines.get(i).text()).isEqualTo(i + longLine);
      assertThat(lines.get(i).number()).isEqualTo(i + 1);
    }
  }

  @Test
  void aMarkPassesOverTheOtherLinesButCountsThem() throws IOException {
    String longLine = "y".repeat(100_000);
    String content = "a\n" + longLine + "\tz\nb\nc\td\r\n" + longLine + "\ne\tf";
    assertThat(all(content, 10, '\t'))
        .containsExactly(
            new LineInput.Line(2, longLine + "\tz"),
            new LineInput.Line(4, "c\td"),
            new LineInput.Line(6, "e\tf"));
    assertThat(all("a\nb", 10, '\t')).isEmpty();
  }
}
