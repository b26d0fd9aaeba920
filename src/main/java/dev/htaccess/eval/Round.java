package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One request_rec's state: the environment and the Vary header it builds, mod_rewrite's notes ([T],
 * [H], [END]), and what its processing found (the configuration of the last directory walk, the
 * file, the script handler, the file to send). The main request's rounds (internal redirects) hand
 * it on to each other; a subrequest gets a round of its own and returns its result.
 */
final class Round {

  /** {@code r->subprocess_env}: SetEnvIf, SetEnv, [E=] and the REDIRECT_ variables. */
  final Map<String, String> env;

  /** The request headers conditions read, for the Vary header. */
  final Set<String> vary;

  /** [END] was applied: no more rewriting in this request's rounds. */
  boolean end;

  /** [T=]: the content type a rule forced, or null. */
  String forcedType;

  /** [H=]: the handler a rule forced, or null. */
  String forcedHandler;

  /** The script handler's call for the file this round found, or null. */
  ScriptCall script;

  /** The file (or listed directory) this round would send, for the server; null if none. */
  String servedPath;

  /** True when {@link #servedPath} is a directory to list. */
  boolean listing;

  /**
   * {@code r->unparsed_uri}: the URL of the request line (or of the internal redirect) as sent,
   * query included; null where it is the decoded URL itself (a subrequest's).
   */
  String unparsedUri;

  /** The Alias prefix and target of this round, when an Alias mapped the request. */
  String contextPrefix;

  String contextDocRoot;

  /**
   * DOCUMENT_ROOT as mod_vhost_alias set it for this round (the host's root), or null: the main
   * DocumentRoot (a request mod_rewrite or mod_alias translated keeps that one).
   */
  String documentRoot;

  /** The configuration of the last directory walk, or null before any. */
  DirConfig lastConfig;

  /** The request fields at the end of the last directory walk (for headers and {@code <If>}). */
  RequestView lastFile;

  /** The base name of the last walk's file. */
  String lastBase;

  /**
   * The file a fast redirect made this subrequest's (mod_dir's FallbackResource looked up in it),
   * which mod_dir then tests as the index; null when it is the subrequest's own.
   */
  String fastRedirectedFile;

  /**
   * {@code r->status} as mod_rewrite left it: the status of an [R] rule whose redirect a later rule
   * turned back into a local path (0: none). The request is then served with it, and an error of
   * the request is answered without its ErrorDocument (ap_die sees a "recursive" error).
   */
  int leftStatus;

  /**
   * True when mod_rewrite answered with a status of its own ([F], [G], [R=4xx], the [N] limit:
   * ACTION_STATUS), which sets {@code r->status} back to OK first: ap_die then treats the error as
   * a new one, with its ErrorDocument, even inside an ErrorDocument's request.
   */
  boolean rewriteStatus;

  /** True when the file is served with the 3xx status an [R] left (see {@link #leftStatus}). */
  boolean servedWithLeftStatus;

  /**
   * In a subrequest whose [H] handler replaced the internal redirect: what the default handler
   * answers a GET of it (0: none). The subrequest itself is OK (no handler runs in a look-up); a
   * request that takes it over (an index) gets this.
   */
  int handlerInsteadStatus;

  /** {@code r->user}: the user the client named to authentication, or null. */
  String user;

  /** {@code r->ap_auth_type}: set when an authentication module ran, else null. */
  String authType;

  Round() {
    this.env = new LinkedHashMap<>();
    this.vary = new LinkedHashSet<>();
  }

  /**
   * A subrequest's round (ap_sub_req_lookup_uri): a copy of the request's environment, and nothing
   * else of its state; what the subrequest does stays in it unless {@link #adopt} takes it.
   */
  static Round subrequestOf(Round parent) {
    Round sub = new Round();
    sub.env.putAll(parent.env);
    return sub;
  }

  /**
   * ap_internal_fast_redirect: mod_dir makes an index subrequest the request. Its file, handler,
   * type, configuration and script become the request's; its environment and Vary headers are laid
   * over the request's (the subrequest's values first).
   */
  void adopt(Round sub) {
    Map<String, String> overlay = new LinkedHashMap<>(sub.env);
    env.forEach(overlay::putIfAbsent);
    env.clear();
    env.putAll(overlay);
    vary.addAll(sub.vary);
    forcedType = sub.forcedType;
    forcedHandler = sub.forcedHandler;
    handlerInsteadStatus = sub.handlerInsteadStatus;
    script = sub.script;
    servedPath = sub.servedPath;
    listing = sub.listing;
    contextPrefix = sub.contextPrefix;
    contextDocRoot = sub.contextDocRoot;
    documentRoot = sub.documentRoot;
    lastConfig = sub.lastConfig;
    lastFile = sub.lastFile;
    lastBase = sub.lastBase;
  }

  /** Notes such as the [T] type belong to one request_rec: an internal redirect loses them. */
  void startRound() {
    leftStatus = 0;
    rewriteStatus = false;
    servedWithLeftStatus = false;
    handlerInsteadStatus = 0;
    forcedType = null;
    forcedHandler = null;
    script = null;
    servedPath = null;
    listing = false;
    // A new request_rec authenticates again (its configuration may differ from the last one's).
    user = null;
    authType = null;
  }

  /** The Vary header, or null when no condition read a header. */
  String varyHeader() {
    return vary.isEmpty() ? null : String.join(",", vary);
  }
}
