package dev.htaccess.serve;

import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.ScriptCall;
import dev.htaccess.fastcgi.BackendException;
import dev.htaccess.fastcgi.FastCgiClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the scripts the evaluator hands to a script handler: over FastCGI (php-fpm, and any {@code
 * SetHandler "proxy:fcgi://..."} in the configuration) as mod_proxy_fcgi does, or as a CGI program
 * (php-cgi) per request as mod_cgi does.
 */
final class ScriptGateway implements Closeable {

  /**
   * The script's answer: its header block and the rest of its output.
   *
   * @param cgi true when a CGI program answered (mod_cgi's rules for Location apply)
   */
  record Answer(CgiResponseHead head, InputStream body, Closeable resource, boolean cgi) {}

  private final PhpBackend php;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final int maxConnections;
  private final ErrorLog errorLog;
  private final Map<String, FastCgiClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "php-cgi-watchdog");
            t.setDaemon(true);
            return t;
          });

  ScriptGateway(
      PhpBackend php,
      Duration connectTimeout,
      Duration timeout,
      int maxConnections,
      PrintWriter errorLog) {
    this.php = php;
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.maxConnections = maxConnections;
    this.errorLog = new ErrorLog(errorLog);
  }

  /**
   * Sends the request to the script and reads its header block.
   *
   * @param body the request body, or null when there is none
   */
  Answer run(Outcome.RunScript o, CgiEnvironment.Connection c, InputStream body)
      throws IOException {
    ScriptCall call = o.call();
    String address = call.fastCgiAddress();
    if (address == null && php.kind() == PhpBackend.Kind.FPM) {
      address = php.describe();
    }
    if (address != null) {
      return runFastCgi(address, o, call, c, body);
    }
    if (php.kind() == PhpBackend.Kind.CGI) {
      return runCgi(o, call, c, body);
    }
    throw new BackendException(
        BackendException.Kind.UNAVAILABLE, "no PHP backend for handler " + call.handler(), null);
  }

  private Answer runFastCgi(
      String address, Outcome o, ScriptCall call, CgiEnvironment.Connection c, InputStream body)
      throws IOException {
    FastCgiClient client = clients.computeIfAbsent(address, this::newClient);
    String prefix = "proxy:" + fcgiUrl(call.handler(), address);
    List<String[]> params = CgiEnvironment.build(o, call, c, prefix, true);
    String client0 = c.remoteAddr() + ":" + c.remotePort();
    FastCgiClient.Response r =
        client.send(params, body, text -> stderr("proxy_fcgi", client0, text));
    try {
      return new Answer(CgiResponseHead.read(r.stdout()), r.stdout(), r, false);
    } catch (IOException e) {
      r.close();
      throw e;
    }
  }

  /** {@code fcgi://host:port} as mod_proxy_fcgi puts it in front of SCRIPT_FILENAME. */
  private static String fcgiUrl(String handler, String address) {
    int at = handler.toLowerCase(Locale.ROOT).indexOf("fcgi://");
    if (at >= 0) {
      String url = handler.substring(at);
      int slash = url.indexOf('/', 7);
      return slash < 0 ? url : url.substring(0, slash);
    }
    return address.startsWith("unix:") ? "fcgi://localhost" : "fcgi://" + address;
  }

  private FastCgiClient newClient(String address) {
    SocketAddress a =
        address.startsWith("unix:")
            ? UnixDomainSocketAddress.of(address.substring(5))
            : PhpBackend.hostPort(address);
    return new FastCgiClient(a, maxConnections, connectTimeout, timeout);
  }

  private Answer runCgi(Outcome o, ScriptCall call, CgiEnvironment.Connection c, InputStream body)
      throws IOException {
    List<String[]> params = CgiEnvironment.build(o, call, c, "", false);
    // php-cgi refuses to run unless REDIRECT_STATUS says a server sent it (cgi.force_redirect);
    // we are that server, so the check is switched off instead of adding the variable.
    ProcessBuilder pb =
        new ProcessBuilder(php.cgiBinary().toString(), "-d", "cgi.force_redirect=0");
    Map<String, String> env = pb.environment();
    env.clear();
    for (String[] p : params) {
      env.put(p[0], new String(p[1].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new BackendException(
          BackendException.Kind.UNAVAILABLE,
          "cannot run " + php.cgiBinary() + ": " + e.getMessage(),
          e);
    }
    String who = c.remoteAddr() + ":" + c.remotePort();
    Thread err =
        new Thread(
            () -> {
              try (InputStream in = process.getErrorStream()) {
                byte[] all = in.readAllBytes();
                if (all.length > 0) {
                  stderr("cgi", who, new String(all, StandardCharsets.UTF_8));
                }
              } catch (IOException ignored) {
                // the process is gone
              }
            },
            "php-cgi-stderr");
    err.setDaemon(true);
    err.start();
    Thread in =
        new Thread(
            () -> {
              try (OutputStream stdin = process.getOutputStream()) {
                if (body != null) {
                  body.transferTo(stdin);
                }
              } catch (IOException ignored) {
                // the script stopped reading; its output says what happened
              }
            },
            "php-cgi-stdin");
    in.setDaemon(true);
    in.start();
    AtomicBoolean timedOut = new AtomicBoolean();
    InputStream out = new TimedStream(process.getInputStream(), process, timedOut);
    Closeable end =
        () -> {
          process.destroy();
          out.close();
        };
    try {
      return new Answer(CgiResponseHead.read(out), out, end, true);
    } catch (IOException e) {
      end.close();
      if (timedOut.get()) {
        throw new BackendException(BackendException.Kind.TIMEOUT, "php-cgi timed out", e);
      }
      throw e;
    }
  }

  /** A process's output whose every read must finish within the timeout, or the process dies. */
  private final class TimedStream extends InputStream {
    private final InputStream in;
    private final Process process;
    private final AtomicBoolean timedOut;

    TimedStream(InputStream in, Process process, AtomicBoolean timedOut) {
      this.in = in;
      this.process = process;
      this.timedOut = timedOut;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      ScheduledFuture<?> alarm =
          watchdog.schedule(
              () -> {
                timedOut.set(true);
                process.destroyForcibly();
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        return in.read(b, off, len);
      } finally {
        alarm.cancel(false);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** A script's stderr, one error-log line per line, as Apache logs it (AH01071 for FastCGI). */
  private void stderr(String module, String client, String text) {
    for (String line : text.split("\r?\n")) {
      if (!line.isEmpty()) {
        errorLog.line(
            module + ":error",
            client,
            module.equals("proxy_fcgi") ? "AH01071: Got error '" + line + "'" : line);
      }
    }
  }

  @Override
  public void close() {
    clients.values().forEach(FastCgiClient::close);
    watchdog.shutdownNow();
  }
}
