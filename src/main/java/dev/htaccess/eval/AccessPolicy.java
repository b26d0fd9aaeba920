package dev.htaccess.eval;

import dev.htaccess.httpd.IpMatch;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Access control as mod_authz_core (Require, RequireAll/Any/None) and mod_access_compat (Order,
 * Allow, Deny, Satisfy) decide it. Each configuration level that has Require directives replaces
 * the previous level's (AuthMerging Off); Order/Allow/Deny merge directive by directive.
 */
final class AccessPolicy {

  /** A Require tree: leaves are single Require lines, nodes are containers. */
  sealed interface Authz permits Leaf, Container {}

  record Leaf(boolean negated, String provider, List<String> args) implements Authz {}

  /** kind: any, all or none. */
  record Container(String kind, List<Authz> children) implements Authz {}

  /** The result of evaluating a Require tree. */
  enum Verdict {
    GRANTED,
    DENIED,
    NEUTRAL,
    AUTH_REQUIRED
  }

  private Authz authz;
  private String order;
  private final List<String> allow = new ArrayList<>();
  private final List<String> deny = new ArrayList<>();
  private boolean satisfyAny;

  AccessPolicy(Authz initial) {
    this.authz = initial;
  }

  AccessPolicy copy() {
    AccessPolicy p = new AccessPolicy(authz);
    p.order = order;
    p.allow.addAll(allow);
    p.deny.addAll(deny);
    p.satisfyAny = satisfyAny;
    return p;
  }

  /** The Require tree the server gives the document root: {@code Require all granted}. */
  static Authz allGranted() {
    return new Leaf(false, "all", List.of("granted"));
  }

  /** The main server's default: {@code Require all denied}. */
  static Authz allDenied() {
    return new Leaf(false, "all", List.of("denied"));
  }

  /** Replaces the Require tree (a {@code <Directory>} section's own Require). */
  void grantAll() {
    authz = allGranted();
  }

  /**
   * Applies one configuration level: its directives (conditional sections already resolved by
   * {@code include}). {@code include} decides whether a nested section's content applies.
   */
  void applyLevel(List<ConfigNode> nodes, java.util.function.Predicate<Section> include) {
    List<Authz> requires = new ArrayList<>();
    collect(nodes, include, requires);
    if (!requires.isEmpty()) {
      authz = requires.size() == 1 ? requires.get(0) : new Container("any", requires);
    }
  }

  private void collect(
      List<ConfigNode> nodes, java.util.function.Predicate<Section> include, List<Authz> out) {
    for (ConfigNode node : nodes) {
      if (node instanceof GenericDirective g) {
        directive(g, out);
      } else if (node instanceof Section s) {
        String k = s.key();
        if (k.equals("requireall") || k.equals("requireany") || k.equals("requirenone")) {
          List<Authz> children = new ArrayList<>();
          collect(s.children(), include, children);
          out.add(new Container(k.substring("require".length()), children));
        } else if (include.test(s)) {
          collect(s.children(), include, out);
        }
      }
    }
  }

  private void directive(GenericDirective g, List<Authz> out) {
    List<Argument> a = g.arguments();
    switch (g.key()) {
      case "require" -> {
        if (a.isEmpty()) {
          return;
        }
        boolean negated = a.get(0).value().equalsIgnoreCase("not");
        int first = negated ? 1 : 0;
        if (a.size() <= first) {
          return;
        }
        List<String> args = new ArrayList<>();
        for (int i = first + 1; i < a.size(); i++) {
          args.add(a.get(i).value());
        }
        out.add(new Leaf(negated, a.get(first).value().toLowerCase(Locale.ROOT), args));
      }
      case "order" -> {
        if (!a.isEmpty()) {
          order = a.get(0).value().toLowerCase(Locale.ROOT).replace(" ", "");
        }
      }
      case "allow" -> addHosts(a, allow);
      case "deny" -> addHosts(a, deny);
      case "satisfy" -> {
        if (!a.isEmpty()) {
          satisfyAny = a.get(0).value().equalsIgnoreCase("any");
        }
      }
      default -> {}
    }
  }

  private static void addHosts(List<Argument> a, List<String> list) {
    // "Allow from host ..." : the first word is "from".
    for (int i = 1; i < a.size(); i++) {
      list.add(a.get(i).value());
    }
  }

  /** The HTTP status access control gives, or 0 when the request may proceed. */
  int status(String remoteAddr, String method, java.util.function.Function<String, String> env) {
    boolean compatDenied = false;
    if (order != null || !allow.isEmpty() || !deny.isEmpty()) {
      boolean allowed = matches(allow, remoteAddr, env);
      boolean denied = matches(deny, remoteAddr, env);
      String o = order == null ? "deny,allow" : order;
      boolean ok;
      if (o.startsWith("allow")) {
        // Allow,Deny: allowed only when an Allow matches and no Deny does.
        ok = allowed && !denied;
      } else if (o.startsWith("mutual")) {
        ok = allowed && !denied;
      } else {
        // Deny,Allow: allowed unless a Deny matches without an Allow.
        ok = !denied || allowed;
      }
      compatDenied = !ok;
    }
    Verdict v = authz == null ? Verdict.NEUTRAL : eval(authz, remoteAddr, method, env);
    if (compatDenied && !satisfyAny) {
      return 403;
    }
    if (compatDenied && satisfyAny && v != Verdict.GRANTED) {
      return 403;
    }
    return switch (v) {
      case DENIED -> 403;
      case AUTH_REQUIRED -> 401;
      default -> 0;
    };
  }

  private static boolean matches(
      List<String> hosts, String remoteAddr, java.util.function.Function<String, String> env) {
    for (String h : hosts) {
      String l = h.toLowerCase(Locale.ROOT);
      if (l.equals("all")) {
        return true;
      }
      if (l.startsWith("env=")) {
        String var = h.substring(4);
        boolean neg = var.startsWith("!");
        String value = env.apply(neg ? var.substring(1) : var);
        if ((value != null) != neg) {
          return true;
        }
        continue;
      }
      if (IpMatch.matches(h, remoteAddr)) {
        return true;
      }
    }
    return false;
  }

  private static Verdict eval(
      Authz a, String remoteAddr, String method, java.util.function.Function<String, String> env) {
    if (a instanceof Leaf leaf) {
      Verdict v = leaf(leaf, remoteAddr, method, env);
      if (leaf.negated()) {
        // "Require not" can only deny or stay neutral.
        return v == Verdict.GRANTED ? Verdict.DENIED : Verdict.NEUTRAL;
      }
      return v;
    }
    Container c = (Container) a;
    switch (c.kind()) {
      case "all" -> {
        boolean anyGranted = false;
        for (Authz child : c.children()) {
          Verdict v = eval(child, remoteAddr, method, env);
          if (v == Verdict.DENIED || v == Verdict.AUTH_REQUIRED) {
            return v;
          }
          anyGranted |= v == Verdict.GRANTED;
        }
        return anyGranted ? Verdict.GRANTED : Verdict.NEUTRAL;
      }
      case "none" -> {
        for (Authz child : c.children()) {
          if (eval(child, remoteAddr, method, env) == Verdict.GRANTED) {
            return Verdict.DENIED;
          }
        }
        return Verdict.NEUTRAL;
      }
      default -> {
        Verdict result = Verdict.DENIED;
        boolean authRequired = false;
        for (Authz child : c.children()) {
          Verdict v = eval(child, remoteAddr, method, env);
          if (v == Verdict.GRANTED) {
            return v;
          }
          authRequired |= v == Verdict.AUTH_REQUIRED;
          if (v == Verdict.NEUTRAL) {
            result = Verdict.NEUTRAL;
          }
        }
        return authRequired ? Verdict.AUTH_REQUIRED : result;
      }
    }
  }

  private static Verdict leaf(
      Leaf l, String remoteAddr, String method, java.util.function.Function<String, String> env) {
    List<String> args = l.args();
    return switch (l.provider()) {
      case "all" ->
          !args.isEmpty() && args.get(0).equalsIgnoreCase("granted")
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "ip" ->
          args.stream().anyMatch(s -> IpMatch.matches(s, remoteAddr))
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "local" ->
          remoteAddr.startsWith("127.") || remoteAddr.equals("::1")
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "env" ->
          args.stream().anyMatch(v -> env.apply(v) != null) ? Verdict.GRANTED : Verdict.DENIED;
      case "method" ->
          args.stream().anyMatch(m -> m.equalsIgnoreCase(method))
              ? Verdict.GRANTED
              : Verdict.DENIED;
      case "valid-user", "user", "group", "file-owner", "file-group" -> Verdict.AUTH_REQUIRED;
      default -> Verdict.DENIED;
    };
  }
}
