package dev.htaccess.eval;

import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.httpd.HttpStatus;
import dev.htaccess.httpd.MediaTypes;
import dev.htaccess.httpd.UriPath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request's rounds: the request itself, then each internal redirect (a per-directory rewrite,
 * FallbackResource) and ErrorDocument, until one answers or LimitInternalRecursion stops the loop
 * with a 500 (ap_die, internal_internal_redirect).
 */
final class RoundLoop {

  private final RequestState state;
  private final Round round;
  private final RoundProcessor processor;

  RoundLoop(RequestState state, Round round, RoundProcessor processor) {
    this.state = state;
    this.round = round;
    this.processor = processor;
  }

  Draft run(String uri, String args) {
    int limit = state.site.config.limitInternalRecursion();
    int redirects = 0;
    String currentUri = uri;
    String currentArgs = args;
    int errorStatus = 0;
    // r->status of each earlier request of the chain (r->prev ...), oldest first, and the one the
    // current request started with (internal_internal_redirect copies it to the new request)
    java.util.List<Integer> earlier = new java.util.ArrayList<>();
    int inherited = 200;
    state.trace.add(
        new TraceEvent.Round(1, currentUri, currentArgs, TraceEvent.RoundReason.REQUEST, 0));
    round.unparsedUri = withoutFragment(state.request.target());
    while (true) {
      round.startRound();
      RoundResult result = processor.process(round, currentUri, currentArgs, false);
      // r->status once this request's rules ran: an [R] whose URL a later rule made local again
      // leaves its code there
      int own = round.leftStatus != 0 ? round.leftStatus : inherited;
      if (result instanceof RoundResult.Answered a && round.rewriteStatus && a.status() >= 400) {
        // mod_rewrite set r->status back to OK: ap_die takes this as a new error
        own = 200;
        errorStatus = 0;
      }
      if (result instanceof RoundResult.Answered a) {
        if (errorStatus == 0 && own != 200) {
          Draft stale = withStaleStatus(a, earlier, own);
          if (stale != null) {
            return stale;
          }
        }
        if (errorStatus == 0 && a.status() >= 400) {
          String doc = errorDocumentFor(a.status());
          if (doc != null && doc.startsWith("/")) {
            errorStatus = a.status();
            state.errorDocument = true;
            // ap_die: the error document is fetched with GET, and the original method is
            // kept in REQUEST_METHOD (so REDIRECT_REQUEST_METHOD after the rename).
            round.env.put("REQUEST_METHOD", state.request.method());
            renameEnvForRedirect(a.status(), a.uri(), a.args());
            redirects++;
            state.redirects = redirects;
            if (redirects > limit) {
              // (the request that would redirect once more is the one logged, with its file)
              Draft limited = errorPage(500, null, a);
              int status = dieStatus(500, earlier, a.status());
              return status == 500 ? limited : limited.withStatus(status);
            }
            earlier.add(a.status());
            inherited = a.status();
            int qi = doc.indexOf('?');
            // The error document's URL is a new request's too: decoded as one.
            UriPath.Result docPath =
                UriPath.process(withoutFragment(qi < 0 ? doc : doc.substring(0, qi)));
            if (docPath.status() != 0) {
              return Draft.errorPage(
                  a.status(), RequestTarget.cString(docPath.uri()), a.args(), round.varyHeader());
            }
            currentUri = docPath.uri();
            currentArgs = qi < 0 ? null : doc.substring(qi + 1);
            round.unparsedUri = withoutFragment(doc);
            // The error document is a new request with new response headers: only mod_rewrite's
            // own internal redirects carry Vary over (the redirect-keeps-vary note).
            round.vary.clear();
            state.trace.add(
                new TraceEvent.Round(
                    redirects + 1,
                    currentUri,
                    currentArgs,
                    TraceEvent.RoundReason.ERROR_DOCUMENT,
                    a.status()));
            continue;
          }
          if (doc != null && doc.contains("://") && !doc.startsWith("\"")) {
            // A full URL: Apache answers with a redirect to it instead of the error.
            state.trace.add(new TraceEvent.ErrorDocumentRedirect(a.status(), doc));
            return errorPage(302, doc, a);
          }
        }
        return answer(a, errorStatus);
      }
      RoundResult.Redirected r = (RoundResult.Redirected) result;
      redirects++;
      state.redirects = redirects;
      if (redirects > limit) {
        // The request that asked for one redirect too many answers, with its query as its last
        // rule left it.
        state.trace.add(new TraceEvent.RecursionLimit(limit));
        Draft limited = Draft.errorPage(500, currentUri, r.args(), round.varyHeader());
        int status = dieStatus(500, earlier, own);
        return status == 500 ? limited : limited.withStatus(status);
      }
      earlier.add(own);
      inherited = own;
      // The old request (r->prev) keeps its r->uri (per-dir rewriting leaves it alone) and its
      // r->args (which the rule may have changed). Within an ErrorDocument's request the status
      // is still the error's.
      renameEnvForRedirect(errorStatus != 0 ? errorStatus : 200, currentUri, r.args());
      // The new URI is a new request's (ap_internal_redirect, ap_parse_uri): a fragment is cut
      // off, and the path is normalised and %-decoded again as the core does it, so a bad
      // escape or a climb above the root is a 400 and an encoded slash a 404.
      UriPath.Result next = UriPath.process(withoutFragment(r.uri()));
      if (next.status() != 0) {
        state.trace.add(
            new TraceEvent.Refusal(
                next.status() == 404
                    ? TraceEvent.Refusal.Reason.ENCODED_SLASH
                    : TraceEvent.Refusal.Reason.ABOVE_DOCUMENT_ROOT,
                next.status()));
        // the new request (its status copied from this one) fails: ap_die on it
        return Draft.errorPage(
            dieStatus(next.status(), earlier, own),
            RequestTarget.cString(next.uri()),
            r.args(),
            null);
      }
      currentUri = next.uri();
      // apr_uri_parse of "path?args": a '#' in the path makes the rest (the query too) the
      // fragment, and a '#' in the query ends it.
      currentArgs =
          r.uri().indexOf('#') >= 0 || r.args() == null ? null : withoutFragment(r.args());
      round.unparsedUri = withoutFragment(r.uri()) + (r.args() != null ? "?" + r.args() : "");
      state.trace.add(
          new TraceEvent.Round(
              redirects + 1, currentUri, currentArgs, TraceEvent.RoundReason.INTERNAL_REDIRECT, 0));
    }
  }

  /**
   * The answer of a request whose {@code r->status} is not OK (see {@link Round#leftStatus}; an
   * internal redirect passes it on): a file the default handler serves goes out with that status
   * (and no Location); an error of a redirected request is "recursive" for ap_die, so no
   * ErrorDocument is tried and the first request of the chain that failed answers. Null when the
   * answer is the usual one (a proxy or a script sets its own status; the request itself is never
   * recursive).
   */
  private Draft withStaleStatus(RoundResult.Answered a, java.util.List<Integer> earlier, int own) {
    if (a.proxy() != null || round.script != null) {
      return null;
    }
    if (a.status() == 200) {
      round.servedWithLeftStatus = true;
      return new Draft(
          own, null, a.uri(), a.args(), null, a.filename(), a.contentType(), round.varyHeader());
    }
    if (a.status() < 400 || earlier.isEmpty()) {
      return null;
    }
    return errorPage(dieStatus(a.status(), earlier, own), a.location(), a);
  }

  /**
   * The status ap_die answers {@code type} with. When the failing request's own status ({@code
   * current}) is not OK (an [R] left it, or it is an ErrorDocument's), the error counts as
   * recursive: the first of the requests before it whose statuses are all not OK is the one
   * answered, with its status.
   */
  private static int dieStatus(int type, java.util.List<Integer> earlier, int current) {
    if (current == 200) {
      return type;
    }
    int status = type;
    for (int i = earlier.size() - 1; i >= 0 && earlier.get(i) != 200; i--) {
      status = earlier.get(i);
    }
    return status;
  }

  /**
   * Apache's page for {@code status} (a Location with it, or null), on the request of {@code a}.
   */
  private Draft errorPage(int status, String location, RoundResult.Answered a) {
    return new Draft(
        status,
        location,
        a.uri(),
        a.args(),
        null,
        a.filename(),
        MediaTypes.ERROR_PAGE,
        round.varyHeader());
  }

  private static String withoutFragment(String uri) {
    int hash = uri.indexOf('#');
    return hash < 0 ? uri : uri.substring(0, hash);
  }

  /** The final round's answer; within an ErrorDocument's request, the error's status. */
  private Draft answer(RoundResult.Answered a, int errorStatus) {
    if (errorStatus != 0 && a.status() >= 400) {
      return new Draft(
          errorStatus,
          a.location(),
          a.uri(),
          a.args(),
          a.proxy(),
          a.filename(),
          MediaTypes.ERROR_PAGE,
          round.varyHeader());
    }
    int status = errorStatus != 0 && a.status() == 200 ? errorStatus : a.status();
    String contentType = a.contentType();
    if (a.status() >= 400 || HttpStatus.isRedirect(a.status())) {
      // (a 3xx without a Location too: ap_die sends its error page)
      contentType = MediaTypes.ERROR_PAGE;
    }
    return new Draft(
        status,
        a.location(),
        a.uri(),
        a.args(),
        a.proxy(),
        a.filename(),
        contentType,
        round.varyHeader());
  }

  private String errorDocumentFor(int status) {
    DirConfig cfg = round.lastConfig;
    // A .htaccess that fails to parse ends the directory walk before r->per_dir_config is set:
    // only the virtual host's ErrorDocuments are in effect then (measured).
    Map<Integer, String> docs =
        cfg != null && cfg.error() == null
            ? cfg.errorDocuments()
            : state.site.config.errorDocuments();
    return docs.get(status);
  }

  /**
   * An internal redirect starts a new request whose environment is the old one with every name
   * prefixed by {@code REDIRECT_}, plus REDIRECT_STATUS (http_request.c,
   * internal_internal_redirect). REDIRECT_URL and REDIRECT_QUERY_STRING are not variables of the
   * request (a RewriteCond reading them finds nothing, measured): a script gets them from the
   * previous request, which is kept here.
   */
  private void renameEnvForRedirect(int status, String oldUri, String oldArgs) {
    Map<String, String> renamed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : round.env.entrySet()) {
      renamed.put("REDIRECT_" + e.getKey(), e.getValue());
    }
    renamed.put("REDIRECT_STATUS", Integer.toString(status));
    round.env.clear();
    round.env.putAll(renamed);
    state.previousUri = oldUri;
    state.previousArgs = oldArgs;
  }
}
