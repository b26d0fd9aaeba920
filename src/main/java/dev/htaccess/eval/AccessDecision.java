package dev.htaccess.eval;

import dev.htaccess.eval.AuthzTree.Verdict;
import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.expr.ApExpression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * ap_process_request_internal's access phase for one merged policy: mod_access_compat's host rules
 * (access_checker), the Require tree without a user (access_checker_ex), and when it needs one,
 * authentication (check_user_id: mod_auth_basic, else the core's 500) and the tree again with the
 * user (auth_checker). Satisfy Any lets the host rules alone admit the client.
 */
final class AccessDecision {

  private final RequestState state;
  private final Round round;
  private final AccessPolicy policy;
  private final RequestView file;
  private final boolean subrequest;
  private final Variables variables;

  AccessDecision(
      RequestState state, Round round, AccessPolicy policy, RequestView file, boolean subrequest) {
    this.state = state;
    this.round = round;
    this.policy = policy;
    this.file = file;
    this.subrequest = subrequest;
    this.variables = new Variables(state, round);
  }

  /** The status (0 when access is granted). */
  int status() {
    boolean hostsAllow = policy.hostsAllow(state.request.remoteAddr(), round.env::get);
    if (policy.hasHostRules()) {
      note("hosts", hostsAllow ? "Order/Allow/Deny allow the client" : "Order/Allow/Deny refuse");
    }
    if (policy.sslRequired() && !state.https) {
      // mod_ssl's access checker runs beside mod_access_compat's: both must let the client in.
      note("ssl", "SSLRequireSSL: access failed, SSL connection required");
      hostsAllow = false;
    }
    if (policy.satisfyAny() && hostsAllow) {
      return 0; // Satisfy Any: the host rules alone let the client in
    }
    if (!policy.satisfyAny() && !hostsAllow) {
      return 403;
    }
    String authType = authType();
    if (policy.authz() == null) {
      if (authType != null) {
        note("authz", "AuthType configured with no corresponding authorization directives");
        return 500;
      }
      return 0;
    }
    AuthzTree.Decision userlessDecision =
        AuthzTree.decide(policy.authz(), request(null), this::tried);
    Verdict userless = userlessDecision.verdict();
    switch (userless) {
      case GRANTED -> {
        return 0;
      }
      case GENERAL_ERROR -> {
        note("authz", "a Require expression could not be evaluated");
        return 500;
      }
      case DENIED, NEUTRAL -> {
        note("authz", "client denied by server configuration", userlessDecision.by());
        return 403;
      }
      default -> {}
    }
    note("authz", "the Require lines need an authenticated user");
    int authn = authenticate(authType);
    if (authn != 0) {
      return authn;
    }
    AuthzTree.Decision withUserDecision =
        AuthzTree.decide(policy.authz(), request(round.user), this::tried);
    Verdict withUser = withUserDecision.verdict();
    switch (withUser) {
      case GRANTED -> {
        note("authz", "user " + round.user + " granted");
        return 0;
      }
      case GENERAL_ERROR -> {
        return 500;
      }
      default -> {
        note("authz", "user " + round.user + ": authorization failure", withUserDecision.by());
        if (withUser != Verdict.DENIED_NO_USER && policy.forbiddenOnFailure) {
          return 403;
        }
        challenge(authType);
        return 401;
      }
    }
  }

  /** check_user_id: mod_auth_basic for Basic, else no module does it (a 500). */
  private int authenticate(String authType) {
    if (authType == null || !authType.equalsIgnoreCase("Basic")) {
      note(
          "authn",
          authType == null
              ? "no AuthType: no one authenticates the user"
              : "AuthType " + authType + " configured without a module for it");
      return 500;
    }
    String realm = authName();
    if (realm == null) {
      note("authn", "need AuthName");
      return 500;
    }
    round.authType = authType;
    BasicAuthentication.Result r =
        BasicAuthentication.authenticate(
            policy, state.request.header("Authorization"), userFile(), this::read);
    round.user = r.user();
    note("authn", r.detail());
    if (r.status() == 401) {
      challenge(authType);
    }
    return r.status();
  }

  /** note_basic_auth_failure: the challenge goes into the response's error headers. */
  private void challenge(String authType) {
    String realm = authName();
    if (subrequest || realm == null || authType == null || !authType.equalsIgnoreCase("Basic")) {
      return;
    }
    state.authChallenge = "Basic realm=\"" + escapeQuotes(realm) + "\"";
  }

  /** ap_auth_type: the AuthType expression's value; None (or no AuthType) is null. */
  private String authType() {
    String t = expand(policy.authType);
    return t == null || t.equalsIgnoreCase("None") ? null : t;
  }

  private String authName() {
    return expand(policy.authName);
  }

  private String expand(String expression) {
    if (expression == null) {
      return null;
    }
    if (!expression.contains("%{")) {
      return expression;
    }
    try {
      return ApExpression.parseString(expression)
          .evaluate(name -> variables.lookup(name, file, null));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** ap_escape_quotes: a double quote not already escaped gets a backslash. */
  static String escapeQuotes(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '"') {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** AuthUserFile, relative to the ServerRoot (ap_server_root_relative), or null. */
  private String userFile() {
    String f = policy.userFile;
    if (f == null) {
      return null;
    }
    try {
      return state.site.config.serverRoot().resolve(f).toString();
    } catch (InvalidPathException e) {
      return f;
    }
  }

  /** A file's bytes, or null when it cannot be opened; its stat becomes part of the answer. */
  private byte[] read(String path) {
    if (!state.stat(path).exists()) {
      return null;
    }
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException | InvalidPathException | OutOfMemoryError e) {
      return null;
    }
  }

  private AuthzTree.Request request(String user) {
    return new AuthzTree.Request() {
      @Override
      public String user() {
        return user;
      }

      @Override
      public String remoteAddr() {
        return state.request.remoteAddr();
      }

      @Override
      public String method() {
        return state.request.upperMethod();
      }

      @Override
      public String env(String name) {
        return round.env.get(name);
      }

      @Override
      public String variable(String name) {
        return variables.lookup(name, file, null);
      }
    };
  }

  private void note(String step, String detail) {
    state.trace.add(new TraceEvent.AccessStep(step, detail, null));
  }

  /** A note of the Require line whose answer refused the request (none for the defaults). */
  private void note(String step, String detail, AuthzTree.Leaf by) {
    state.trace.add(new TraceEvent.AccessStep(step, detail, by == null ? null : by.span()));
  }

  /** A Require line of the configuration decided: noted in a full trace. */
  private void tried(AuthzTree.Leaf line, Verdict verdict) {
    if (line.span() == null || !state.trace.full()) {
      return;
    }
    String words =
        line.provider() + (line.args().isEmpty() ? "" : " " + String.join(" ", line.args()));
    String answer =
        switch (verdict) {
          case GRANTED -> "granted";
          case DENIED -> "denied";
          case DENIED_NO_USER -> "denied, no user";
          case NEUTRAL -> "neutral";
          case GENERAL_ERROR -> "error";
        };
    state.trace.detail(new TraceEvent.RequireTried(line.span(), words, answer));
  }
}
