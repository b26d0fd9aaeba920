package dev.htaccess.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Apache's two argument splitters, case by case. */
class WordSplitterTest {

  record Case(String line, List<String> words, String comment) {
    @Override
    public String toString() {
      return comment;
    }
  }

  static Stream<Case> confCases() {
    return Stream.of(
        new Case("a b\tc", List.of("a", "b", "c"), "white space separates"),
        new Case("\"a b\" c", List.of("a b", "c"), "double quotes group"),
        new Case("'a b' c", List.of("a b", "c"), "single quotes group"),
        new Case("\"a\\\"b\"", List.of("a\"b"), "escaped quote inside quotes"),
        new Case("\"a\\'b\"", List.of("a\\'b"), "the other quote is not escaped"),
        new Case("a\\\\b", List.of("a\\b"), "double backslash outside quotes"),
        new Case("a\\b", List.of("a\\b"), "single backslash kept"),
        new Case("\"a\"b", List.of("a", "b"), "a quote ends the word"),
        new Case("a\"b c\"", List.of("a\"b", "c\""), "quotes inside a word are plain"),
        new Case("\"unterminated", List.of("unterminated"), "unterminated quote"),
        new Case("\"\"", List.of(""), "empty quoted word"),
        new Case("", List.of(), "nothing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("confCases")
  void confWords(Case c) {
    assertThat(WordSplitter.confWords(c.line()).stream().map(Word::value).toList())
        .isEqualTo(c.words());
  }

  static Stream<Case> rewriteCases() {
    return Stream.of(
        new Case("^a$ /b [L]", List.of("^a$", "/b", "[L]"), "three words"),
        new Case("^a$ /b", List.of("^a$", "/b"), "flags are optional"),
        new Case("\"^a b$\" '/c d'", List.of("^a b$", "/c d"), "quotes group, no escapes"),
        new Case("^a\\ b$ /c", List.of("^a\\ b$", "/c"), "backslash-space keeps the word"),
        new Case("^a$ /b [L] trailing", List.of("^a$", "/b", "[L]"), "rest after flags ignored"),
        new Case("\"^a\"", List.of("^a", ""), "closing quote then nothing: empty second word"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewriteCases")
  void rewriteArgs(Case c) {
    WordSplitter.RewriteArgs split = WordSplitter.rewriteArgs(c.line());
    assertThat(split.error()).isNull();
    assertThat(split.words().stream().map(Word::value).toList()).isEqualTo(c.words());
  }

  @ParameterizedTest
  @MethodSource("oneWord")
  void rewriteArgsNeedTwoWords(String line) {
    assertThat(WordSplitter.rewriteArgs(line).error())
        .isEqualTo("bad argument line: at least two arguments required");
  }

  static Stream<String> oneWord() {
    return Stream.of("", "^a$", "  ^a$", "\"^a b");
  }
}
