package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.AliasMatch;
import dev.htaccess.httpd.AprUri;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.httpd.Pregsub;
import dev.htaccess.httpd.RedirectArgs;
import dev.htaccess.httpd.UrlEscaping;
import dev.htaccess.model.Argument;
import dev.htaccess.regex.PcreMatch;
import dev.htaccess.regex.PcrePattern;
import dev.htaccess.source.SourceSpan;
import java.util.List;
import java.util.function.Function;

/**
 * A mod_alias redirect: {@code Redirect [status] URL-path [URL]}, {@code RedirectMatch [status]
 * regex [URL]}, {@code RedirectPermanent}, {@code RedirectTemp}, and in a directory the form that
 * redirects every request of it to a string expression.
 *
 * @param status the status to answer with
 * @param path the URL-path prefix (Redirect), or null
 * @param regex the pattern (RedirectMatch), or null
 * @param target the URL to redirect to, or null for a status without one (gone, 4xx)
 * @param expression the directory form's target, or null
 * @param directory whether this is the directory form (no path, no regex)
 * @param span the directive's line, for the trace and coverage
 */
record AliasRedirect(
    int status,
    String path,
    PcrePattern regex,
    String target,
    ApExpression.Text expression,
    boolean directory,
    SourceSpan span) {

  /**
   * Reads the directive as mod_alias does.
   *
   * @param inDirectory whether it is in a directory's configuration (.htaccess, {@code
   *     <Directory>}, {@code <Location>})
   * @throws IllegalArgumentException with Apache's message when Apache refuses it
   */
  static AliasRedirect of(String key, List<Argument> args, boolean inDirectory, SourceSpan span) {
    RedirectArgs parsed =
        RedirectArgs.parse(key, args.stream().map(Argument::value).toList(), inDirectory);
    if (parsed.directory()) {
      ApExpression.Text expr = null;
      if (parsed.target() != null) {
        try {
          expr = ApExpression.parseString(parsed.target());
        } catch (ApExpression.ExprException e) {
          throw new IllegalArgumentException(
              "Cannot parse redirect expression '" + parsed.target() + "': " + e.getMessage(), e);
        }
      }
      return new AliasRedirect(parsed.status(), null, null, null, expr, true, span);
    }
    if (key.equals("redirectmatch")) {
      PcrePattern pattern;
      try {
        pattern = PcrePattern.compile(parsed.match(), false);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Regular expression could not be compiled.", e);
      }
      return new AliasRedirect(parsed.status(), null, pattern, parsed.target(), null, false, span);
    }
    return new AliasRedirect(
        parsed.status(), parsed.match(), null, parsed.target(), null, false, span);
  }

  /** What the redirect answers for a URL. */
  sealed interface Answer {}

  /** A redirect status with its Location, or another status with none. */
  record Redirected(int status, String location) implements Answer {}

  /** The target is not a URL or a path (AH00676), or its expression failed: a 500. */
  record Failed() implements Answer {}

  /**
   * The answer for {@code uri}, or null when the redirect does not take it.
   *
   * @param selfUrl this server's URL (scheme, host, port) for targets that are paths
   * @param variables the expression variables, for the directory form
   */
  Answer apply(String uri, String args, String selfUrl, Function<String, String> variables) {
    String found;
    if (directory) {
      if (expression == null) {
        found = "";
      } else {
        try {
          found = escapeAsUri(expression.evaluate(variables));
        } catch (RuntimeException e) {
          return new Failed();
        }
      }
    } else if (regex != null) {
      PcreMatch m = regex.match(uri);
      if (m == null) {
        return null;
      }
      found = target == null ? "" : escapeAsUri(Pregsub.substitute(target, m));
    } else {
      int length = AliasMatch.length(uri, path);
      if (length == 0) {
        return null;
      }
      found = target == null ? "" : target + UrlEscaping.escapePath(uri.substring(length));
    }
    if (!HttpStatus.isRedirect(status)) {
      // The hook returns the status: 0 is OK (the request goes on), and ap_die sends a status
      // Apache has no status line for as a 500 (measured: Redirect 30, 599, 1000).
      if (status == 0) {
        return null;
      }
      return new Redirected(HttpStatus.KNOWN.contains(status) ? status : 500, null);
    }
    if (found.startsWith("/")) {
      found = selfUrl + found;
    }
    if (!RedirectArgs.isUrl(found)) {
      return new Failed();
    }
    if (args != null && found.indexOf('?') < 0) {
      found = found + "?" + args;
    }
    return new Redirected(status, found);
  }

  /**
   * A target built from a substitution: parsed as a URI, its query and fragment set aside, the rest
   * put back together and escaped, then the query and fragment added as they were.
   */
  private static String escapeAsUri(String found) {
    AprUri uri = AprUri.parse(found);
    String out = UrlEscaping.escapePath(uri.unparse(false));
    if (uri.query() != null) {
      out = out + "?" + uri.query();
    }
    if (uri.fragment() != null) {
      out = out + "#" + uri.fragment();
    }
    return out;
  }
}
