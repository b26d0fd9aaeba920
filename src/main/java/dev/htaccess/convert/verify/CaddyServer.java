package dev.htaccess.convert.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Debian's {@code caddy} (2.6), with the admin endpoint and automatic HTTPS off and its data and
 * configuration directories in a directory of its own; {@code caddy validate} first.
 */
public final class CaddyServer implements TargetServer {

  private static final List<String> BINARIES = List.of("/usr/bin/caddy", "/usr/local/bin/caddy");

  @Override
  public String name() {
    return "caddy";
  }

  @Override
  public Optional<Path> binary() {
    return TargetServer.firstExecutable(BINARIES);
  }

  @Override
  public Process start(Path binary, Path dir, String config, int port)
      throws ConversionVerifier.Unavailable, IOException, InterruptedException {
    Path file = dir.resolve("Caddyfile");
    Files.writeString(file, wrap(config, port), StandardCharsets.UTF_8);
    String[] run = {
      binary.toString(), "run", "--config", file.toString(), "--adapter", "caddyfile"
    };
    ProcessBuilder validate =
        new ProcessBuilder(
            binary.toString(), "validate", "--config", file.toString(), "--adapter", "caddyfile");
    environment(validate, dir);
    TargetServer.check(validate, "caddy validate");
    ProcessBuilder start =
        new ProcessBuilder(run)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("caddy.out").toFile());
    environment(start, dir);
    return start.start();
  }

  private static void environment(ProcessBuilder p, Path dir) {
    p.environment().put("HOME", dir.toString());
    p.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
    p.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
  }

  /** The global options, and the site's addresses (one or several) moved to the loopback port. */
  static String wrap(String config, int port) {
    String site =
        config
            .replaceFirst("(?m)^http://[^{]* \\{$", "http://:" + port + " {")
            .replaceFirst("(?m)^(\\s*)bind .*$", "");
    return "{\n\tadmin off\n\tauto_https off\n}\n"
        + site.replaceFirst("(?m)^(http://:" + port + " \\{)$", "$1\n\tbind 127.0.0.1");
  }
}
