package dev.htaccess.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The VS Code client under editors/vscode agrees with the server it starts. */
class VsCodeExtensionTest {

  private static final Path DIR = Path.of("editors", "vscode");

  @Test
  void theClientCallsTheServersCommandAndDeclaresItsOwn() throws IOException {
    String client = Files.readString(DIR.resolve("extension.js"));
    assertThat(client).contains("\"" + HtaccessLanguageServer.TRY_URL + "\"");
    JsonObject manifest =
        JsonParser.parseString(Files.readString(DIR.resolve("package.json"))).getAsJsonObject();
    List<String> commands = new ArrayList<>();
    for (JsonElement c : manifest.getAsJsonObject("contributes").getAsJsonArray("commands")) {
      commands.add(c.getAsJsonObject().get("command").getAsString());
    }
    // the editor's own command wraps the server's: a prompt, then htaccess.tryUrl
    assertThat(commands).containsExactly("htaccess.tryUrlPrompt").doesNotContain("htaccess.tryUrl");
    assertThat(client).contains("\"htaccess.tryUrlPrompt\"");
    assertThat(manifest.get("main").getAsString()).isEqualTo("./extension.js");
  }

  /** The extension's own code against stand-ins for the editor (editors/vscode/test/smoke.js). */
  @Test
  void theExtensionRunsAgainstTheEditorsApi() throws Exception {
    assumeTrue(hasNode(), "node is not installed");
    Process p =
        new ProcessBuilder("node", "test/smoke.js")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).startsWith("ok:");
  }

  private static boolean hasNode() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
