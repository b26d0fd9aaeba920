package dev.htaccess.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.EvaluatorOptions;
import dev.htaccess.eval.MemoPolicy;
import dev.htaccess.eval.RequestSpec;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON line written straight into a builder is what {@link Json} makes of the same fields and
 * compact trace, and shows every byte string once: UTF-8 as text, other bytes as {@code \xNN}.
 */
class JsonLineTest {

  @TempDir Path dir;

  @Test
  void sameAsTheGeneralWriter() throws IOException {
    Files.writeString(
        dir.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteRule ^q$ /to?x=\"a\\\\b\" [R=302,L,NE]\n"
            + "RewriteRule ^c$ - [CO=n:caf\u00e9:example.com,T=text/x-\"q\"]\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule . index.php [L]\n");
    Files.writeString(dir.resolve("index.php"), "<?php");
    Evaluator evaluator =
        Evaluator.create(EvaluatorOptions.of(dir).withMemo(MemoPolicy.STATIC_TREE));
    List<String> targets =
        List.of(
            "/q",
            "/c",
            "/caf%C3%A9/x",
            "/caf\u00c3\u00a9",
            "/bad%FF",
            "/tab%09here?\"x\"=\\",
            "/",
            "/index.php");
    for (String target : targets) {
      for (List<RequestSpec.Header> headers :
          List.of(
              List.<RequestSpec.Header>of(), List.of(new RequestSpec.Header("Expect", "later")))) {
        RequestSpec spec = new RequestSpec("GET", target, headers, false, "127.0.0.1");
        Evaluation e = evaluator.evaluate(spec, TraceLevel.DECISIONS);
        String request = "GET " + target;
        Map<String, Object> fields = JsonLine.fields(request, e.outcome());
        fields.put("trace", TraceRenderer.compact(e.trace()));
        StringBuilder line = new StringBuilder();
        JsonLine.append(line, request, e.outcome(), e.trace());
        assertThat(line.toString()).as(target).isEqualTo(Json.write(fields));
      }
    }
  }

  @Test
  void bytesAreShownOnce() throws IOException {
    Files.writeString(dir.resolve(".htaccess"), "RewriteEngine On\nRewriteRule . /x [L]\n");
    Evaluator evaluator = Evaluator.create(EvaluatorOptions.of(dir));
    String target = RawText.fromText("/caf\u00e9") + "%FF";
    Evaluation e =
        evaluator.evaluate(
            new RequestSpec("GET", target, List.of(), false, "127.0.0.1"), TraceLevel.DECISIONS);
    StringBuilder line = new StringBuilder();
    JsonLine.append(line, "GET " + target, e.outcome(), e.trace());
    assertThat(line.toString())
        .contains("\"request\":\"GET /caf\u00e9%FF\"")
        .contains("\"round 1 /caf\u00e9\\\\xff\"");
  }
}
