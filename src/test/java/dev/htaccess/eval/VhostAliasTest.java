package dev.htaccess.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the recorded cases cannot show: the hosts' sites share the server's maps. */
class VhostAliasTest {

  @TempDir Path dir;

  @Test
  void everyHostUsesTheOneProgramMapApacheStarts() throws Exception {
    Path starts = dir.resolve("starts");
    Path program = dir.resolve("map.sh");
    Files.writeString(
        program,
        "#!/bin/sh\necho started >> '"
            + starts
            + "'\nwhile read key; do echo \"http://backend-$key\"; done\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    Path docroot = dir.resolve("html");
    Files.createDirectories(docroot);
    Path conf = dir.resolve("site.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "VirtualDocumentRoot " + docroot + "/%0",
            "RewriteEngine On",
            "RewriteMap backends prg:" + program,
            "RewriteRule ^/p$ ${backends:%{HTTP_HOST}} [R=302,L]",
            ""));
    Evaluator site = Evaluator.create(EvaluatorOptions.of(docroot).withServerConfig(conf));
    assertThat(site.configErrors()).isEmpty();
    for (int i = 0; i < 20; i++) {
      String host = "h" + i + ".example.com";
      Outcome o =
          site.evaluate(
                  new RequestSpec(
                      "GET",
                      "/p",
                      List.of(new RequestSpec.Header("Host", host)),
                      false,
                      "10.0.0.1"))
              .outcome();
      assertThat(o).isInstanceOf(Outcome.Redirect.class);
      assertThat(((Outcome.Redirect) o).location()).isEqualTo("http://backend-" + host);
    }
    assertThat(Files.readAllLines(starts)).hasSize(1);
  }
}
