package dev.htaccess.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ap_expr subset used by <If>. */
class ApExpressionTest {

  private static final Map<String, String> VARS =
      Map.of(
          "HTTP_HOST", "www.example.com",
          "REQUEST_URI", "/admin/x",
          "QUERY_STRING", "a=1",
          "REMOTE_ADDR", "10.1.2.3",
          "HTTP:X-Num", "12");

  record Case(String expression, boolean expected) {
    @Override
    public String toString() {
      return expression;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("%{HTTP_HOST} == 'www.example.com'", true),
        new Case("%{HTTP_HOST} != 'www.example.com'", false),
        new Case("%{REQUEST_URI} =~ m#^/admin#", true),
        new Case("%{REQUEST_URI} !~ /^\\/admin/", false),
        new Case("-z %{QUERY_STRING}", false),
        new Case("-n %{QUERY_STRING} && %{QUERY_STRING} == 'a=1'", true),
        new Case("false || !(true && false)", true),
        new Case("%{REMOTE_ADDR} -ipmatch '10.0.0.0/8'", true),
        new Case("req('X-Num') -gt 10", true),
        new Case("'%{HTTP_HOST}/x' == 'www.example.com/x'", true),
        new Case("%{HTTP_HOST} =~ /EXAMPLE/i", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluates(Case c) {
    assertThat(ApExpression.parse(c.expression()).evaluate(VARS::get)).isEqualTo(c.expected());
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsSyntaxErrors(String expression) {
    assertThatThrownBy(() -> ApExpression.parse(expression))
        .isInstanceOf(ApExpression.ExprException.class);
  }

  static Stream<String> invalid() {
    return Stream.of("%{A} ==", "(%{A} == 'x'", "'unterminated == 'x'", "%{A} 'x'");
  }
}
