package dev.htaccess.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Cache;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Forwards a request upstream as mod_proxy_http does: hop-by-hop headers dropped, Host set to the
 * upstream's, X-Forwarded-For/-Host/-Server added, redirects not followed, bodies streamed both
 * ways, the client's Accept-Encoding passed as is (so compressed bodies pass untouched). Failing to
 * connect (a connect timeout included) answers 503, failing or timing out while reading the answer
 * 502, as mod_proxy_http; a body that breaks off midway aborts the client's connection.
 */
final class ProxyForwarder {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "trailers",
          "transfer-encoding",
          "upgrade",
          "proxy-connection",
          "host");

  /** The parts of a client request the forwarder needs. */
  record Incoming(
      String method,
      List<String[]> headers,
      String host,
      String remoteAddr,
      long contentLength,
      boolean chunked,
      InputStream body) {}

  /** An upstream answer, or an error status. */
  interface Sink {
    void status(int status);

    void header(String name, String value);

    OutputStream body() throws IOException;
  }

  /**
   * Clients that share everything but their connection pool and dispatcher, one chosen per server
   * thread. OkHttp finds a pooled connection by locking each connection of the pool in turn; with
   * one pool, 32 concurrent requests waited on each other's connections for 10 to 130 ms (JFR's
   * monitor events), which was most of {@code [P]}'s p99. A thread keeps to its shard, so it
   * usually takes back the connection it used last, as a worker of Apache's does.
   */
  private final OkHttpClient[] shards;

  private final String serverName;

  private static final int SHARDS = 16;

  /** How long one fetch can take at most before its timeouts end it. */
  private final long waitMillis;

  /** The connect and read timeouts together: how long a request may wait for another's fetch. */
  long readTimeoutMillis() {
    return waitMillis;
  }

  ProxyForwarder(
      String upstreamProxy,
      Path cacheDir,
      Duration connectTimeout,
      Duration readTimeout,
      String serverName,
      boolean insecureUpstream) {
    this.waitMillis = connectTimeout.toMillis() + readTimeout.toMillis();
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            // A pooled connection the upstream closed while idle is replaced and the request
            // sent again, as mod_proxy checks a connection before it reuses it; bodies are
            // one-shot (below), so a request whose body started is never sent twice.
            .connectionPool(newPool())
            .retryOnConnectionFailure(true)
            // Each call reports to the Connected its request carries (see forward).
            .eventListenerFactory(
                call -> {
                  Connected c = call.request().tag(Connected.class);
                  return c == null ? okhttp3.EventListener.NONE : c;
                })
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout);
    if (upstreamProxy != null) {
      HttpUrl p =
          HttpUrl.parse(upstreamProxy.contains("://") ? upstreamProxy : "http://" + upstreamProxy);
      if (p != null) {
        b.proxy(
            new java.net.Proxy(
                java.net.Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())));
      }
    }
    if (insecureUpstream) {
      TrustAnything trust = new TrustAnything();
      b.sslSocketFactory(trust.socketFactory(), trust).hostnameVerifier((host, session) -> true);
    }
    if (cacheDir != null) {
      b.cache(new Cache(cacheDir.toFile(), 1L << 30));
    }
    OkHttpClient first = b.build();
    shards = new OkHttpClient[SHARDS];
    shards[0] = first;
    for (int i = 1; i < SHARDS; i++) {
      // newBuilder keeps the cache, the timeouts and the listener; each gets its own pool and
      // dispatcher (the dispatcher's lock is taken twice per call)
      shards[i] =
          first.newBuilder().connectionPool(newPool()).dispatcher(new okhttp3.Dispatcher()).build();
    }
    this.serverName = serverName;
  }

  /**
   * As many idle upstream connections as a shard's threads may have requests under way (OkHttp
   * keeps 5 by default: under load every other request would open a new one).
   */
  private static okhttp3.ConnectionPool newPool() {
    return new okhttp3.ConnectionPool(256 / SHARDS * 2, 60, java.util.concurrent.TimeUnit.SECONDS);
  }

  private OkHttpClient client() {
    return shards[(int) (Thread.currentThread().getId() % SHARDS)];
  }

  /**
   * How a fetch the mirror keeps differs from a plain forward.
   *
   * @param saveTo where a 200's body is written (atomically, once it is whole)
   * @param root the document root the file must stay under, symbolic links followed
   * @param headers request headers set for the origin (credentials, the extras)
   * @param retries how many times a failed fetch or a 5xx is tried again (nothing was sent yet)
   */
  record MirrorFetch(Path saveTo, Path root, List<String[]> headers, int retries) {}

  /** Forwards; returns the status sent to the client. */
  int forward(String url, Incoming in, Sink out, MirrorFetch fetch) throws IOException {
    if (url.startsWith("unix:")) {
      // mod_proxy would connect to the Unix socket; serve only connects over TCP
      out.status(503);
      return 503;
    }
    // mod_proxy_http speaks HTTP to ws:// and wss:// backends (with the client's Upgrade, if any)
    String http =
        url.regionMatches(true, 0, "ws:", 0, 3)
            ? "http:" + url.substring(3)
            : url.regionMatches(true, 0, "wss:", 0, 4) ? "https:" + url.substring(4) : url;
    HttpUrl target = upstreamUrl(http);
    if (target == null) {
      out.status(502);
      return 502;
    }
    Headers headers = upstreamHeaders(in, target);
    if (fetch != null) {
      Headers.Builder b = headers.newBuilder();
      for (String[] h : fetch.headers()) {
        b.set(h[0], h[1]);
      }
      headers = b.build();
    }
    RequestBody body = null;
    StreamingBody clientBody = null;
    if (in.contentLength() > 0 || in.chunked()) {
      clientBody = new StreamingBody(in.body(), in.contentLength());
      body = clientBody;
    } else if (requiresBody(in.method())) {
      body = new StreamingBody(InputStream.nullInputStream(), 0);
    }
    Connected connected = new Connected();
    Request request =
        new Request.Builder()
            .url(target)
            .headers(headers)
            .method(in.method(), body)
            .tag(Connected.class, connected)
            .build();
    Response response;
    int retries = fetch == null || clientBody != null ? 0 : fetch.retries();
    for (int attempt = 0; ; attempt++) {
      try {
        response = client().newCall(request).execute();
      } catch (IOException e) {
        if (attempt < retries) {
          pause(attempt);
          continue;
        }
        int status = failureStatus(e, clientBody, connected);
        out.status(status);
        return status;
      }
      if (response.code() >= 500 && attempt < retries) {
        response.close(); // the origin's 5xx: the mirror asks again before answering
        pause(attempt);
        continue;
      }
      break;
    }
    try (Response answer = response) {
      return relay(answer, in, out, fetch);
    }
  }

  /** A short wait before the mirror's next attempt: 0.1 s, then 0.2 s, ... */
  private static void pause(int attempt) throws java.io.InterruptedIOException {
    try {
      Thread.sleep(100L * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * The answer to a forward that failed. A body the client broke off (or sent with a bad chunk) is
   * the client's error: 400, as mod_proxy_http answers when it reads the body. Else
   * ap_proxy_connect_backend failing is a 503 (a timeout too); once connected, a failure or a
   * timeout reading the answer is mod_proxy_http's "Error reading from remote server", 502.
   */
  private static int failureStatus(IOException e, StreamingBody clientBody, Connected connected) {
    return clientBody != null && clientBody.clientFailed
        ? 400
        : e instanceof ConnectException || e instanceof UnknownHostException || !connected.yes
            ? 503
            : 502;
  }

  /**
   * The parsed {@code scheme://authority} of the upstreams seen lately (a handful, in practice).
   */
  private final java.util.Map<String, HttpUrl> origins =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@code url} parsed, its origin from {@link #origins}: OkHttp canonicalises a host through the
   * IDNA mapping table on every parse, which showed as a tenth of a proxied request's time. Only a
   * rest that starts with one slash (or a query, or nothing) is resolved against the cached origin,
   * which gives what parsing the whole URL gives; anything else is parsed whole.
   */
  HttpUrl upstreamUrl(String url) {
    int scheme = url.indexOf("://");
    if (scheme > 0) {
      int rest = scheme + 3;
      while (rest < url.length() && "/?#\\".indexOf(url.charAt(rest)) < 0) {
        rest++;
      }
      boolean plainRest =
          rest == url.length()
              || url.charAt(rest) == '?'
              || (url.charAt(rest) == '/'
                  && (rest + 1 == url.length() || "/\\".indexOf(url.charAt(rest + 1)) < 0));
      if (plainRest) {
        String prefix = url.substring(0, rest);
        HttpUrl origin = origins.get(prefix);
        if (origin == null) {
          origin = HttpUrl.parse(prefix);
          if (origin == null) {
            return null;
          }
          if (origins.size() >= 64) {
            origins.clear();
          }
          origins.put(prefix, origin);
        }
        return rest == url.length() ? origin : origin.resolve(url.substring(rest));
      }
    }
    return HttpUrl.parse(url);
  }

  /**
   * The headers mod_proxy_http sends upstream: the client's, without hop-by-hop ones, with Host set
   * to the upstream's and X-Forwarded-For/-Host/-Server added.
   */
  private Headers upstreamHeaders(Incoming in, HttpUrl target) {
    Headers.Builder headers = new Headers.Builder();
    String connectionTokens = "";
    for (String[] h : in.headers()) {
      if (h[0].equalsIgnoreCase("connection")) {
        connectionTokens += "," + h[1].toLowerCase(Locale.ROOT);
      }
    }
    boolean acceptEncoding = false;
    String forwardedFor = null;
    for (String[] h : in.headers()) {
      String name = h[0].toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(name)
          || connectionTokens.contains(name)
          || name.equals("content-length")) {
        continue;
      }
      if (name.equals("x-forwarded-for")) {
        forwardedFor = h[1];
        continue;
      }
      acceptEncoding |= name.equals("accept-encoding");
      headers.addUnsafeNonAscii(h[0], h[1]);
    }
    if (!acceptEncoding) {
      // OkHttp would ask for gzip and decompress; the client did not ask, so neither do we.
      headers.set("Accept-Encoding", "identity");
    }
    String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
    String hostHeader =
        host + (target.port() == HttpUrl.defaultPort(target.scheme()) ? "" : ":" + target.port());
    headers.set("Host", hostHeader);
    headers.add(
        "X-Forwarded-For",
        forwardedFor == null ? in.remoteAddr() : forwardedFor + ", " + in.remoteAddr());
    if (in.host() != null) {
      headers.add("X-Forwarded-Host", in.host());
    }
    headers.add("X-Forwarded-Server", serverName);
    return headers.build();
  }

  /** The upstream's status, headers and body, streamed to the client (and to the mirror). */
  private static int relay(Response response, Incoming in, Sink out, MirrorFetch fetch)
      throws IOException {
    Path mirrorTo = fetch == null ? null : fetch.saveTo();
    out.status(response.code());
    // In the upstream's order, as mod_proxy_http copies them.
    Headers upstreamHeaders = response.headers();
    for (int i = 0; i < upstreamHeaders.size(); i++) {
      String name = upstreamHeaders.name(i);
      if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))
          || name.equalsIgnoreCase("content-length")
              && response.header("Transfer-Encoding") != null) {
        continue;
      }
      out.header(name, upstreamHeaders.value(i));
    }
    if (response.body() == null || in.method().equalsIgnoreCase("HEAD")) {
      return response.code();
    }
    boolean save =
        mirrorTo != null
            && response.code() == 200
            && in.method().equals("GET")
            && Mirror.confined(fetch.root(), mirrorTo);
    // written beside the file and moved into place whole: a reader never sees a part
    Path temp = save ? Files.createTempFile(mirrorTo.getParent(), ".mirror", ".part") : null;
    try (InputStream upstream = response.body().byteStream();
        OutputStream copy =
            temp == null ? OutputStream.nullOutputStream() : Files.newOutputStream(temp)) {
      OutputStream client = out.body();
      // Sized to the body when its length is known: most proxied answers are small, and a 64 KB
      // buffer per request was most of what a proxied request allocated.
      long length = response.body().contentLength();
      byte[] buffer =
          new byte[(int) (length >= 0 ? Math.max(1, Math.min(64 * 1024, length)) : 16 * 1024)];
      int n;
      while ((n = upstream.read(buffer)) >= 0) {
        client.write(buffer, 0, n);
        copy.write(buffer, 0, n);
      }
      client.flush();
    } catch (IOException e) {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
      throw e;
    }
    if (temp != null) {
      Files.move(
          temp, mirrorTo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return response.code();
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("PROPPATCH")
        || method.equals("REPORT");
  }

  /** Whether the call got a connection to the upstream (pooled or new). */
  private static final class Connected extends okhttp3.EventListener {
    volatile boolean yes;

    @Override
    public void connectionAcquired(okhttp3.Call call, okhttp3.Connection connection) {
      yes = true;
    }
  }

  /** A request body read from the client as OkHttp writes it upstream. */
  private static final class StreamingBody extends RequestBody {
    private final InputStream in;
    private final long length;

    /** Set when reading the client's body failed (not writing it upstream). */
    volatile boolean clientFailed;

    StreamingBody(InputStream in, long length) {
      this.in = in;
      this.length = length;
    }

    @Override
    public MediaType contentType() {
      return null;
    }

    @Override
    public long contentLength() {
      return length > 0 ? length : -1;
    }

    /** The client's body can be read once: OkHttp must not retry a request that sent some. */
    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          clientFailed = true;
          throw e;
        }
        if (n < 0) {
          return;
        }
        sink.write(buffer, 0, n);
      }
    }
  }

  void close() {
    for (OkHttpClient client : shards) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** The trust manager behind {@code --insecure-upstream}: every certificate chain is accepted. */
  private static final class TrustAnything implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }

    javax.net.ssl.SSLSocketFactory socketFactory() {
      try {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {this}, null);
        return tls.getSocketFactory();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("no TLS in this JVM", e);
      }
    }
  }
}
