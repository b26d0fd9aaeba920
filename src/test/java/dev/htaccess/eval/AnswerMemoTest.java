package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.source.RawText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's answer memo: a repeated request reuses its answer only while every file the answer
 * depended on stats the same; a file appearing, a .htaccess edit, or a rule reading the clock makes
 * it evaluate again.
 */
class AnswerMemoTest {

  @TempDir Path docroot;

  private static RequestSpec get(String target) {
    return new RequestSpec(
        "GET",
        RawText.fromText(target),
        List.of(new RequestSpec.Header("Host", "example.com")),
        false,
        "127.0.0.1");
  }

  @Test
  void anAnswerIsReusedWhileTheFilesItLookedAtStayTheSame() throws Exception {
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "RewriteCond %{REQUEST_FILENAME} !-f\n"
            + "RewriteRule ^(.*)$ /index.html [L]\n");
    Files.writeString(docroot.resolve("index.html"), "front\n");
    Evaluator e = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    Evaluation first = e.evaluate(get("/page.html"), TraceLevel.DECISIONS);
    assertThat(first.outcome().uri()).isEqualTo("/index.html");
    assertThat(e.evaluate(get("/page.html"), TraceLevel.DECISIONS)).isSameAs(first);

    // The file the condition tested appears: the rule no longer applies.
    Files.writeString(docroot.resolve("page.html"), "page\n");
    Evaluation second = e.evaluate(get("/page.html"), TraceLevel.DECISIONS);
    assertThat(second).isNotSameAs(first);
    assertThat(second.outcome().uri()).isEqualTo("/page.html");

    // The .htaccess changes: answered by the new rules at once.
    Files.writeString(docroot.resolve(".htaccess"), "Redirect 301 /page.html /moved.html\n");
    Evaluation third = e.evaluate(get("/page.html"), TraceLevel.DECISIONS);
    assertThat(third.outcome().status()).isEqualTo(301);
  }

  /**
   * A missing path in a directory that has not changed for a while is vouched for by the
   * directory's stat alone; a file created there changes the directory's time, and so the answer.
   */
  @Test
  void aSettledDirectoryVouchesForTheFilesMissingInIt() throws Exception {
    Path dir = Files.createDirectory(docroot.resolve("static"));
    Files.writeString(dir.resolve("page.html"), "page\n");
    java.nio.file.attribute.FileTime old =
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(dir, old);
    Files.setLastModifiedTime(docroot, old);
    Evaluator e = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    Evaluation first = e.evaluate(get("/static/page.html"), TraceLevel.DECISIONS);
    assertThat(first.outcome().status()).isEqualTo(200);
    String root = docroot.toString();
    assertThat(e.memo().checkedPaths(get("/static/page.html")))
        .contains(root + "/static", root + "/static/page.html", root)
        .doesNotContain(root + "/.htaccess", root + "/static/.htaccess");
    assertThat(e.evaluate(get("/static/page.html"), TraceLevel.DECISIONS)).isSameAs(first);

    // An .htaccess appears in the settled directory: its time changes, and the answer with it.
    Files.writeString(dir.resolve(".htaccess"), "Require all denied\n");
    assertThat(e.evaluate(get("/static/page.html"), TraceLevel.DECISIONS).outcome().status())
        .isEqualTo(403);
  }

  @Test
  void aRecentlyChangedDirectoryDoesNotVouchForWhatIsMissing() throws Exception {
    Files.writeString(docroot.resolve("page.html"), "page\n");
    Evaluator e = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    e.evaluate(get("/page.html"), TraceLevel.DECISIONS);
    assertThat(e.memo().checkedPaths(get("/page.html")))
        .contains(docroot.resolve(".htaccess").toString());
  }

  @Test
  void answersThatReadTheClockAreNotReused() throws Exception {
    Files.writeString(
        docroot.resolve(".htaccess"),
        "RewriteEngine On\nRewriteRule ^now$ /t-%{TIME_SEC}.html [R=302,L]\n");
    Evaluator e = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    Evaluation first = e.evaluate(get("/now"), TraceLevel.DECISIONS);
    assertThat(e.evaluate(get("/now"), TraceLevel.DECISIONS)).isNotSameAs(first);
  }

  @Test
  void anIfFileThatStartsToExistChangesTheNextAnswer() throws Exception {
    Path flag = docroot.resolve("maintenance.flag");
    Files.writeString(
        docroot.resolve(".htaccess"),
        "<IfFile " + flag + ">\n  Redirect 503 /page.html\n</IfFile>\n");
    Files.writeString(docroot.resolve("page.html"), "page\n");
    Evaluator e = Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));
    Evaluation first = e.evaluate(get("/page.html"), TraceLevel.DECISIONS);
    assertThat(first.outcome().status()).isEqualTo(200);
    assertThat(e.evaluate(get("/page.html"), TraceLevel.DECISIONS)).isSameAs(first);

    // The file <IfFile> names appears: the merged configuration is read again.
    Files.writeString(flag, "");
    assertThat(e.evaluate(get("/page.html"), TraceLevel.DECISIONS).outcome().status())
        .isEqualTo(503);
    Files.delete(flag);
    assertThat(e.evaluate(get("/page.html"), TraceLevel.DECISIONS).outcome().status())
        .isEqualTo(200);
  }
}
