package dev.htaccess.httpd;

import dev.htaccess.source.RawText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables mod_rewrite's {@code %{NAME}} knows (lookup_variable in mod_rewrite.c, 2.4.x). A
 * name is matched in upper case; any other name expands to the empty string. The prefixed forms
 * ({@code %{ENV:x}}, {@code %{HTTP:x}}, {@code %{SSL:x}}, {@code %{LA-U:x}}, {@code %{LA-F:x}}) are
 * {@link Prefix}es. Linting and evaluation both read this catalog.
 */
public enum ServerVariable {
  HTTP_ACCEPT("the Accept request header"),
  HTTP_COOKIE("the Cookie request header"),
  HTTP_FORWARDED("the Forwarded request header"),
  HTTP_HOST("the Host request header (the server name when the request has none)"),
  HTTP_PROXY_CONNECTION("the Proxy-Connection request header"),
  HTTP_REFERER("the Referer request header"),
  HTTP_USER_AGENT("the User-Agent request header"),
  REMOTE_ADDR("the client's IP address"),
  REMOTE_HOST("the client's host name (its IP address: HostnameLookups is off)"),
  REMOTE_PORT("the client's port"),
  REMOTE_USER("the authenticated user, if any"),
  REMOTE_IDENT("the identd user name (empty: IdentityCheck is off)"),
  CONN_REMOTE_ADDR("the peer address of the connection"),
  REQUEST_METHOD("the request method, e.g. GET"),
  SCRIPT_FILENAME("the file the request maps to so far (r->filename), as REQUEST_FILENAME"),
  REQUEST_FILENAME("the file the request maps to so far (r->filename)"),
  SCRIPT_USER("the owner of that file, or <unknown>"),
  SCRIPT_GROUP("the group of that file, or <unknown>"),
  PATH_INFO("the path after the file that exists (PATH_INFO)"),
  QUERY_STRING("the query string, undecoded"),
  AUTH_TYPE("the authentication type, if any"),
  DOCUMENT_ROOT("the DocumentRoot"),
  CONTEXT_PREFIX("the URL prefix of the Alias (or DocumentRoot) that mapped the request"),
  CONTEXT_DOCUMENT_ROOT("the directory that prefix maps to"),
  SERVER_ADMIN("ServerAdmin"),
  SERVER_NAME(
      "the server name: the Host header's (UseCanonicalName Off), ServerName's (On), the local"
          + " address's (DNS)"),
  SERVER_ADDR("the server's IP address"),
  SERVER_PORT(
      "the server's port: the Host header's (UseCanonicalName Off), else ServerName's, else the"
          + " scheme's"),
  SERVER_PROTOCOL("the request's protocol, e.g. HTTP/1.1"),
  SERVER_SOFTWARE("the server banner (ServerTokens)"),
  TIME_YEAR("the year, four digits"),
  TIME_MON("the month, 01-12"),
  TIME_DAY("the day of the month, 01-31"),
  TIME_HOUR("the hour, 00-23"),
  TIME_MIN("the minute, 00-59"),
  TIME_SEC("the second, 00-59"),
  TIME_WDAY("the day of the week, 0 (Sunday) to 6"),
  TIME("the time as YYYYMMDDhhmmss"),
  API_VERSION("the module API version, e.g. 20120211:140"),
  THE_REQUEST("the request line as the client sent it"),
  REQUEST_URI("the URL path of the request, decoded (r->uri)"),
  REQUEST_SCHEME("http or https"),
  HTTPS("on over TLS, else off"),
  IS_SUBREQ("true in a subrequest, else false"),
  IPV6("on when the client connected over IPv6, else off"),
  HTTP2("on over HTTP/2, else off");

  private final String holds;

  ServerVariable(String holds) {
    this.holds = holds;
  }

  /** What the variable holds, in a few words. */
  public String holds() {
    return holds;
  }

  private static final Map<String, ServerVariable> BY_NAME = new HashMap<>();

  static {
    for (ServerVariable v : values()) {
      BY_NAME.put(v.name(), v);
    }
  }

  /** The variable of a {@code %{NAME}} (compared in upper case), or empty when there is none. */
  public static Optional<ServerVariable> lookup(String name) {
    return Optional.ofNullable(BY_NAME.get(RawText.asciiUpper(name)));
  }

  /** The prefixed forms {@code %{PREFIX:argument}}; the prefix is compared case-insensitively. */
  public enum Prefix {
    ENV("an environment variable (per-request, then the server's)"),
    SSL("an SSL variable of mod_ssl (empty without TLS)"),
    HTTP("a request header, by name"),
    LA_U("a variable as a URL-based subrequest would see it (look-ahead)"),
    LA_F("a variable as a file-based subrequest would see it (look-ahead)");

    private final String holds;
    private final String spelling;

    Prefix(String holds) {
      this.holds = holds;
      this.spelling = name().replace('_', '-');
    }

    /** What the form gives, in a few words. */
    public String holds() {
      return holds;
    }

    /** The prefix as written before the colon. */
    public String spelling() {
      return spelling;
    }

    /**
     * The prefix of a variable name such as {@code HTTP:Accept}, or empty: mod_rewrite looks for a
     * colon at the fourth or fifth character and a non-empty argument after it.
     */
    public static Optional<Prefix> of(String name) {
      // Names are byte strings: no char of one folds to an ASCII letter but an ASCII letter.
      if (name.length() > 4 && name.charAt(3) == ':') {
        return name.regionMatches(true, 0, "ENV", 0, 3)
            ? Optional.of(ENV)
            : name.regionMatches(true, 0, "SSL", 0, 3) ? Optional.of(SSL) : none();
      }
      if (name.length() > 5 && name.charAt(4) == ':') {
        for (Prefix p : FOUR_LETTERS) {
          if (name.regionMatches(true, 0, p.spelling, 0, 4)) {
            return Optional.of(p);
          }
        }
      }
      return none();
    }

    /** The argument after the colon of a prefixed name. */
    public String argument(String name) {
      return name.substring(spelling().length() + 1);
    }

    private static final List<Prefix> FOUR_LETTERS = List.of(HTTP, LA_U, LA_F);

    private static Optional<Prefix> none() {
      return Optional.empty();
    }
  }
}
