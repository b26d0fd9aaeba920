package dev.htaccess.fastcgi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends requests to one FastCGI application (php-fpm) and streams its answers back.
 *
 * <p>Connections are kept alive (FCGI_KEEP_CONN) and reused, at most {@code maxConnections} at
 * once. The bound matters more than it looks: a php-fpm worker stays with its connection while the
 * connection is open, so a pool larger than the worker count would leave new connections queued
 * behind idle ones; {@link #askMaxConnections} finds the application's own limit.
 */
public final class FastCgiClient implements Closeable {

  private final SocketAddress address;
  private final long connectTimeoutMillis;
  private final long timeoutMillis;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<FastCgiConnection> idle = new ConcurrentLinkedDeque<>();
  private final ScheduledExecutorService watchdog;
  private final ExecutorService pumps;

  public FastCgiClient(
      SocketAddress address, int maxConnections, Duration connectTimeout, Duration timeout) {
    this.address = address;
    this.connectTimeoutMillis = connectTimeout.toMillis();
    this.timeoutMillis = timeout.toMillis();
    this.permits = new Semaphore(maxConnections, true);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fastcgi-watchdog");
              t.setDaemon(true);
              return t;
            });
    // A kept connection holds a php-fpm worker: give idle ones back soon.
    watchdog.scheduleWithFixedDelay(this::closeIdle, 500, 500, TimeUnit.MILLISECONDS);
    this.pumps =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fastcgi-request-body");
              t.setDaemon(true);
              return t;
            });
  }

  public SocketAddress address() {
    return address;
  }

  /**
   * Starts a request: sends the parameters and, from another thread, the request body, and returns
   * the response whose {@link Response#stdout()} streams the application's output.
   *
   * @param params name-value pairs as byte strings (one char per byte)
   * @param body the request body, or null when there is none
   * @param stderr receives each chunk the application writes to FCGI_STDERR
   */
  public Response send(List<String[]> params, InputStream body, Consumer<String> stderr)
      throws BackendException {
    try {
      if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new BackendException(
            BackendException.Kind.TIMEOUT, "no free connection to " + address, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted", e);
    }
    boolean handedOver = false;
    try {
      Response r = start(params, body, stderr);
      handedOver = true;
      return r;
    } finally {
      if (!handedOver) {
        permits.release();
      }
    }
  }

  private Response start(List<String[]> params, InputStream body, Consumer<String> stderr)
      throws BackendException {
    for (int attempt = 0; ; attempt++) {
      FastCgiConnection c = idle.pollFirst();
      boolean reused = c != null;
      if (reused && c.closedByPeer()) {
        c.close();
        continue;
      }
      if (c == null) {
        c = connect();
      }
      try {
        c.writeBegin(params, body == null);
        Response r = new Response(c, stderr);
        if (body != null) {
          FastCgiConnection conn = c;
          pumps.execute(() -> pump(conn, body, r));
        } else if (reused && attempt == 0) {
          // A kept connection the backend dropped after our check: try once more on a new one.
          try {
            r.fill();
          } catch (EOFException | ClosedChannelException e) {
            c.close();
            continue;
          }
        }
        return r;
      } catch (IOException e) {
        c.close();
        if (reused && body == null && attempt == 0) {
          continue;
        }
        throw failure(c, e);
      }
    }
  }

  /** How long a connection may wait unused before it is closed. */
  private static final long IDLE_MILLIS = 1_000;

  private void closeIdle() {
    long now = System.nanoTime();
    for (FastCgiConnection c : idle) {
      if (now - c.idleSince > IDLE_MILLIS * 1_000_000 && idle.remove(c)) {
        c.close();
      }
    }
  }

  private FastCgiConnection connect() throws BackendException {
    SocketChannel channel = null;
    try {
      channel =
          address instanceof UnixDomainSocketAddress
              ? SocketChannel.open(StandardProtocolFamily.UNIX)
              : SocketChannel.open();
      SocketChannel toClose = channel;
      ScheduledFuture<?> alarm =
          watchdog.schedule(
              () -> {
                try {
                  toClose.close();
                } catch (IOException ignored) {
                  // the connect fails with AsynchronousCloseException
                }
              },
              connectTimeoutMillis,
              TimeUnit.MILLISECONDS);
      try {
        channel.connect(address);
      } finally {
        alarm.cancel(false);
      }
      return new FastCgiConnection(channel, watchdog, timeoutMillis);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      String why =
          e instanceof ConnectException || e.getMessage() == null ? "refused" : e.getMessage();
      throw new BackendException(
          BackendException.Kind.UNAVAILABLE,
          "cannot connect to " + describe(address) + ": " + why,
          e);
    }
  }

  /**
   * Asks the application for FCGI_MAX_CONNS on a connection of its own (php-fpm closes a connection
   * after answering FCGI_GET_VALUES) and returns it, or 0 when it does not say.
   */
  public int askMaxConnections() throws BackendException {
    try (FastCgiConnection c = connect()) {
      String v = c.getValues(List.of("FCGI_MAX_CONNS")).get("FCGI_MAX_CONNS");
      return v == null ? 0 : Integer.parseInt(v.trim());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** An address as a person writes it: {@code unix:/run/php.sock} or {@code host:port}. */
  public static String describe(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress u) {
      return "unix:" + u.getPath();
    }
    if (address instanceof InetSocketAddress i) {
      return i.getHostString() + ":" + i.getPort();
    }
    return String.valueOf(address);
  }

  private void pump(FastCgiConnection c, InputStream body, Response r) {
    byte[] buf = new byte[32 * 1024];
    try (body) {
      int n;
      while ((n = body.read(buf)) > 0) {
        c.writeStdin(buf, 0, n);
      }
      c.writeStdin(buf, 0, 0);
    } catch (IOException e) {
      // The client went away or the backend stopped reading: the response side sees the close.
      r.bodyFailed = true;
      c.close();
    }
  }

  private BackendException failure(FastCgiConnection c, IOException e) {
    if (e instanceof BackendException b) {
      return b;
    }
    if (c.timedOut()) {
      return new BackendException(
          BackendException.Kind.TIMEOUT, "timed out waiting for " + address, e);
    }
    return new BackendException(
        BackendException.Kind.PROTOCOL, "error reading from " + address + ": " + e.getMessage(), e);
  }

  /** One request's answer: the application's standard output, streamed record by record. */
  public final class Response implements Closeable {
    private final FastCgiConnection connection;
    private final Consumer<String> stderr;
    private int offset;
    private int remaining;
    private boolean ended;
    private boolean released;
    private int appStatus;
    volatile boolean bodyFailed;
    private final InputStream stdout =
        new InputStream() {
          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
              return 0;
            }
            while (remaining == 0) {
              if (ended) {
                return -1;
              }
              fillReported();
            }
            int n = Math.min(len, remaining);
            System.arraycopy(connection.content, offset, b, off, n);
            offset += n;
            remaining -= n;
            return n;
          }

          @Override
          public void close() {
            Response.this.close();
          }
        };

    Response(FastCgiConnection connection, Consumer<String> stderr) {
      this.connection = connection;
      this.stderr = stderr;
    }

    /** The application's output: a CGI response (headers, blank line, body). */
    public InputStream stdout() {
      return stdout;
    }

    /** The application status of FCGI_END_REQUEST; meaningful once stdout is exhausted. */
    public int appStatus() {
      return appStatus;
    }

    private void fillReported() throws IOException {
      try {
        fill();
      } catch (IOException e) {
        connection.close();
        release(false);
        throw failure(connection, e);
      }
    }

    /** Reads records until there is output to hand out or the request ended. */
    void fill() throws IOException {
      while (remaining == 0 && !ended) {
        connection.readRecord();
        switch (connection.recordType) {
          case FastCgiConnection.STDOUT -> {
            offset = 0;
            remaining = connection.contentLength;
          }
          case FastCgiConnection.STDERR -> {
            if (connection.contentLength > 0) {
              stderr.accept(
                  new String(
                      connection.content, 0, connection.contentLength, StandardCharsets.UTF_8));
            }
          }
          case FastCgiConnection.END_REQUEST -> {
            byte[] c = connection.content;
            appStatus =
                ((c[0] & 0xff) << 24)
                    | ((c[1] & 0xff) << 16)
                    | ((c[2] & 0xff) << 8)
                    | (c[3] & 0xff);
            int protocolStatus = c[4] & 0xff;
            ended = true;
            release(protocolStatus == 0 && !bodyFailed);
          }
          default -> {
            // FCGI_UNKNOWN_TYPE and anything else carry nothing for us.
          }
        }
      }
    }

    private void release(boolean keep) {
      if (released) {
        return;
      }
      released = true;
      if (keep) {
        connection.idleSince = System.nanoTime();
        idle.offerFirst(connection);
      } else {
        connection.close();
      }
      permits.release();
    }

    /** Ends the exchange; a connection whose response was not read to the end is closed. */
    @Override
    public void close() {
      if (!released) {
        connection.close();
        release(false);
      }
    }
  }

  @Override
  public void close() {
    FastCgiConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.close();
    }
    watchdog.shutdownNow();
    pumps.shutdownNow();
  }
}
