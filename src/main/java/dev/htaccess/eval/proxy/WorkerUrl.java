package dev.htaccess.eval.proxy;

/**
 * The start-up check of a ProxyPass worker URL (ap_proxy_de_socketfy, then ap_proxy_define_worker's
 * parse): absolute, with a host (or a Unix socket), and a numeric port.
 */
final class WorkerUrl {

  private WorkerUrl() {}

  /**
   * @throws IllegalArgumentException with Apache's message when it refuses the URL
   */
  static void check(String url, boolean regex) {
    String u = url;
    boolean socket = false;
    if (u.regionMatches(true, 0, "unix:", 0, 5) && u.indexOf('|', 5) >= 0) {
      u = u.substring(u.indexOf('|', 5) + 1);
      if (u.indexOf(':') < 0) {
        throw new IllegalArgumentException(
            "ProxyPass|ProxyPassMatch uses an invalid \"unix:\" URL");
      }
      socket = true;
    }
    int colon = u.indexOf(':');
    if (colon <= 0 || !schemeChars(u.substring(0, colon))) {
      throw new IllegalArgumentException("ProxyPass URL must be absolute!: " + url);
    }
    String rest = u.substring(colon + 1);
    String host = "";
    String port = "";
    if (rest.startsWith("//")) {
      int end = 2;
      while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
        end++;
      }
      String hostinfo = rest.substring(2, end);
      hostinfo = hostinfo.substring(hostinfo.lastIndexOf('@') + 1);
      int portColon =
          hostinfo.startsWith("[")
              ? hostinfo.indexOf(':', Math.max(0, hostinfo.indexOf(']')))
              : hostinfo.indexOf(':');
      if (hostinfo.startsWith("[") && hostinfo.indexOf(']') < 0) {
        throw new IllegalArgumentException("ProxyPass Unable to parse URL: " + url);
      }
      host = portColon < 0 ? hostinfo : hostinfo.substring(0, portColon);
      port = portColon < 0 ? "" : hostinfo.substring(portColon + 1);
    }
    if (regex) {
      port = port.replaceAll("\\$[0-9].*", "");
    }
    if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("ProxyPass Unable to parse URL: " + url);
    }
    if (host.isEmpty() && !socket) {
      throw new IllegalArgumentException("ProxyPass URL must be absolute!: " + url);
    }
  }

  private static boolean schemeChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
          && "+-.".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
