package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.httpd.ServerVariable;
import java.time.LocalDateTime;
import java.util.List;

/**
 * mod_rewrite's lookup_variable: the value of {@code %{NAME}} for a request as it stands, for the
 * names of the {@link ServerVariable} catalog and its prefixed forms. The same lookup serves
 * RewriteCond, {@code <If>} and {@code Header expr=}.
 */
final class Variables {

  private final RequestState state;
  private final Round round;

  Variables(RequestState state, Round round) {
    this.state = state;
    this.round = round;
  }

  /**
   * The value of {@code name}; request headers read are added to {@code varyThis} (null when they
   * do not count towards Vary).
   */
  String lookup(String name, RequestView view, List<String> varyThis) {
    if (name.length() < 4) {
      return "";
    }
    var prefix = ServerVariable.Prefix.of(name);
    if (prefix.isPresent()) {
      String arg = prefix.get().argument(name);
      return switch (prefix.get()) {
        case ENV -> {
          String v = round.env.get(arg);
          if (v == null) {
            v = state.site.options.processEnvironment().get(arg);
          }
          yield v == null ? "" : v;
        }
        case SSL -> "";
        case HTTP -> orEmpty(header(arg, varyThis));
        case LA_U, LA_F -> lookup(arg, view, varyThis);
      };
    }
    ServerVariable variable = ServerVariable.lookup(name).orElse(null);
    if (variable == null) {
      return "";
    }
    return orEmpty(value(variable, view, varyThis));
  }

  private String value(ServerVariable variable, RequestView view, List<String> varyThis) {
    RequestSpec request = state.request;
    return switch (variable) {
      case HTTP_USER_AGENT -> header("User-Agent", varyThis);
      case HTTP_REFERER -> header("Referer", varyThis);
      case HTTP_COOKIE -> header("Cookie", varyThis);
      case HTTP_FORWARDED -> header("Forwarded", varyThis);
      case HTTP_HOST ->
          request.header("Host") != null
              ? request.header("Host")
              : state.site.options.defaultHost();
      case HTTP_PROXY_CONNECTION -> header("Proxy-Connection", varyThis);
      case HTTP_ACCEPT -> header("Accept", varyThis);
      case REMOTE_ADDR, CONN_REMOTE_ADDR, REMOTE_HOST -> request.remoteAddr();
      case REMOTE_PORT -> {
        state.nondeterministic = true;
        yield "0";
      }
      case REMOTE_USER -> round.user == null ? "" : round.user;
      case AUTH_TYPE -> round.authType == null ? "" : round.authType;
      case REMOTE_IDENT -> "";
      case REQUEST_METHOD -> request.method();
      case SCRIPT_FILENAME, REQUEST_FILENAME -> view.filename();
      case SCRIPT_USER -> view.walked() ? owner(view.filename(), true) : "<unknown>";
      case SCRIPT_GROUP -> view.walked() ? owner(view.filename(), false) : "<unknown>";
      case PATH_INFO -> view.pathInfo();
      case QUERY_STRING -> view.args();
      case DOCUMENT_ROOT ->
          round.documentRoot != null ? round.documentRoot : state.site.config.grantedPath();
      case CONTEXT_DOCUMENT_ROOT ->
          round.contextDocRoot != null ? round.contextDocRoot : state.site.config.grantedPath();
      case CONTEXT_PREFIX -> round.contextPrefix != null ? round.contextPrefix : "";
      case SERVER_ADMIN -> "[no address given]";
      case SERVER_NAME -> state.server.name();
      case SERVER_ADDR -> "127.0.0.1";
      case SERVER_PORT -> Integer.toString(state.server.port());
      case SERVER_PROTOCOL -> "HTTP/1.1";
      case SERVER_SOFTWARE -> "Apache";
      case THE_REQUEST -> state.theRequest;
      case REQUEST_URI -> view.uri();
      case REQUEST_SCHEME -> state.https ? "https" : "http";
      case HTTPS -> state.https ? "on" : "off";
      case IS_SUBREQ -> view.subrequest() ? "true" : "false";
      case IPV6, HTTP2 -> "off";
      case API_VERSION -> "20120211:140";
      case TIME_YEAR, TIME_MON, TIME_DAY, TIME_HOUR, TIME_MIN, TIME_SEC, TIME_WDAY, TIME ->
          time(variable);
    };
  }

  /**
   * The user (or group) owning r->filename. Apache reads it from r->finfo, which for a path that
   * does not exist still holds what the directory walk last found: the nearest existing parent
   * (measured: a missing file under the document root gives the document root's owner).
   */
  private String owner(String filename, boolean user) {
    String path = filename;
    while (path != null && !path.isEmpty()) {
      if (state.stat(path).exists()) {
        String name = FileStats.owner(path, user);
        return name == null ? "<unknown>" : name;
      }
      int slash = path.lastIndexOf('/');
      path = slash > 0 ? path.substring(0, slash) : slash == 0 && path.length() > 1 ? "/" : null;
    }
    return "<unknown>";
  }

  private String header(String name, List<String> varyThis) {
    if (varyThis != null && !name.equalsIgnoreCase("Host")) {
      varyThis.add(name);
    }
    return state.request.header(name);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private String time(ServerVariable variable) {
    state.nondeterministic = true;
    LocalDateTime now = LocalDateTime.now();
    return switch (variable) {
      case TIME_YEAR -> String.format("%04d", now.getYear());
      case TIME_MON -> String.format("%02d", now.getMonthValue());
      case TIME_DAY -> String.format("%02d", now.getDayOfMonth());
      case TIME_HOUR -> String.format("%02d", now.getHour());
      case TIME_MIN -> String.format("%02d", now.getMinute());
      case TIME_SEC -> String.format("%02d", now.getSecond());
      case TIME_WDAY -> Integer.toString(now.getDayOfWeek().getValue() % 7);
      default ->
          String.format(
              "%04d%02d%02d%02d%02d%02d",
              now.getYear(),
              now.getMonthValue(),
              now.getDayOfMonth(),
              now.getHour(),
              now.getMinute(),
              now.getSecond());
    };
  }
}
