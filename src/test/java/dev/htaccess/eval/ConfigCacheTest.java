package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merged configuration of directories that add nothing is their parent's (compiled once), and
 * still what a full walk would give: their symlink options are inherited, and an .htaccess added to
 * one of them later is read.
 */
class ConfigCacheTest {

  @TempDir Path docroot;

  private static RequestSpec get(String target) {
    return new RequestSpec("GET", target, List.of(), false, "203.0.113.7");
  }

  @Test
  void anHtaccessAddedBelowIsReadOnTheNextRequest() throws IOException {
    Files.writeString(
        docroot.resolve(".htaccess"), "RewriteEngine On\nRewriteRule x$ /from-root [R=302,L]\n");
    Files.createDirectories(docroot.resolve("a/b"));
    Evaluator serve =
        Evaluator.create(EvaluatorOptions.of(docroot).withMemo(MemoPolicy.REVALIDATE));

    assertThat(serve.evaluate(get("/a/b/x")).outcome().location()).endsWith("/from-root");
    assertThat(serve.evaluate(get("/a/x")).outcome().location()).endsWith("/from-root");

    Files.writeString(
        docroot.resolve("a/b/.htaccess"), "RewriteEngine On\nRewriteRule x$ /from-b [R=302,L]\n");
    assertThat(serve.evaluate(get("/a/b/x")).outcome().location()).endsWith("/from-b");
    assertThat(serve.evaluate(get("/a/x")).outcome().location()).endsWith("/from-root");
  }

  @Test
  void directoriesBelowKeepTheSymlinkOptionsOfTheLastOneThatSetThem() throws IOException {
    Files.writeString(docroot.resolve(".htaccess"), "Options -FollowSymLinks\n");
    Files.createDirectories(docroot.resolve("a/b"));
    Files.writeString(docroot.resolve("real.txt"), "x\n");
    Files.createSymbolicLink(docroot.resolve("a/b/link.txt"), docroot.resolve("real.txt"));
    Files.createSymbolicLink(docroot.resolve("link.txt"), docroot.resolve("real.txt"));
    Evaluator dryRun = Evaluator.create(EvaluatorOptions.of(docroot));

    // Apache refuses a symbolic link where FollowSymLinks is off, in the directory that turned it
    // off and in every directory below it.
    assertThat(dryRun.evaluate(get("/link.txt")).outcome().status()).isEqualTo(403);
    assertThat(dryRun.evaluate(get("/a/b/link.txt")).outcome().status()).isEqualTo(403);
    assertThat(dryRun.evaluate(get("/real.txt")).outcome().status()).isEqualTo(200);
  }
}
