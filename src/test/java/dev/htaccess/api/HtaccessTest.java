package dev.htaccess.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.eval.Evaluator;
import dev.htaccess.eval.Outcome;
import dev.htaccess.lint.Finding;
import dev.htaccess.syntax.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library entry point, used as a program embedding the engine would use it. */
class HtaccessTest {

  @TempDir Path site;

  @Test
  void parsesAndLintsText() {
    ParseResult file =
        Htaccess.parse("site/.htaccess", "RewriteEngine On\nRewriteRule ^a$ /b [R=301, L]\n");
    assertThat(file.hasErrors()).isTrue();
    List<Finding> findings = Htaccess.lint(file);
    assertThat(findings).extracting(f -> f.diagnostic().span().line()).contains(2);
  }

  @Test
  void evaluatesRequestsFromManyThreadsAlike() throws Exception {
    Files.writeString(
        site.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteRule ^old/(.*)$ /new/$1 [R=301,L]\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^ index.php [L]\n");
    Files.writeString(site.resolve("index.php"), "<?php\n");
    Evaluator evaluator = Htaccess.evaluator(site);
    Outcome redirect = Htaccess.evaluate(evaluator, "GET", "/old/x?y=1").outcome();
    assertThat(redirect).isInstanceOf(Outcome.Redirect.class);
    assertThat(redirect.location()).isEqualTo("http://example.com/new/x?y=1");
    Outcome front = Htaccess.evaluate(evaluator, "GET", "/blog/post").outcome();
    assertThat(front).isInstanceOf(Outcome.ServeFile.class);
    assertThat(front.uri()).isEqualTo("/index.php");
    // The evaluator is shared: the same answers from every thread.
    List<String> answers =
        IntStream.range(0, 2_000)
            .parallel()
            .mapToObj(
                i ->
                    Htaccess.evaluate(evaluator, "GET", i % 2 == 0 ? "/old/x?y=1" : "/blog/post")
                        .outcome()
                        .toString())
            .distinct()
            .toList();
    assertThat(answers).containsExactlyInAnyOrder(redirect.toString(), front.toString());
  }
}
