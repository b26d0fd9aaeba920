package dev.htaccess.lint.checks;

import dev.htaccess.lint.Activation;
import dev.htaccess.lint.Check;
import dev.htaccess.lint.CheckInfo;
import dev.htaccess.lint.LintContext;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.Directive;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.source.Severity;
import dev.htaccess.validate.AuthDirectives;
import dev.htaccess.validate.DirectiveValidator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arguments Apache's handlers refuse for common directives: Options, Require, Header, Redirect,
 * ErrorDocument, ExpiresByType/ExpiresDefault, and an {@code <IfVersion>} header. Each is a 500 in
 * Apache's words.
 */
@CheckInfo(
    code = "HT1012",
    name = "invalid-argument",
    severity = Severity.ERROR,
    summary =
        "An argument the directive refuses: an unknown Option, Require provider, Header action, Redirect status, ErrorDocument code or Expires rule.")
public final class InvalidArgument implements Check {

  private static final Set<String> IF_CHAIN = Set.of("if", "elseif", "else");

  /** The sections whose content is a configuration of its own (ap_add_if_conf's scope). */
  private static final Set<String> CONFIG_SECTIONS =
      Set.of("files", "filesmatch", "if", "elseif", "else");

  @Override
  public void check(LintContext context) {
    Activation activation = new Activation(context.options());
    // The last If/ElseIf/Else of each configuration (the file's own, or a section's that makes
    // one).
    Map<Object, String> ifChainTails = new IdentityHashMap<>();
    Object file = new Object();
    for (LintContext.Located l : context.directives()) {
      if (activation.of(l) == Activation.State.SKIPPED) {
        continue;
      }
      String problem = null;
      if (l.directive() instanceof Section s && IF_CHAIN.contains(s.key())) {
        Object scope = file;
        for (Section e : l.enclosing()) {
          if (CONFIG_SECTIONS.contains(e.key())) {
            scope = e;
          }
        }
        String tail = ifChainTails.put(scope, s.key());
        if (!s.key().equals("if") && (tail == null || tail.equals("else"))) {
          problem =
              "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope";
        }
      }
      if (l.directive() instanceof GenericDirective g) {
        problem = DirectiveValidator.argumentValue(g);
        if (problem == null) {
          problem = AuthDirectives.problem(g, context::moduleLoaded, inOrContainer(l));
        }
      } else if (problem == null && l.directive() instanceof Section s) {
        problem = DirectiveValidator.sectionProblem(s);
        if (problem == null) {
          problem = DirectiveValidator.htaccessSectionProblem(s);
        }
        if (problem == null) {
          problem = DirectiveValidator.nestingProblem(s, l.enclosing());
        }
        if (problem == null
            && s.key().startsWith("require")
            && !authorizes(s.children(), withSection(l), activation)) {
          problem = "<" + s.name() + "> directive contains no authorization directives";
        } else if (problem == null && s.key().equals("requirenone") && inOrContainer(l)) {
          problem = "<" + s.name() + "> directive has no effect in <RequireAny> directive";
        }
      }
      if (problem != null) {
        context.report(
            l.directive().span(),
            problem,
            activation.of(l) == Activation.State.MAYBE ? Severity.WARNING : Severity.ERROR);
      }
    }
  }

  private static List<Section> withSection(LintContext.Located l) {
    List<Section> inner = new java.util.ArrayList<>(l.enclosing());
    inner.add((Section) l.directive());
    return inner;
  }

  /** Whether a body holds a Require line or container (conditional sections looked into). */
  private static boolean authorizes(
      List<ConfigNode> body, List<Section> enclosing, Activation activation) {
    for (ConfigNode d : body) {
      if (!(d instanceof Directive directive)
          || activation.of(new LintContext.Located(directive, enclosing))
              == Activation.State.SKIPPED) {
        continue;
      }
      if (d instanceof GenericDirective g && g.key().equals("require")) {
        return true;
      }
      if (d instanceof Section s) {
        List<Section> inner = new java.util.ArrayList<>(enclosing);
        inner.add(s);
        if (s.key().startsWith("require") || authorizes(s.children(), inner, activation)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a Require line's container combines with OR: a level's own, RequireAny, RequireNone.
   */
  private static boolean inOrContainer(LintContext.Located l) {
    for (int i = l.enclosing().size() - 1; i >= 0; i--) {
      switch (l.enclosing().get(i).key()) {
        case "requireall":
          return false;
        case "requireany", "requirenone":
          return true;
        default:
          break;
      }
    }
    return true;
  }
}
