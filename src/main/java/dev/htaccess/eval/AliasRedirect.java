package dev.htaccess.eval;

import dev.htaccess.httpd.CNumbers;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import java.util.List;
import java.util.OptionalInt;

/**
 * A mod_alias redirect: {@code Redirect [status] URL-path [URL]}, {@code RedirectMatch [status]
 * regex [URL]}, {@code RedirectPermanent} and {@code RedirectTemp}.
 *
 * @param status the status to answer with
 * @param path the URL-path prefix (Redirect) or null
 * @param regex the pattern (RedirectMatch) or null
 * @param target the URL to redirect to, or null for a status without one (gone, 4xx)
 */
record AliasRedirect(int status, String path, PcrePattern regex, String target) {

  static AliasRedirect of(String key, List<Argument> args) {
    int i = 0;
    int status = 302;
    if (key.equals("redirectpermanent")) {
      status = 301;
    } else if (key.equals("redirecttemp")) {
      status = 302;
    } else if (!args.isEmpty()) {
      String first = args.get(0).value();
      OptionalInt word = HttpStatus.aliasKeyword(first);
      Integer keyword =
          word.isPresent()
              ? Integer.valueOf(word.getAsInt())
              : first.chars().allMatch(Character::isDigit) && !first.isEmpty()
                  ? Integer.valueOf(CNumbers.atoi(first))
                  : null;
      if (keyword != null) {
        status = keyword;
        i = 1;
      }
    }
    if (args.size() <= i) {
      throw new IllegalArgumentException(key + ": missing URL-path");
    }
    String pathOrRegex = args.get(i).value();
    String target = args.size() > i + 1 ? args.get(i + 1).value() : null;
    boolean redirectStatus = HttpStatus.isRedirect(status);
    if (redirectStatus && target == null) {
      throw new IllegalArgumentException("URL to redirect to is missing");
    }
    if (!redirectStatus && target != null) {
      throw new IllegalArgumentException("Redirect URL not valid for this status");
    }
    if (key.equals("redirectmatch")) {
      return new AliasRedirect(status, null, PcrePattern.compile(pathOrRegex, false), target);
    }
    return new AliasRedirect(status, pathOrRegex, null, target);
  }

  /**
   * The Location for {@code uri}, "" when it matches without a URL (a status), or null when it does
   * not match.
   */
  String apply(String uri, String args, String selfUrl) {
    String location;
    if (regex != null) {
      PcreMatch m = regex.match(uri);
      if (m == null) {
        return null;
      }
      if (target == null) {
        return "";
      }
      location = Pregsub.substitute(target, m);
    } else {
      if (!prefixMatches(uri)) {
        return null;
      }
      if (target == null) {
        return "";
      }
      String rest = uri.substring(path.length());
      location = target + UrlEscaping.escapePath(rest);
      if (args != null) {
        location = location + "?" + args;
      }
    }
    if (location.startsWith("/")) {
      location = selfUrl + location;
    }
    return location;
  }

  private boolean prefixMatches(String uri) {
    if (!uri.startsWith(path)) {
      return false;
    }
    return path.endsWith("/") || uri.length() == path.length() || uri.charAt(path.length()) == '/';
  }
}
