package dev.htaccess.eval;

import dev.htaccess.eval.trace.Trace;
import dev.htaccess.eval.trace.TraceLevel;
import dev.htaccess.httpd.HostHeader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What lasts the whole of one request, its internal redirects and subrequests included: the
 * client's request, the host and port it names, the cookies mod_rewrite sets (once per name, on the
 * main request, as add_cookie does), the stat memo, the trace, and what makes the answer depend on
 * more than the request.
 */
final class RequestState {

  final Site site;
  final RequestSpec request;
  final Trace trace;
  final HostHeader host;

  /**
   * The server's name and port as the core gives them (ap_get_server_name, ap_get_server_port):
   * SERVER_NAME, SERVER_PORT and this server's own URLs.
   */
  final HostHeader server;

  final boolean https;
  final String theRequest;
  final SectionConditions conditions;
  final List<String> cookies = new ArrayList<>();

  /** Names already set: mod_rewrite sets each cookie name once per request. */
  private final Set<String> cookieNames = new HashSet<>();

  /**
   * Every path this request asked about, with the answer: one stat per path per request, and the
   * list the server's answer memo revalidates before reusing an answer.
   */
  final Map<String, FileStats.Stat> seen = new LinkedHashMap<>();

  /** Set when the answer depends on more than the request: the clock, a random map... */
  boolean nondeterministic;

  /** Set when a RewriteMap was read: its file can change without any stat here seeing it. */
  boolean readMap;

  /** Set once an ErrorDocument took over: the request goes on as a GET without body. */
  boolean errorDocument;

  /**
   * The {@code WWW-Authenticate} challenge authentication put in r->err_headers_out (which an
   * internal redirect keeps), or null.
   */
  String authChallenge;

  /** How many subrequests enclose the one being processed (0 in the request itself). */
  int subrequestDepth;

  /** How many internal redirects (ErrorDocument ones included) the request has had. */
  int redirects;

  /** r->uri of the request or subrequest being processed. */
  String currentUri;

  /** r->uri of the request that made the subrequest being processed, or null in the request. */
  String parentUri;

  /** The previous request's r->uri and r->args after an internal redirect, else null. */
  String previousUri;

  String previousArgs;

  RequestState(Site site, RequestSpec request, TraceLevel level) {
    this.site = site;
    this.request = request;
    this.trace = new Trace(level);
    this.https = request.https();
    String h = request.header("Host");
    this.host = HostHeader.parse(h == null ? site.options.defaultHost() : h, https);
    this.server = serverOf(site, host, https);
    this.theRequest = request.method() + " " + request.target() + " HTTP/1.1";
    this.conditions =
        new SectionConditions(
            site.config.modules(), request.upperMethod(), site.config.serverRoot(), this::stat);
  }

  FileStats.Stat stat(String path) {
    FileStats.Stat st = seen.get(path);
    if (st == null) {
      st = site.stats.stat(path);
      seen.put(path, st);
    }
    return st;
  }

  /** Adds a cookie unless one of that name was set already. */
  boolean addCookie(String name, String cookie) {
    if (!cookieNames.add(name)) {
      return false;
    }
    cookies.add(cookie);
    return true;
  }

  /**
   * The name and port the core reports for a request to {@code host} (UseCanonicalName: Off, the
   * Host's name and port, else ServerName's port, else the scheme's; On, ServerName's name as
   * written and its port; DNS, the local address's name and the port as for Off).
   */
  static HostHeader serverOf(Site site, HostHeader host, boolean https) {
    SiteConfig c = site.config;
    String configured = c.naming().serverHostname();
    int namedPort = c.naming().serverNamePort();
    int serverPort = namedPort != 0 ? namedPort : HostHeader.defaultPort(https);
    int port = host.explicitPort() ? host.port() : serverPort;
    return switch (c.naming().useCanonicalName()) {
      case "on" ->
          new HostHeader(
              configured != null ? configured : host(site.options.defaultHost()),
              serverPort,
              namedPort != 0,
              host.valid());
      case "dns" -> new HostHeader(LOCAL_NAME, port, host.explicitPort(), host.valid());
      default -> new HostHeader(host.name(), port, host.explicitPort(), host.valid());
    };
  }

  private static String host(String nameAndPort) {
    int colon = nameAndPort.lastIndexOf(':');
    return colon > 0 && nameAndPort.indexOf(']') < colon
        ? nameAndPort.substring(0, colon)
        : nameAndPort;
  }

  /** The name of the local address requests arrive on (127.0.0.1), as getnameinfo gives it. */
  private static final String LOCAL_NAME = localName();

  private static String localName() {
    try {
      return dev.htaccess.source.RawText.asciiLower(
          java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName());
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /** {@code scheme://host[:port]} of this request. */
  String selfUrl() {
    String scheme = https ? "https" : "http";
    boolean defaultPort = (https && server.port() == 443) || (!https && server.port() == 80);
    String name = server.name();
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]"; // ap_get_server_name_for_url
    }
    return scheme + "://" + name + (defaultPort ? "" : ":" + server.port());
  }
}
