package dev.htaccess.replay;

import dev.htaccess.eval.Evaluation;
import dev.htaccess.eval.Outcome;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.source.SourceSpan;

/**
 * What one configuration does with a request, in the terms {@code diff} compares: paths under the
 * document root are written from it ({@code /index.php}), so two document roots compare equal where
 * they do the same.
 *
 * @param status the final status
 * @param location the Location header, or null
 * @param uri the URI after rewriting, or null
 * @param query the query string after rewriting, or null
 * @param proxy the upstream URL, or null
 * @param file the file served or run, or null
 * @param contentType the Content-Type, or null
 * @param setCookie the Set-Cookie headers, in order
 * @param decidedBy {@code file:line} of the last directive that matched, or null for none
 */
public record Answer(
    int status,
    String location,
    String uri,
    String query,
    String proxy,
    String file,
    String contentType,
    java.util.List<String> setCookie,
    String decidedBy) {

  /** The answer of an evaluation of a site whose document root is {@code docroot}. */
  public static Answer of(Evaluation e, String docroot) {
    Outcome o = e.outcome();
    return new Answer(
        o.status(),
        relative(o.location(), docroot),
        o.uri(),
        o.query(),
        o.proxy(),
        relative(o.filename(), docroot),
        o.contentType(),
        o.setCookie(),
        decider(e, docroot));
  }

  /** What changed from {@code before} to this answer, the first field in order, or null. */
  Field changedFrom(Answer before) {
    if (status != before.status) {
      return Field.STATUS;
    }
    if (!same(location, before.location)) {
      return Field.REDIRECT;
    }
    if (!same(proxy, before.proxy)) {
      return Field.PROXY;
    }
    if (!same(file, before.file)) {
      return Field.FILE;
    }
    if (!same(uri, before.uri) || !same(query, before.query)) {
      return Field.REWRITE;
    }
    if (!same(contentType, before.contentType)) {
      return Field.CONTENT_TYPE;
    }
    if (!setCookie.equals(before.setCookie)) {
      return Field.COOKIE;
    }
    return null;
  }

  /**
   * A short description of the kind of answer: {@code 301 redirect}, {@code proxy}, {@code 404}.
   */
  String kind() {
    if (proxy != null) {
      return "proxy";
    }
    if (location != null && status >= 300 && status < 400) {
      return status + " redirect";
    }
    return String.valueOf(status);
  }

  /**
   * The answer in one line: {@code 301 -> https://x/}, {@code 200 file /index.php}, {@code 404} (an
   * error answer names no file).
   */
  public String summary() {
    StringBuilder b = new StringBuilder().append(status);
    if (proxy != null) {
      b.append(" proxy ").append(proxy);
    } else if (location != null) {
      b.append(" -> ").append(location);
    } else if (file != null && status < 400) {
      b.append(" file ").append(file);
    }
    if (proxy == null
        && location == null
        && status < 400
        && uri != null
        && (file == null || !uri.equals(file))) {
      b.append(" (uri ").append(uri).append(query == null ? "" : "?" + query).append(')');
    }
    return b.toString();
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private static String relative(String path, String docroot) {
    if (path == null) {
      return null;
    }
    return path.replace(docroot + "/", "/").replace(docroot, "/");
  }

  /**
   * The directive that decided: the last rule that rewrote (a substitution that changed the URL),
   * or else the last flag applied or configuration error, as {@code file:line}.
   */
  static String decider(Evaluation e, String docroot) {
    SourceSpan last = null;
    SourceSpan lastRewrite = null;
    for (TraceEvent t : e.trace()) {
      if (t instanceof TraceEvent.Substituted s && s.span() != null) {
        if (!s.after().equals(s.before())) {
          lastRewrite = s.span();
        }
        last = s.span();
      } else if (t instanceof TraceEvent.FlagApplied f && f.span() != null) {
        last = f.span();
      } else if (t instanceof TraceEvent.ConfigError c && c.span() != null) {
        last = c.span();
        lastRewrite = null;
      } else if (t instanceof TraceEvent.AliasDecision a && a.span() != null) {
        last = a.span(); // a Redirect line took the request
        lastRewrite = null;
      } else if (t instanceof TraceEvent.AccessStep a && a.span() != null) {
        last = a.span(); // a Require line refused it
        lastRewrite = null;
      }
    }
    if (lastRewrite != null) {
      last = lastRewrite;
    }
    if (last == null) {
      return null;
    }
    return relativeFile(last.file(), docroot) + ":" + last.line();
  }

  /** A configuration file's path from the document root ({@code sub/.htaccess}), or as it is. */
  static String relativeFile(String file, String docroot) {
    return file.startsWith(docroot + "/") ? file.substring(docroot.length() + 1) : file;
  }
}
