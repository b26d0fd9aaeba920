package dev.htaccess.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.model.Template;
import dev.htaccess.model.Template.CondBackref;
import dev.htaccess.model.Template.Literal;
import dev.htaccess.model.Template.MapLookup;
import dev.htaccess.model.Template.RuleBackref;
import dev.htaccess.model.Template.Variable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mod_rewrite's expansion syntax, parsed once. */
class TemplateParserTest {

  record Case(String source, List<Template.Part> parts) {
    @Override
    public String toString() {
      return source;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("/plain", List.of(new Literal("/plain"))),
        new Case("$1-%2", List.of(new RuleBackref(1), new Literal("-"), new CondBackref(2))),
        new Case("%{HTTP_HOST}", List.of(new Variable("HTTP_HOST"))),
        new Case("%{ENV:x}", List.of(new Variable("ENV:x"))),
        new Case("\\$1", List.of(new Literal("$1"))),
        new Case("a\\", List.of(new Literal("a\\"))),
        new Case("%{open", List.of(new Literal("%{open"))),
        new Case("$a%", List.of(new Literal("$a%"))),
        new Case("${nocolon}", List.of(new Literal("${nocolon}"))),
        new Case(
            "${m:$1|d}",
            List.of(
                new MapLookup(
                    "m",
                    new Template("$1", List.of(new RuleBackref(1))),
                    new Template("d", List.of(new Literal("d")))))),
        new Case(
            "${m:{a}:b}",
            List.of(
                new MapLookup("m", new Template("{a}:b", List.of(new Literal("{a}:b"))), null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) {
    assertThat(TemplateParser.parse(c.source()).parts()).isEqualTo(c.parts());
  }
}
