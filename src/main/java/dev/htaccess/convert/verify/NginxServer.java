package dev.htaccess.convert.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Debian's {@code nginx}, in a prefix of its own ({@code master_process off}, so it reads the
 * document root as the calling user), the converted server block inside an {@code http {}} that
 * includes {@code mime.types}; {@code nginx -t} first.
 */
public final class NginxServer implements TargetServer {

  private static final List<String> BINARIES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx");

  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public Optional<Path> binary() {
    return TargetServer.firstExecutable(BINARIES);
  }

  @Override
  public Process start(Path binary, Path dir, String config, int port)
      throws ConversionVerifier.Unavailable, IOException, InterruptedException {
    Path conf = dir.resolve("nginx.conf");
    // a converted AddType includes mime.types beside the configuration, as in /etc/nginx
    Path types = Path.of("/etc/nginx/mime.types");
    if (Files.exists(types)) {
      Files.copy(types, dir.resolve("mime.types"));
    }
    Files.writeString(conf, wrap(config, dir, port), StandardCharsets.UTF_8);
    TargetServer.check(
        new ProcessBuilder(
            binary.toString(), "-t", "-q", "-p", dir.toString(), "-c", conf.toString()),
        "nginx -t");
    return new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("nginx.out").toFile())
        .start();
  }

  /** The http {} around the server block, its listen line moved to the loopback port. */
  static String wrap(String config, Path prefix, int port) {
    String server =
        config.replaceFirst("(?m)^(\\s*)listen [^;]*;", "$1listen 127.0.0.1:" + port + ";");
    String temp = prefix.toString();
    StringBuilder paths = new StringBuilder();
    for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      String dir = kind.equals("client_body") ? "body" : kind;
      paths.append("    ").append(kind).append("_temp_path ").append(temp);
      paths.append('/').append(dir).append(";\n");
    }
    return "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        + "pid "
        + temp
        + "/nginx.pid;\nerror_log "
        + temp
        + "/error.log;\nevents { worker_connections 256; }\nhttp {\n"
        + "    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        + "    access_log off;\n"
        + paths
        + server
        + "}\n";
  }
}
