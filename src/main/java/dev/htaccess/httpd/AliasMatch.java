package dev.htaccess.httpd;

/**
 * How Alias, Redirect and ProxyPass compare a URL path with their prefix (mod_alias's
 * alias_matches, mod_proxy's alias_match): characters literally, except that a run of slashes in
 * the prefix matches any run of one or more slashes in the path, and the prefix must end on a
 * segment boundary of the path.
 */
public final class AliasMatch {

  private AliasMatch() {}

  /**
   * The number of characters of {@code uri} the prefix matched (more than the prefix's length when
   * it matched doubled slashes), or 0 when it does not match.
   */
  public static int length(String uri, String prefix) {
    int a = 0;
    int u = 0;
    int alen = prefix.length();
    int ulen = uri.length();
    if (alen == 0) {
      return 0;
    }
    while (a < alen) {
      if (prefix.charAt(a) == '/') {
        if (u >= ulen || uri.charAt(u) != '/') {
          return 0;
        }
        while (a < alen && prefix.charAt(a) == '/') {
          a++;
        }
        while (u < ulen && uri.charAt(u) == '/') {
          u++;
        }
      } else {
        if (u >= ulen || uri.charAt(u) != prefix.charAt(a)) {
          return 0;
        }
        u++;
        a++;
      }
    }
    if (prefix.charAt(alen - 1) != '/' && u < ulen && uri.charAt(u) != '/') {
      return 0;
    }
    return u;
  }
}
