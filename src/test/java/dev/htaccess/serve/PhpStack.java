package dev.htaccess.serve;

import dev.htaccess.testing.OracleModules;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real php-fpm, and optionally real Apache with mod_proxy_fcgi in front of it, for the PHP tests:
 * started on free loopback ports from generated configurations, stopped on close. Apache gets the
 * oracle's modules and settings plus Debian's php-fpm configuration (the {@code <FilesMatch>}
 * blocks of php8.x-fpm.conf) without its {@code SetEnvIfNoCase ^Authorization$}, so that
 * Authorization reaches PHP only where the .htaccess passes it.
 */
final class PhpStack implements AutoCloseable {

  static final Path APACHE = Path.of("/usr/sbin/apache2");
  private static final Path MODULES = Path.of("/usr/lib/apache2/modules");

  final Path dir;
  final int fpmPort;
  int apachePort;
  private Process fpm;
  private Process apache;

  private PhpStack(Path dir, int fpmPort) {
    this.dir = dir;
    this.fpmPort = fpmPort;
  }

  /** php-fpm's program, when PHP is installed. */
  static Optional<Path> fpmBinary() {
    try (Stream<Path> files = Files.list(Path.of("/usr/sbin"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("php-fpm[0-9.]*"))
          .filter(Files::isExecutable)
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** A directory that php-fpm and Apache workers (www-data when we are root) can read. */
  static Path worldReadableTempDir(String prefix) throws IOException {
    Path d = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    synchronized (MADE) {
      if (MADE.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(PhpStack::removeMade));
      }
      MADE.add(d);
    }
    return d;
  }

  /** The directories {@link #worldReadableTempDir} made, removed when the test JVM exits. */
  private static final java.util.List<Path> MADE = new java.util.ArrayList<>();

  private static void removeMade() {
    synchronized (MADE) {
      for (Path d : MADE) {
        try (java.util.stream.Stream<Path> walk = Files.walk(d)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
          // left behind in the temporary directory
        }
      }
    }
  }

  static PhpStack startFpm(Path fpmBinary) throws IOException, InterruptedException {
    return startFpm(fpmBinary, false);
  }

  /** The unix socket php-fpm listens on when started with {@code unixSocket}. */
  Path socket() {
    return dir.resolve("fpm.sock");
  }

  /**
   * Starts php-fpm on a loopback port, or on {@link #socket()}. Uploads up to 256 MB are allowed
   * (php.ini's post_max_size is 8 MB).
   */
  static PhpStack startFpm(Path fpmBinary, boolean unixSocket)
      throws IOException, InterruptedException {
    Path dir = worldReadableTempDir("php-stack");
    PhpStack s = new PhpStack(dir, freePort());
    String user = root() ? "user = www-data\ngroup = www-data\n" : "";
    Files.writeString(
        dir.resolve("fpm.conf"),
        "[global]\n"
            + "pid = "
            + dir.resolve("fpm.pid")
            + "\nerror_log = "
            + dir.resolve("fpm.log")
            + "\ndaemonize = no\n"
            + "[app]\n"
            + user
            + "listen = "
            + (unixSocket ? s.socket() + "\nlisten.mode = 0666" : "127.0.0.1:" + s.fpmPort)
            + "\nphp_admin_value[post_max_size] = 256M\n"
            + "pm = static\npm.max_children = 6\ncatch_workers_output = yes\n"
            + "decorate_workers_output = no\n");
    ProcessBuilder pb =
        root()
            ? new ProcessBuilder(
                "setsid", fpmBinary.toString(), "-R", "-F", "-y", dir + "/fpm.conf")
            : new ProcessBuilder("setsid", fpmBinary.toString(), "-F", "-y", dir + "/fpm.conf");
    s.fpm = pb.redirectErrorStream(true).redirectOutput(dir.resolve("fpm.out").toFile()).start();
    if (unixSocket) {
      for (int i = 0; i < 200 && !Files.exists(s.socket()); i++) {
        Thread.sleep(50);
      }
    } else {
      waitForPort(s.fpmPort, s.fpm, dir.resolve("fpm.out"));
    }
    return s;
  }

  /** Starts Apache on {@code docroot}, sending .php files to this php-fpm. */
  void startApache(Path docroot) throws IOException, InterruptedException {
    apachePort = freePort();
    StringBuilder c = new StringBuilder();
    c.append("ServerRoot \"").append(dir).append("\"\n");
    c.append("DefaultRuntimeDir \"").append(dir).append("\"\n");
    c.append("PidFile \"").append(dir).append("/httpd.pid\"\n");
    c.append("Listen 127.0.0.1:").append(apachePort).append('\n');
    List<String> modules = new ArrayList<>(OracleModules.LOADED);
    // ssl is not needed here (no TLS upstream), and mod_proxy_fcgi is what this stack is for.
    modules.removeAll(List.of("socache_shmcb", "ssl"));
    modules.add("proxy_fcgi");
    for (String m : modules) {
      c.append("LoadModule ")
          .append(m)
          .append("_module ")
          .append(MODULES.resolve("mod_" + m + ".so"))
          .append('\n');
    }
    if (root()) {
      c.append("User www-data\nGroup www-data\n");
    }
    c.append(
        """
        StartServers 2
        MinSpareServers 2
        MaxSpareServers 8
        ServerName example.com
        UseCanonicalName Off
        TypesConfig /etc/mime.types
        AddDefaultCharset Off
        ErrorLog "%1$s/error.log"
        LogLevel warn
        <Directory />
            AllowOverride None
            Require all denied
        </Directory>
        <Files ".ht*">
            Require all denied
        </Files>
        <FilesMatch ".+\\.ph(?:ar|p|tml)$">
            SetHandler "proxy:fcgi://127.0.0.1:%2$d"
        </FilesMatch>
        <FilesMatch ".+\\.phps$">
            Require all denied
        </FilesMatch>
        <FilesMatch "^\\.ph(?:ar|p|ps|tml)$">
            Require all denied
        </FilesMatch>
        <VirtualHost *:%3$d>
            ServerName example.com
            DocumentRoot "%4$s"
            <Directory "%4$s">
                AllowOverride All
                Options FollowSymLinks
                Require all granted
            </Directory>
            DirectoryIndex index.html index.php
        </VirtualHost>
        """
            .formatted(dir, fpmPort, apachePort, docroot));
    Path conf = dir.resolve("httpd.conf");
    Files.writeString(conf, c);
    // Its own session: Apache's parent signals its whole process group when it stops, which
    // would otherwise include this JVM and Maven.
    apache =
        new ProcessBuilder("setsid", APACHE.toString(), "-f", conf.toString(), "-DFOREGROUND")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("apache.out").toFile())
            .start();
    waitForPort(apachePort, apache, dir.resolve("apache.out"));
  }

  /** Stops Apache (each case gets its own document root). */
  void stopApache() throws InterruptedException {
    if (apache != null) {
      apache.destroy();
      apache.waitFor();
      apache = null;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port, Process p, Path log)
      throws IOException, InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!p.isAlive()) {
        throw new IOException("did not start: " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nothing listens on port " + port + ": " + Files.readString(log));
  }

  @Override
  public void close() {
    try {
      stopApache();
      if (fpm != null) {
        fpm.destroy();
        fpm.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
