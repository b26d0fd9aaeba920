package dev.htaccess.httpd;

import java.util.Map;

/**
 * APR's URI parser and unparser (apr_uri_parse, apr_uri_unparse), which mod_alias runs a redirect
 * target through before escaping it. A URI the parser gives up on keeps the parts it had read, as
 * APR leaves them, since mod_alias does not look at the error.
 *
 * @param scheme the scheme, or null
 * @param user the user name, or null
 * @param password the password, or null
 * @param hostname the host (without the brackets of an IPv6 literal), or null without authority
 * @param portText the port as written (possibly empty), or null
 * @param port the port number: 0 when none was given, the scheme's default for an empty one
 * @param path the path, or null
 * @param query the query string, or null
 * @param fragment the fragment, or null
 */
public record AprUri(
    String scheme,
    String user,
    String password,
    String hostname,
    String portText,
    int port,
    String path,
    String query,
    String fragment) {

  /** apr_uri_port_of_scheme. */
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.ofEntries(
          Map.entry("http", 80),
          Map.entry("ftp", 21),
          Map.entry("https", 443),
          Map.entry("gopher", 70),
          Map.entry("ldap", 389),
          Map.entry("nntp", 119),
          Map.entry("snews", 563),
          Map.entry("imap", 143),
          Map.entry("pop", 110),
          Map.entry("sip", 5060),
          Map.entry("rtsp", 554),
          Map.entry("wais", 210),
          Map.entry("z39.50r", 210),
          Map.entry("z39.50s", 210),
          Map.entry("prospero", 1525),
          Map.entry("nfs", 2049),
          Map.entry("tip", 3372),
          Map.entry("acap", 674),
          Map.entry("telnet", 23),
          Map.entry("ssh", 22));

  /** The default port of a scheme (any case), 0 for one APR does not know. */
  public static int portOfScheme(String scheme) {
    return scheme == null ? 0 : DEFAULT_PORTS.getOrDefault(asciiLower(scheme), 0);
  }

  /** Parses {@code uri} as apr_uri_parse does. */
  public static AprUri parse(String uri) {
    Builder b = new Builder();
    b.parse(uri);
    return b.build();
  }

  /**
   * apr_uri_unparse: {@code scheme:} {@code //user:XXXXXXXX@host:port} (the password hidden, a
   * default port left out), the path, and with {@code withQuery} the query and fragment.
   */
  public String unparse(boolean withQuery) {
    StringBuilder out = new StringBuilder();
    if (scheme != null) {
      out.append(scheme).append(':');
    }
    if (hostname != null) {
      out.append("//");
      if (user != null || password != null) {
        if (user != null) {
          out.append(user);
        }
        if (password != null) {
          out.append(":XXXXXXXX");
        }
        out.append('@');
      }
      boolean v6 = hostname.indexOf(':') >= 0;
      out.append(v6 ? "[" : "").append(hostname).append(v6 ? "]" : "");
      boolean defaultPort = portText == null || port == 0 || port == portOfScheme(scheme);
      if (!defaultPort) {
        out.append(':').append(portText);
      }
    }
    if (path != null) {
      out.append(path);
    }
    if (withQuery) {
      if (query != null) {
        out.append('?').append(query);
      }
      if (fragment != null) {
        out.append('#').append(fragment);
      }
    }
    return out.toString();
  }

  private static String asciiLower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  private static final class Builder {
    String scheme;
    String user;
    String password;
    String hostname;
    String portText;
    int port;
    String path;
    String query;
    String fragment;

    AprUri build() {
      return new AprUri(scheme, user, password, hostname, portText, port, path, query, fragment);
    }

    void parse(String uri) {
      if (uri.startsWith("/")) {
        if (uri.startsWith("//") && !uri.startsWith("///")) {
          authority(uri, 2);
        } else {
          path(uri, 0);
        }
        return;
      }
      int s = 0;
      if (s < uri.length() && isAlpha(uri.charAt(0))) {
        s++;
        while (s < uri.length() && (isAlpha(uri.charAt(s)) || isSchemeChar(uri.charAt(s)))) {
          s++;
        }
      }
      if (s > 0 && s < uri.length() && uri.charAt(s) == ':') {
        scheme = uri.substring(0, s);
        s++;
      } else {
        s = 0;
      }
      if (!uri.startsWith("//", s)) {
        if (s == 0) {
          // no scheme, no authority: the first segment may not hold a colon
          int slash = uri.indexOf('/');
          int colon = uri.indexOf(':');
          if (colon >= 0 && (slash < 0 || colon < slash)) {
            return;
          }
        }
        path(uri, s);
        return;
      }
      authority(uri, s + 2);
    }

    private void authority(String uri, int start) {
      int end = start;
      while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
        end++;
      }
      String hostinfo = uri.substring(start, end);
      int at = hostinfo.lastIndexOf('@');
      if (at >= 0) {
        String userinfo = hostinfo.substring(0, at);
        int colon = userinfo.indexOf(':');
        if (colon >= 0) {
          user = userinfo.substring(0, colon);
          password = userinfo.substring(colon + 1);
        } else {
          user = userinfo;
        }
        hostinfo = hostinfo.substring(at + 1);
      }
      int portColon;
      if (hostinfo.startsWith("[")) {
        int bracket = hostinfo.indexOf(']');
        if (bracket < 0) {
          return;
        }
        portColon =
            bracket + 1 < hostinfo.length() && hostinfo.charAt(bracket + 1) == ':'
                ? bracket + 1
                : -1;
        hostname = hostinfo.substring(1, bracket);
      } else {
        portColon = hostinfo.indexOf(':');
        hostname = portColon < 0 ? hostinfo : hostinfo.substring(0, portColon);
      }
      if (portColon >= 0) {
        portText = hostinfo.substring(portColon + 1);
        if (!portText.isEmpty()) {
          long parsed = strtol(portText);
          port = (int) ((parsed >> 1) & 0xffff); // apr_port_t is 16 bits
          if ((parsed & 1) == 0) {
            return; // characters after the port's digits: APR gives up here, path unread
          }
        } else {
          port = portOfScheme(scheme);
        }
      }
      path(uri, end);
    }

    /**
     * strtol: the value of the leading number, shifted left by one, with the low bit set when
     * nothing follows it.
     */
    private static long strtol(String text) {
      int i = 0;
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      boolean negative = false;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        negative = text.charAt(i) == '-';
        i++;
      }
      long value = 0;
      int digits = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        value = Math.min(value * 10 + (text.charAt(i) - '0'), Integer.MAX_VALUE);
        i++;
      }
      if (i == digits) {
        return 0; // no number at all
      }
      long signed = negative ? -value : value;
      return (signed << 1) | (i == text.length() ? 1 : 0);
    }

    private void path(String uri, int start) {
      int s = start;
      while (s < uri.length() && uri.charAt(s) != '?' && uri.charAt(s) != '#') {
        s++;
      }
      if (s > start) {
        path = uri.substring(start, s);
      }
      if (s >= uri.length()) {
        return;
      }
      if (uri.charAt(s) == '?') {
        int hash = uri.indexOf('#', s + 1);
        if (hash >= 0) {
          fragment = uri.substring(hash + 1);
          query = uri.substring(s + 1, hash);
        } else {
          query = uri.substring(s + 1);
        }
        return;
      }
      fragment = uri.substring(s + 1);
    }

    private static boolean isAlpha(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSchemeChar(char c) {
      return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.';
    }
  }
}
