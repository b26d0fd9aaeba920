package dev.htaccess.httpd;

import java.util.List;

/**
 * How mod_alias reads the arguments of {@code Redirect}, {@code RedirectMatch}, {@code
 * RedirectPermanent} and {@code RedirectTemp} (add_redirect_internal): an optional status word or
 * number, then the URL-path (or regex) and the target. In a directory's configuration (.htaccess,
 * {@code <Directory>}, {@code <Location>}) a lone target, or a redirect status with one argument,
 * redirects every request of the directory: the target is then a string expression.
 *
 * @param status the status to answer with
 * @param directory the directory form: {@code target} (null for a status alone) applies to every
 *     request of the directory, {@code match} is null
 * @param match the URL-path prefix or the regex, or null in the directory form
 * @param target the URL (or path) to redirect to, or null for a status without one
 */
public record RedirectArgs(int status, boolean directory, String match, String target) {

  /**
   * Reads the arguments of directive {@code key} (lower case).
   *
   * @param inDirectory whether the directive is in a directory's configuration ({@code cmd->path})
   * @throws IllegalArgumentException with Apache's message when it refuses them
   */
  public static RedirectArgs parse(String key, List<String> args, boolean inDirectory) {
    boolean regex = key.equals("redirectmatch");
    int status = key.equals("redirectpermanent") ? 301 : 302;
    String arg1 = args.isEmpty() ? "" : args.get(0);
    String arg2 = args.size() > 1 ? args.get(1) : null;
    String arg3 = args.size() > 2 ? args.get(2) : null;
    int grok = 1;
    if (arg1.equalsIgnoreCase("permanent")) {
      status = 301;
    } else if (arg1.equalsIgnoreCase("temp")) {
      status = 302;
    } else if (arg1.equalsIgnoreCase("seeother")) {
      status = 303;
    } else if (arg1.equalsIgnoreCase("gone")) {
      status = 410;
      grok = -1;
    } else if (!arg1.isEmpty() && Character.isDigit(arg1.charAt(0))) {
      status = CNumbers.atoi(arg1);
      if (!HttpStatus.isRedirect(status)) {
        grok = -1;
      }
    } else {
      grok = 0;
    }
    if (arg3 != null && grok == 0) {
      throw new IllegalArgumentException("Redirect: invalid first argument (of three)");
    }
    if (inDirectory) {
      if ((grok > 0 && arg2 != null && arg3 == null) || (grok == 0 && arg2 == null)) {
        return new RedirectArgs(status, true, null, grok != 0 ? arg2 : arg1);
      }
      if (grok < 0 && arg2 == null) {
        return new RedirectArgs(status, true, null, null);
      }
    }
    String fake = arg2;
    String url = arg3;
    if (arg3 == null && grok == 0) {
      fake = arg1;
      url = arg2;
    }
    if (fake == null) {
      // "Redirect gone" outside a directory: nothing to match
      throw new IllegalArgumentException("URL to redirect to is missing");
    }
    if (HttpStatus.isRedirect(status)) {
      if (url == null) {
        throw new IllegalArgumentException("URL to redirect to is missing");
      }
      if (!regex && !isUrl(url) && !url.startsWith("/")) {
        throw new IllegalArgumentException("Redirect to non-URL");
      }
    } else if (url != null) {
      throw new IllegalArgumentException("Redirect URL not valid for this status");
    }
    return new RedirectArgs(status, false, fake, url);
  }

  /** ap_is_url: a scheme (letters, digits, {@code + - .}) and a colon. */
  public static boolean isUrl(String u) {
    int colon = u.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = u.charAt(i);
      if (!UrlEscaping.isAlnum(c) && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }
}
