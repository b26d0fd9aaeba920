package dev.htaccess.eval;

import dev.htaccess.eval.rewrite.RequestView;
import dev.htaccess.eval.trace.TraceEvent;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The access phase (mod_authz_core, mod_access_compat) for the file the walk found: the directory's
 * policy, then the main server's {@code <Files ".ht*"> Require all denied}, the {@code <Files>}
 * sections of the .htaccess files, the server's {@code <Location>} sections, and last the {@code
 * <If>} chains, each merged over the one before.
 */
final class AccessCheck {

  /** The main server's {@code <Files ".ht*">} (and Debian php-fpm's) {@code Require all denied}. */
  private static final List<ConfigNode> DENY_ALL =
      List.of(
          new GenericDirective(
              "Require",
              List.of(new Argument("all", "all", null), new Argument("denied", "denied", null)),
              "all denied",
              null));

  private final RequestState state;
  private final Round round;
  private final Variables variables;

  AccessCheck(RequestState state, Round round) {
    this.state = state;
    this.round = round;
    this.variables = new Variables(state, round);
  }

  /**
   * The status access control gives the file (0 when access is granted): the merged policy decided
   * as ap_process_request_internal does, with authentication when the Require tree needs a user.
   *
   * @param subrequest a lookahead's: what it authenticates stays out of the response's headers
   */
  int status(DirConfig cfg, String base, RequestView file, boolean subrequest) {
    AccessPolicy policy = cfg.access().copy();
    String phpHandler = state.site.phpHandler();
    if (base.startsWith(".ht")
        || phpHandler != null && Site.DEBIAN_PHP_DENIED.matcher(base).find()) {
      policy.applyLevel(DENY_ALL, s -> false);
    }
    SectionConditions conditions = state.conditions;
    for (FilesSection f : cfg.fileSections()) {
      if (f.matches(base)) {
        policy.applyLevel(f.section().children(), conditions::includesForAccess);
      }
    }
    // <Location> sections of the server are merged after the directory and file walks.
    for (LocationSection location : state.site.config.locations()) {
      if (location.matches(file.uri())) {
        policy.applyLevel(location.section().children(), conditions::includesForAccess);
      }
    }
    for (Section s : applicableIfSections(cfg, file)) {
      state.trace.add(new TraceEvent.SectionApplies(s.span(), s.name()));
      policy.applyLevel(s.children(), conditions::includesForAccess);
    }
    return new AccessDecision(state, round, policy, file, subrequest).status();
  }

  /**
   * The {@code <If>}/{@code <ElseIf>}/{@code <Else>} sections that apply, in order: an ElseIf or
   * Else applies only when the sections before it in the same chain did not.
   */
  List<Section> applicableIfSections(DirConfig cfg, RequestView vars) {
    List<Section> out = new ArrayList<>();
    boolean chainMatched = false;
    for (IfSection section : cfg.ifSections()) {
      Section s = section.section();
      String kind = s.key();
      boolean applies;
      if (kind.equals("if")) {
        applies = holds(section, vars);
        chainMatched = applies;
      } else if (chainMatched) {
        applies = false;
      } else {
        applies = kind.equals("else") || holds(section, vars);
        chainMatched = applies;
      }
      if (applies) {
        out.add(s);
      }
    }
    return out;
  }

  private boolean holds(IfSection section, RequestView vars) {
    try {
      return section.expression().evaluate(name -> variables.lookup(name, vars, null));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
