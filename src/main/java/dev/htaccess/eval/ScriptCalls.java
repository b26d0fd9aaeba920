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
    String translated = null;
    if (!call.pathInfo().isEmpty()) {
      Map<String, String> savedEnv = new LinkedHashMap<>(round.env);
      RequestView savedFile = round.lastFile;
      DirConfig savedConfig = round.lastConfig;
      String savedBase = round.lastBase;
      ScriptCall savedScript = round.script;
      // ap_sub_req_lookup_uri gets the escaped PATH_INFO and unescapes it again.
      RoundResult sub = processor.process(round, call.pathInfo(), null, true);
      RequestView file = round.lastFile;
      if (sub instanceof RoundResult.Redirected r) {
        translated = "redirect:" + r.uri() + (file == null ? "" : file.pathInfo());
      } else if (file != null) {
        translated = file.filename() + file.pathInfo();
      }
      round.env.clear();
      round.env.putAll(savedEnv);
      round.lastFile = savedFile;
      round.lastConfig = savedConfig;
      round.lastBase = savedBase;
      round.script = savedScript;
    }
    return call.completed(
        translated,
        finalEnv,
        state.errorDocument ? "GET" : null,
        state.previousUri,
        state.previousArgs,
        state.host.name(),
        state.host.port());
  }
}
