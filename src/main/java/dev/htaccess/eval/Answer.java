package dev.htaccess.eval;

import dev.htaccess.httpd.HttpStatus;

/**
 * Turns the rounds' draft into the request's {@link Outcome}: mod_headers and mod_expires add their
 * operations, a script handler's call is completed, and the kind of answer is decided, in one
 * place, by the order serve has always answered in: proxy, redirect, script, the core's TRACE and
 * OPTIONS, a file or listing, else the status alone.
 */
final class Answer {

  private Answer() {}

  static Outcome outcome(RequestState state, Round round, RoundProcessor processor, Draft d) {
    boolean script = round.script != null && d.location() == null && d.proxy() == null;
    boolean typeLater = d.proxy() != null || (round.script != null && d.location() == null);
    ResponseHeaders.Result headers = new ResponseHeaders(state, round).of(d, typeLater);
    Outcome.Common common =
        new Outcome.Common(
            d.status(),
            d.uri(),
            d.query(),
            d.filename(),
            d.contentType(),
            state.cookies,
            d.vary(),
            headers.headers(),
            headers.expiry(),
            headers.requestHeaders());
    if (d.proxy() != null) {
      return new Outcome.Proxy(common, d.proxy());
    }
    if (d.location() != null) {
      return new Outcome.Redirect(common, d.location());
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
    if (round.servedPath != null && !HttpStatus.isRedirect(d.status())) {
      return round.listing
          ? new Outcome.ListDirectory(common, round.servedPath)
          : new Outcome.ServeFile(common, round.servedPath);
    }
    return new Outcome.Status(common);
  }
}
