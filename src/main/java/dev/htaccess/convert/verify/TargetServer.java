package dev.htaccess.convert.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A server a conversion is written for, as the verifier runs it. */
public interface TargetServer {

  /** Its name in messages ({@code nginx}). */
  String name();

  /** Its binary, if installed. */
  Optional<Path> binary();

  /**
   * Writes the configuration into {@code dir} with its listening address moved to {@code
   * 127.0.0.1:port}, has the server check it, and starts the server in the foreground.
   *
   * @throws ConversionVerifier.Unavailable when the server refuses the configuration
   */
  Process start(Path binary, Path dir, String config, int port)
      throws ConversionVerifier.Unavailable, IOException, InterruptedException;

  /** The first of the paths that is an executable file. */
  static Optional<Path> firstExecutable(java.util.List<String> paths) {
    return paths.stream().map(Path::of).filter(java.nio.file.Files::isExecutable).findFirst();
  }

  /** Runs a command to its end; its output, or the refusal with it. */
  static String check(ProcessBuilder command, String what)
      throws ConversionVerifier.Unavailable, IOException, InterruptedException {
    Process p = command.redirectErrorStream(true).start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new ConversionVerifier.Unavailable(
          what + " refused the configuration:\n" + output.strip());
    }
    return output;
  }
}
