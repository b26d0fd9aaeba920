package dev.htaccess.eval;

import dev.htaccess.httpd.HeaderValues;
import dev.htaccess.httpd.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rounds' draft into the request's {@link Outcome}: mod_headers and mod_expires add their
 * operations, a script handler's call is completed, and the kind of answer is decided, in one
 * place, by the order serve has always answered in: proxy, redirect, script, the core's TRACE and
 * OPTIONS, a file or listing, else the status alone.
 */
final class Answer {

  private Answer() {}

  static Outcome outcome(RequestState state, Round round, RoundProcessor processor, Draft draft) {
    Draft d = unsendableHeaders(state, draft) ? abortedWith500(draft) : draft;
    boolean script =
        d == draft && round.script != null && d.location() == null && d.proxy() == null;
    boolean typeLater = d.proxy() != null || (round.script != null && d.location() == null);
    ResponseHeaders.Result headers = new ResponseHeaders(state, round).of(d, typeLater);
    if (d == draft && unsendableNames(headers.headers(), d.status())) {
      d = abortedWith500(draft);
      script = false;
      typeLater = false;
      headers = ResponseHeaders.Result.NONE;
    }
    List<ResponseHeader> responseHeaders = headers.headers();
    if (state.authChallenge != null) {
      // mod_auth_basic's challenge is in r->err_headers_out before mod_headers acts on it.
      List<ResponseHeader> withChallenge = new ArrayList<>();
      withChallenge.add(
          new ResponseHeader(true, "set", "WWW-Authenticate", state.authChallenge, null, null));
      withChallenge.addAll(responseHeaders);
      responseHeaders = withChallenge;
    }
    Outcome.Common common =
        new Outcome.Common(
            d.status(),
            d.uri(),
            d.query(),
            d.filename(),
            d.contentType(),
            state.cookies,
            d.vary(),
            responseHeaders,
            headers.expiry(),
            headers.requestHeaders());
    if (d.proxy() != null) {
      return new Outcome.Proxy(common, d.proxy());
    }
    if (d.location() != null) {
      return new Outcome.Redirect(common.withoutVary(), d.location());
    }
    if (script) {
      return new Outcome.RunScript(common, ScriptCalls.complete(state, round, processor));
    }
    String method = state.request.method();
    if (d.status() == 200 && method.equals("TRACE")) {
      return new Outcome.TraceEcho(common);
    }
    if (d.status() == 200 && method.equals("OPTIONS")) {
      return new Outcome.Options(common);
    }
    // A 3xx an [R] left behind (an internal redirect carried it): the default handler still sends
    // the file, with that status. Any other 3xx without a Location is an error page.
    if (round.servedPath != null
        && (!HttpStatus.isRedirect(d.status()) || round.servedWithLeftStatus)) {
      return round.listing
          ? new Outcome.ListDirectory(common, round.servedPath)
          : new Outcome.ServeFile(common, round.servedPath);
    }
    return new Outcome.Status(d.status() >= 300 ? common.withoutVary() : common);
  }

  /**
   * Whether a header of the response holds what httpd refuses to send (a control character in a
   * Location or Set-Cookie, as [NE] or a cookie built from a decoded path can give).
   */
  private static boolean unsendableHeaders(RequestState state, Draft d) {
    if (d.location() != null && !HeaderValues.sendable(d.location())) {
      return true;
    }
    for (String cookie : state.cookies) {
      if (!HeaderValues.sendable(cookie)) {
        return true;
      }
    }
    return d.contentType() != null && !HeaderValues.sendable(d.contentType());
  }

  /**
   * Whether mod_headers adds a header whose name httpd will not send (check_header): the headers of
   * {@code Header always} always go out, the others with a successful response.
   */
  private static boolean unsendableNames(List<ResponseHeader> ops, int status) {
    for (ResponseHeader op : ops) {
      boolean adds =
          switch (op.action()) {
            case "set", "add", "append", "merge", "setifempty" -> true;
            default -> false;
          };
      if (adds
          && (op.always() || status < 300)
          && op.whenContentType() == null
          && !HeaderValues.sendableName(op.name())) {
        return true;
      }
    }
    return false;
  }

  /** The request aborted when its headers were to be sent: Apache's 500 page. */
  private static Draft abortedWith500(Draft d) {
    return Draft.errorPage(500, d.uri(), d.query(), d.vary());
  }
}
