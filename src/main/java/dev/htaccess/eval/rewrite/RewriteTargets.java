package dev.htaccess.eval.rewrite;

import dev.htaccess.eval.proxy.ProxyTarget;
import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.HostHeader;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.source.RawText;
import java.util.Locale;

/**
 * What mod_rewrite does to a rewritten URL as text: recognising absolute URLs (is_absolute_uri),
 * splitting off the query string (splitout_queryargs), qualifying a path with this server's URL,
 * reducing a URL of this server to a path, and the escaping of redirect targets and proxy URLs.
 */
public final class RewriteTargets {

  /** The prefix mod_rewrite gives {@code r->filename} for [P]. */
  static final String PROXY = "proxy:";

  /** The prefix it gives {@code r->filename} for [PT]. */
  static final String PASSTHROUGH = "passthrough:";

  private static final String[] SCHEMES = {
    "ajp://",
    "balancer://",
    "ftp://",
    "fcgi://",
    "gopher://",
    "http://",
    "https://",
    "h2://",
    "h2c://",
    "ldap://",
    "mailto:",
    "news:",
    "nntp://",
    "scgi://",
    "ws://",
    "wss://",
    "unix:"
  };

  private RewriteTargets() {}

  /** is_absolute_uri: the length of the scheme prefix of an absolute URL, or 0. */
  public static int schemeLength(String uri) {
    if (uri.startsWith("/") || uri.length() <= 5) {
      return 0;
    }
    String l = uri.toLowerCase(Locale.ROOT);
    for (String s : SCHEMES) {
      if (l.startsWith(s)) {
        if (s.equals("unix:")) {
          return l.startsWith("unix://") ? 7 : 5;
        }
        return s.length();
      }
    }
    return 0;
  }

  /** splitout_queryargs: the query part of the new URL, with QSA, QSD and QSL. */
  static void splitQuery(RewriteContext ctx, CompiledRule p) {
    if (p.query.none()) {
      ctx.args = null;
      return;
    }
    int skip = schemeLength(ctx.filename);
    if (skip > 0 && !supportsQuery(ctx.filename)) {
      ctx.args = null;
      return;
    }
    if (p.query.discard()) {
      ctx.args = null;
    }
    String f = ctx.filename;
    int q = p.query.last() ? f.lastIndexOf('?') : f.indexOf('?', skip);
    if (q >= skip && q >= 0) {
      String query = f.substring(q + 1);
      ctx.filename = f.substring(0, q);
      String newArgs;
      if (p.query.append()) {
        // An empty new query leaves the old one as it is.
        newArgs = query.isEmpty() ? ctx.args : query + "&" + (ctx.args == null ? "" : ctx.args);
      } else {
        newArgs = query;
      }
      if (newArgs == null) {
        ctx.args = null;
        return;
      }
      if (newArgs.isEmpty()) {
        newArgs = null;
      } else if (newArgs.endsWith("&")) {
        newArgs = newArgs.substring(0, newArgs.length() - 1);
      }
      ctx.args = newArgs;
    }
  }

  /** URL schemes that have no query string: their {@code ?} stays part of the URL. */
  private static boolean supportsQuery(String url) {
    String l = url.toLowerCase(Locale.ROOT);
    return !(l.startsWith("ftp:")
        || l.startsWith("gopher:")
        || l.startsWith("ldap:")
        || l.startsWith("news:")
        || l.startsWith("nntp:"));
  }

  /** fully_qualify_uri: a path becomes a URL of this server. */
  static String fullyQualify(String f, RewriteHost host) {
    if (schemeLength(f) > 0) {
      return f;
    }
    return host.selfUrl() + (f.startsWith("/") ? "" : "/") + f;
  }

  /** reduce_uri: a URL of this very server (scheme, host and port) becomes its path. */
  static void reduceUri(RewriteContext ctx, RewriteHost host) {
    String f = ctx.filename;
    String scheme = host.https() ? "https" : "http";
    if (f.length() > scheme.length() + 3
        && f.regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3)) {
      int hostStart = scheme.length() + 3;
      int k = hostStart;
      while (k < f.length() && f.charAt(k) != '/' && f.charAt(k) != ':') {
        k++;
      }
      String h = f.substring(hostStart, k);
      String url;
      int urlPort = HostHeader.defaultPort(host.https());
      if (k < f.length() && f.charAt(k) == ':') {
        int slash = f.indexOf('/', k);
        urlPort = CNumbers.atoi(f.substring(k + 1, slash < 0 ? f.length() : slash));
        url = slash < 0 ? "/" : f.substring(slash);
      } else if (k < f.length()) {
        url = f.substring(k);
      } else {
        url = "/";
      }
      if (host.isThisServer(RawText.asciiLower(h), urlPort)) {
        ctx.filename = url;
      }
    }
  }

  /** The redirect's Location: the URL escaped (unless [NE]) and its query string appended. */
  static String redirectLocation(
      RewriteContext ctx, String f, boolean noEscape, String originalArgs) {
    int skip = schemeLength(f);
    String loc = noEscape ? f : escapeAbsoluteUri(f, skip);
    if (ctx.args != null) {
      boolean keep = noEscape || (originalArgs != null && ctx.args.equals(originalArgs));
      loc = loc + "?" + (keep ? ctx.args : UrlEscaping.escapePath(ctx.args));
    }
    return loc;
  }

  /** The part after the host of an absolute URL, escaped as ap_escape_uri does. */
  private static String escapeAbsoluteUri(String uri, int scheme) {
    int cp = scheme;
    if (uri.charAt(cp - 1) == '/') {
      while (cp < uri.length() && uri.charAt(cp) != '/') {
        cp++;
      }
      if (cp >= uri.length() || cp + 1 >= uri.length()) {
        return uri;
      }
      cp++;
    }
    return uri.substring(0, cp) + UrlEscaping.escapePath(uri.substring(cp));
  }

  /**
   * What mod_rewrite hands mod_proxy for {@code filename} ({@code proxy:URL}): with [NE] the query
   * string is appended here and the URL is not canonicalised ({@code proxy-nocanon}); otherwise
   * mod_proxy canonicalises the URL and appends the query itself.
   */
  static ProxyTarget proxyTarget(String filename, String args, boolean noEscape) {
    String url = filename.substring(PROXY.length());
    if (noEscape) {
      return new ProxyTarget(args != null ? url + "?" + args : url, args, true, false);
    }
    return ProxyTarget.of(url, args);
  }

  /** True when the query string has a control character or a space (AH10410, AH10411). */
  static boolean hasControlOrSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!UrlEscaping.isVcharOrObsText(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * mod_rewrite's subst_prefix_path: replaces the directory prefix {@code match} of {@code input}
   * with {@code subst} (RewriteBase), when {@code input} starts with it on a segment boundary.
   */
  static String substPrefix(String input, String match, String subst) {
    int len = match.length();
    if (len > 0 && match.charAt(len - 1) == '/') {
      len--;
    }
    if (input.startsWith(match.substring(0, len))
        && input.length() > len
        && input.charAt(len) == '/') {
      // the prefix and its slash are replaced by the substitute and one slash (none after an
      // empty substitute)
      String rest = input.substring(len + 1);
      return subst.isEmpty() || subst.endsWith("/") ? subst + rest : subst + "/" + rest;
    }
    return input;
  }
}
