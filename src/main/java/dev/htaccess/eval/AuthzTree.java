package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.IpMatch;
import dev.htaccess.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * mod_authz_core's tree of Require lines and {@code <RequireAll|Any|None>} sections, and how it is
 * decided (apply_authz_sections): once without a user (the access_checker_ex hook, where a provider
 * that needs one answers "denied, no user" and so asks for authentication) and once with the
 * authenticated user (the auth_checker hook).
 */
final class AuthzTree {

  private AuthzTree() {}

  /** authz_status. */
  enum Verdict {
    GRANTED,
    DENIED,
    /** Denied, but a user could change that: authenticate first. */
    DENIED_NO_USER,
    NEUTRAL,
    /** A provider failed (a Require expr that cannot be evaluated): a 500. */
    GENERAL_ERROR
  }

  /**
   * A node: a Require line or a container.
   *
   * @see Leaf
   * @see Container
   */
  sealed interface Node permits Leaf, Container {
    /** Whether the request's method is among the ones the node's {@code <Limit>} names. */
    boolean appliesToMethod();

    boolean negated();
  }

  /**
   * One Require line.
   *
   * @param provider the provider name, lower case
   * @param args the words after it
   * @param span the line, or null for the server's built-in defaults
   */
  record Leaf(
      boolean negated, String provider, List<String> args, boolean appliesToMethod, SourceSpan span)
      implements Node {
    Leaf {
      args = List.copyOf(args);
    }
  }

  /**
   * A container: and=true for RequireAll (and RequireNotAll), false for RequireAny, RequireNone
   * (negated) and a level's implicit container of its Require lines.
   */
  record Container(boolean and, boolean negated, List<Node> children, boolean appliesToMethod)
      implements Node {
    Container {
      children = List.copyOf(children);
    }
  }

  /** What providers look at. */
  interface Request {
    /** r->user, or null before authentication. */
    String user();

    String remoteAddr();

    /** The method, upper case. */
    String method();

    /** r->subprocess_env. */
    String env(String name);

    /** An expression's variable ({@code %{NAME}}). */
    String variable(String name);
  }

  private static final Pattern REMOTE_USER_VARIABLE =
      Pattern.compile("%\\{\\s*REMOTE_USER\\s*}", Pattern.CASE_INSENSITIVE);

  /**
   * The tree's verdict and the Require line it came from: the line whose answer became its
   * section's answer, up to the top (null when none did, as for a method a {@code <Limit>} leaves
   * out).
   */
  record Decision(Verdict verdict, Leaf by) {}

  /** Told each Require line's own verdict as it is decided. */
  interface Listener {
    void decided(Leaf line, Verdict verdict);
  }

  /** Decides the tree, as the top of a directory's configuration is decided (parent AND). */
  static Decision decide(Node root, Request request, Listener listener) {
    return apply(root, true, request, listener);
  }

  private static Decision apply(Node node, boolean parentAnd, Request request, Listener listener) {
    if (!node.appliesToMethod()) {
      return new Decision(parentAnd ? Verdict.GRANTED : Verdict.NEUTRAL, null);
    }
    Decision result;
    if (node instanceof Leaf leaf) {
      Verdict v = provider(leaf, request);
      listener.decided(leaf, v);
      result = new Decision(v, leaf);
    } else {
      Container c = (Container) node;
      result = new Decision(Verdict.NEUTRAL, null);
      for (Node child : c.children()) {
        Decision d = apply(child, c.and(), request, listener);
        Verdict v = d.verdict();
        if (v == Verdict.GENERAL_ERROR) {
          return d;
        }
        if (v == Verdict.NEUTRAL) {
          continue;
        }
        Verdict so = result.verdict();
        if (c.and()) {
          if (v == Verdict.DENIED) {
            result = d;
            break;
          }
          if (v == Verdict.DENIED_NO_USER && so != Verdict.DENIED || so == Verdict.NEUTRAL) {
            result = d;
          }
        } else {
          if (v == Verdict.GRANTED) {
            result = d;
            break;
          }
          if (v == Verdict.DENIED_NO_USER && so == Verdict.DENIED || so == Verdict.NEUTRAL) {
            result = d;
          }
        }
      }
    }
    if (node.negated()) {
      // Not being denied is no reason to grant: a negated denial is neutral.
      Verdict turned =
          switch (result.verdict()) {
            case GRANTED -> Verdict.DENIED;
            case DENIED, DENIED_NO_USER -> Verdict.NEUTRAL;
            default -> result.verdict();
          };
      result = new Decision(turned, result.by());
    }
    return result;
  }

  private static Verdict provider(Leaf l, Request r) {
    List<String> args = l.args();
    return switch (l.provider()) {
      case "all" ->
          !args.isEmpty() && args.get(0).equalsIgnoreCase("granted")
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "ip" ->
          args.stream().anyMatch(s -> IpMatch.matches(s, r.remoteAddr()))
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "local" ->
          r.remoteAddr().startsWith("127.") || r.remoteAddr().equals("::1")
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "env" ->
          args.stream().anyMatch(v -> r.env(v) != null) ? Verdict.GRANTED : Verdict.DENIED;
      case "method" ->
          // By method number: names are exact, and HEAD has GET's number.
          args.stream().anyMatch(m -> methodNumber(m).equals(methodNumber(r.method())))
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "expr" -> expr(String.join(" ", args), r);
      case "valid-user" -> r.user() == null ? Verdict.DENIED_NO_USER : Verdict.GRANTED;
      case "user" -> {
        if (r.user() == null) {
          yield Verdict.DENIED_NO_USER;
        }
        List<String> names = words(args, r);
        yield names == null
            ? Verdict.DENIED
            : names.contains(r.user()) ? Verdict.GRANTED : Verdict.DENIED;
      }
      // The providers of modules the simulated server does not load never get here (the file is
      // refused); host names would need DNS, which the simulation does not do.
      default -> Verdict.DENIED;
    };
  }

  /** Require expr: granted when true; false is "no user" when the expression reads REMOTE_USER. */
  private static Verdict expr(String text, Request r) {
    String e = text;
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    boolean wantsUser = REMOTE_USER_VARIABLE.matcher(e).find();
    try {
      boolean holds = ApExpression.parse(e).evaluate(variables(r));
      if (holds) {
        return Verdict.GRANTED;
      }
      return wantsUser ? Verdict.DENIED_NO_USER : Verdict.DENIED;
    } catch (RuntimeException ex) {
      return Verdict.GENERAL_ERROR;
    }
  }

  /** Require user's words: a string expression each, split at white space; null on failure. */
  private static List<String> words(List<String> args, Request r) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      String value = a;
      if (a.contains("%{")) {
        try {
          value = ApExpression.parseString(a).evaluate(variables(r));
        } catch (RuntimeException e) {
          return null;
        }
      }
      for (String w : value.trim().split("[ \t]+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  private static Function<String, String> variables(Request r) {
    return name ->
        name.toUpperCase(Locale.ROOT).equals("REMOTE_USER")
            ? r.user() == null ? "" : r.user()
            : r.variable(name);
  }

  private static String methodNumber(String method) {
    return method.equals("HEAD") ? "GET" : method;
  }
}
