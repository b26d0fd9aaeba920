package dev.htaccess.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htaccess.serve.PhpBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void aBadPhpBackendIsAUsageError() {
    var run = ParseCommandTest.run("serve", "--docroot", dir.toString(), "--php", "fpm:nowhere");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("expected HOST:PORT, got 'nowhere'");
    var zero =
        ParseCommandTest.run(
            "serve", "--docroot", dir.toString(), "--php", "none", "--php-connections", "0");
    assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("--php-connections must be at least 1");
    var noCgi =
        ParseCommandTest.run(
            "serve", "--docroot", dir.toString(), "--php", "cgi:" + dir.resolve("php-cgi"));
    assertThat(noCgi.exit()).isEqualTo(ExitCodes.UNREADABLE);
    assertThat(noCgi.err()).contains("php-cgi: cannot run: not an executable file");
  }

  @Test
  void withoutPhpADocumentRootWithPhpFilesGetsAWarning() throws IOException {
    assertThat(ServeCommand.phpNotice(PhpBackend.NONE, dir, false)).doesNotContain("warning");
    Files.createDirectories(dir.resolve("blog"));
    Files.writeString(dir.resolve("blog/index.php"), "<?php echo 1;");
    assertThat(ServeCommand.phpNotice(PhpBackend.NONE, dir, false))
        .contains("warning")
        .contains("served as plain files");
    // --php none is a choice: no warning.
    assertThat(ServeCommand.phpNotice(PhpBackend.NONE, dir, true))
        .isEqualTo("htaccess serve: no PHP (--php none)");
    assertThat(ServeCommand.phpNotice(PhpBackend.parse("fpm:127.0.0.1:9000"), dir, true))
        .isEqualTo("htaccess serve: PHP runs on 127.0.0.1:9000");
  }

  @Test
  void phpBackendsParseAsWritten() {
    assertThat(PhpBackend.parse("fpm:unix:/run/php/php8.2-fpm.sock").handler())
        .isEqualTo("proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost");
    assertThat(PhpBackend.parse("fpm:[::1]:9000").describe()).isEqualTo("[0:0:0:0:0:0:0:1]:9000");
    assertThat(PhpBackend.parse("cgi:/usr/bin/php-cgi").kind()).isEqualTo(PhpBackend.Kind.CGI);
    assertThat(PhpBackend.parse("NONE")).isEqualTo(PhpBackend.NONE);
  }
}
