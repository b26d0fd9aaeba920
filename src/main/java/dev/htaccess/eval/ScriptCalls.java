package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The script call with what is known only at the end of the request: the final environment, the
 * method the script sees, and PATH_TRANSLATED, which Apache finds by a subrequest for the (escaped)
 * PATH_INFO.
 */
final class ScriptCalls {

  private ScriptCalls() {}

  static ScriptCall complete(RequestState state, Round round, RoundProcessor processor) {
    ScriptCall call = round.script;
    Map<String, String> finalEnv = new LinkedHashMap<>(round.env);
    // ap_add_common_vars: the authenticated user and the scheme that authenticated them.
    if (round.user != null) {
      finalEnv.put("REMOTE_USER", round.user);
    }
    if (round.authType != null) {
      finalEnv.put("AUTH_TYPE", round.authType);
    }
    String translated = null;
    if (!call.pathInfo().isEmpty()) {
      // ap_sub_req_lookup_uri gets the escaped PATH_INFO and unescapes it again.
      Round subRound = Round.subrequestOf(round);
      RoundResult sub = processor.process(subRound, call.pathInfo(), null, true);
      RequestView file = subRound.lastFile;
      if (sub instanceof RoundResult.Redirected r) {
        translated = "redirect:" + r.uri() + (file == null ? "" : file.pathInfo());
      } else if (file != null) {
        translated = file.filename() + file.pathInfo();
      }
    }
    return call.completed(
        translated,
        finalEnv,
        state.errorDocument ? "GET" : null,
        state.previousUri,
        state.previousArgs,
        state.server.name(),
        state.server.port());
  }
}
