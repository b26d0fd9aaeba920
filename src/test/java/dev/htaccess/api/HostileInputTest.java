package dev.htaccess.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Evaluator;
import dev.htaccess.syntax.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs a first fuzz run crashed or hung {@code lint} and {@code test} with (issue 13): each
 * is read, linted and evaluated through the public API in bounded time, without an exception, and
 * with the answer Apache gives where it gives one.
 */
class HostileInputTest {

  @TempDir Path docroot;

  /**
   * A reproducer.
   *
   * @param status the status Apache answers {@code GET /x} with, or 0 where only "an answer, in
   *     time" is asserted (our documented limits: the file is refused)
   */
  record Case(String name, String htaccess, int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "4000 nested sections (Apache reads them)",
            nested("IfModule mod_rewrite.c", 4000),
            403),
        new Case(
            "5000 nested sections (beyond the reader's limit)",
            nested("IfModule mod_rewrite.c", 5000),
            500),
        new Case("4000 nested RequireAll", nested("RequireAll", 4000), 403),
        new Case(
            "map references nested 2000 deep",
            "RewriteEngine On\nRewriteRule ^x$ /"
                + "${m:".repeat(2000)
                + "k"
                + "}".repeat(2000)
                + " [L]\n",
            0),
        new Case(
            "an expression with 2000 parentheses",
            "<If \""
                + "(".repeat(2000)
                + "true"
                + ")".repeat(2000)
                + "\">\nRequire all denied\n</If>\n",
            500),
        new Case(
            "an expression with 1500 terms",
            "<If \"true" + " && true".repeat(1500) + "\">\nRequire all denied\n</If>\n",
            500),
        new Case("[S=2147483647]", "RewriteEngine On\nRewriteRule ^ - [S=2147483647]\n", 404),
        new Case(
            "[N=99999999999] on a rule that always matches",
            "RewriteEngine On\nRewriteRule ^(.*)$ $1 [N=99999999999]\n",
            500),
        new Case("<IfVersion ~ (>", "<IfVersion ~ (>\nRequire all denied\n</IfVersion>\n", 500),
        new Case("<IfVersion >= x.y>", "<IfVersion >= x.y>\n</IfVersion>\n", 500),
        new Case(
            "-U before a rule that matches everything",
            "RewriteEngine On\nRewriteCond %{REQUEST_URI} -U\nRewriteRule ^ /y [L]\n",
            0),
        new Case(
            "a loop lint simulates with a catastrophic pattern",
            "RewriteEngine On\nRewriteRule (.*){1,32000}[bc] /$1c [N]\n",
            0));
  }

  /** {@code depth} sections of one kind around {@code Require all denied}. */
  private static String nested(String header, int depth) {
    String name = header.split(" ")[0];
    return ("<" + header + ">\n").repeat(depth)
        + "Require all denied\n"
        + ("</" + name + ">\n").repeat(depth);
  }

  private Evaluation readLintEvaluate() throws Exception {
    ParseResult parsed = Htaccess.parse(docroot.resolve(".htaccess"));
    Htaccess.lint(parsed);
    Evaluator site = Htaccess.evaluator(docroot);
    return Htaccess.evaluate(site, "GET", "/x");
  }

  /** Runs as the command line does: on a thread with its 64 MB stack (see Main). */
  private static Evaluation onDeepStack(java.util.concurrent.Callable<Evaluation> work)
      throws Exception {
    Object[] result = new Object[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = work.call();
              } catch (Exception | Error ex) {
                result[0] = ex;
              }
            },
            "hostile",
            64L << 20);
    t.start();
    t.join();
    if (result[0] instanceof Exception ex) {
      throw ex;
    }
    if (result[0] instanceof Error err) {
      throw err;
    }
    return (Evaluation) result[0];
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readLintAndEvaluateInTime(Case c) throws Exception {
    Files.writeString(docroot.resolve(".htaccess"), c.htaccess());
    Evaluation e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> onDeepStack(this::readLintEvaluate));
    if (c.status() != 0) {
      assertThat(e.outcome().status()).as(c.name()).isEqualTo(c.status());
    } else {
      assertThat(e.outcome().status()).as(c.name()).isBetween(200, 599);
    }
  }
}
