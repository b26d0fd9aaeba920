package dev.htaccess.convert.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePatternRequestsTest {

  @Test
  void eachRuleGetsAPathItsPatternMatchesBelowItsDirectory(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(
        root.resolve(".htaccess"),
        "RewriteEngine On\n"
            + "<IfModule mod_rewrite.c>\n"
            + "RewriteRule ^assets/([a-z]+)\\.(css|js)$ x.php [L]\n"
            + "</IfModule>\n"
            + "RewriteRule !^keep - [F]\n"
            + "RedirectMatch 301 ^/old/(\\d+)$ /new/$1\n");
    Files.writeString(
        root.resolve("sub/.htaccess"), "RewriteEngine On\nRewriteRule ^api/v[0-9]+/(.+)$ a.php\n");

    assertThat(RulePatternRequests.of(root))
        .containsExactly("/assets/a.css", "/old/0", "/sub/api/v0/a");
  }

  @Test
  void pathsAreSentPercentEncoded(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve(".htaccess"), "RewriteRule ^a\\ b%c$ x\n");

    assertThat(RulePatternRequests.of(root)).containsExactly("/a%20b%25c");
  }

  @Test
  void syntheticRequestsIncludeTheRulesPatterns(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve(".htaccess"), "RewriteRule ^feed/([0-9]+)$ index.php\n");

    assertThat(ConversionVerifier.synthesise(root))
        .anySatisfy(r -> assertThat(r).containsExactly("GET", "/feed/0"))
        .anySatisfy(r -> assertThat(r).containsExactly("GET", "/feed/0?a=1"));
  }
}
