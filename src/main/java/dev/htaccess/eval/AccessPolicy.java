package dev.htaccess.eval;

import dev.htaccess.eval.AuthzTree.Container;
import dev.htaccess.eval.AuthzTree.Leaf;
import dev.htaccess.eval.AuthzTree.Node;
import dev.htaccess.httpd.IpMatch;
import dev.htaccess.model.Argument;
import dev.htaccess.model.ConfigNode;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.model.Section;
import dev.htaccess.validate.AuthDirectives;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A directory's merged access configuration: mod_authz_core's Require tree (each level with Require
 * lines replaces the one before, or is combined with it by AuthMerging And/Or), mod_access_compat's
 * Order/Allow/Deny/Satisfy (merged directive by directive), and the authentication settings of
 * mod_authn_core, mod_auth_basic and mod_authn_file (each the last level's that set it).
 */
final class AccessPolicy {

  /** The Require tree, or null when no level has one (conf->section NULL). */
  private Node authz;

  private String order;
  private final List<String> allow = new ArrayList<>();
  private final List<String> deny = new ArrayList<>();
  private boolean satisfyAny;

  /**
   * SSLRequireSSL of the deepest level: mod_ssl's directory config starts at false and its merge
   * keeps the inner level's value, so a level without the directive lifts it.
   */
  private boolean sslRequired;

  /** AuthType (an expression), or null; AuthType None is kept, it unsets authentication. */
  String authType;

  /** AuthName (an expression), or null. */
  String authName;

  /** AuthUserFile as written (relative to the ServerRoot), or null. */
  String userFile;

  /** AuthBasicProvider's providers, or null for the default (file). */
  List<String> basicProviders;

  /** AuthBasicAuthoritative (default On). */
  boolean basicAuthoritative = true;

  /** AuthzSendForbiddenOnFailure (default Off). */
  boolean forbiddenOnFailure;

  AccessPolicy(Node initial) {
    this.authz = initial;
  }

  AccessPolicy copy() {
    AccessPolicy p = new AccessPolicy(authz);
    p.order = order;
    p.allow.addAll(allow);
    p.deny.addAll(deny);
    p.satisfyAny = satisfyAny;
    p.sslRequired = sslRequired;
    p.authType = authType;
    p.authName = authName;
    p.userFile = userFile;
    p.basicProviders = basicProviders;
    p.basicAuthoritative = basicAuthoritative;
    p.forbiddenOnFailure = forbiddenOnFailure;
    return p;
  }

  /** The Require tree the server gives the document root: {@code Require all granted}. */
  static Node allGranted() {
    return new Leaf(false, "all", List.of("granted"), true, null);
  }

  /** The main server's default: {@code Require all denied}. */
  static Node allDenied() {
    return new Leaf(false, "all", List.of("denied"), true, null);
  }

  /** Replaces the Require tree (a {@code <Directory>} section's own Require). */
  void grantAll() {
    authz = allGranted();
  }

  /** The Require tree, or null. */
  Node authz() {
    return authz;
  }

  /** Whether mod_access_compat has anything to check. */
  boolean hasHostRules() {
    return order != null || !allow.isEmpty() || !deny.isEmpty();
  }

  boolean satisfyAny() {
    return satisfyAny;
  }

  /** Whether mod_ssl's access check refuses a request that did not come over TLS. */
  boolean sslRequired() {
    return sslRequired;
  }

  /**
   * Applies one configuration level: its directives (conditional sections already resolved by
   * {@code include}, which also says whether a {@code <Limit>} covers the request's method).
   */
  void applyLevel(List<ConfigNode> nodes, Predicate<Section> include) {
    sslRequired = false;
    LevelReader level = new LevelReader(include);
    level.collect(nodes, true, level.top);
    if (level.top.isEmpty()) {
      if (level.merging != null && level.merging.equals("off")) {
        authz = null; // AuthMerging Off alone: this level has no Require, and none is inherited
      }
      return;
    }
    Node mine = new Container(false, false, level.top, anyApplies(level.top));
    if (authz != null && level.merging != null && !level.merging.equals("off")) {
      boolean and = level.merging.equals("and");
      authz = new Container(and, false, List.of(authz, mine), true);
    } else {
      authz = mine;
    }
  }

  private static boolean anyApplies(List<Node> nodes) {
    for (Node n : nodes) {
      if (n.appliesToMethod()) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern NOT_AND_PROVIDER = Pattern.compile("^\\s*(?:not\\s+)?\\S+\\s*");

  /** Reads one level's directives. */
  private final class LevelReader {
    final Predicate<Section> include;
    final List<Node> top = new ArrayList<>();
    String merging;

    LevelReader(Predicate<Section> include) {
      this.include = include;
    }

    void collect(List<ConfigNode> nodes, boolean methodApplies, List<Node> out) {
      for (ConfigNode node : nodes) {
        if (node instanceof GenericDirective g) {
          directive(g, methodApplies, out);
        } else if (node instanceof Section s) {
          String k = s.key();
          if (k.equals("requireall") || k.equals("requireany") || k.equals("requirenone")) {
            List<Node> children = new ArrayList<>();
            collect(s.children(), methodApplies, children);
            out.add(
                new Container(
                    k.equals("requireall"),
                    k.equals("requirenone"),
                    children,
                    anyApplies(children)));
          } else if (k.equals("limit") || k.equals("limitexcept")) {
            collect(s.children(), methodApplies && include.test(s), out);
          } else if (include.test(s)) {
            collect(s.children(), methodApplies, out);
          }
        }
      }
    }

    private void directive(GenericDirective g, boolean methodApplies, List<Node> out) {
      List<Argument> a = g.arguments();
      String first = a.isEmpty() ? "" : a.get(0).value();
      switch (g.key()) {
        case "require" -> require(g, methodApplies, out);
        case "authmerging" -> merging = first.toLowerCase(Locale.ROOT);
        case "order" -> {
          if (methodApplies && !a.isEmpty()) {
            order = first.toLowerCase(Locale.ROOT).replace(" ", "");
          }
        }
        case "allow" -> {
          if (methodApplies) {
            addHosts(a, allow);
          }
        }
        case "deny" -> {
          if (methodApplies) {
            addHosts(a, deny);
          }
        }
        case "satisfy" -> {
          if (methodApplies && !a.isEmpty()) {
            satisfyAny = first.equalsIgnoreCase("any");
          }
        }
        case "sslrequiressl" -> sslRequired = true;
        case "authtype" -> authType = first;
        case "authname" -> authName = first;
        case "authuserfile" -> userFile = first;
        case "authbasicprovider" -> basicProviders = a.stream().map(Argument::value).toList();
        case "authbasicauthoritative" -> basicAuthoritative = !first.equalsIgnoreCase("off");
        case "authzsendforbiddenonfailure" -> forbiddenOnFailure = first.equalsIgnoreCase("on");
        default -> {}
      }
    }

    private void require(GenericDirective g, boolean methodApplies, List<Node> out) {
      List<Argument> a = g.arguments();
      int first = AuthDirectives.providerIndex(a);
      if (first < 0) {
        return;
      }
      boolean negated = first == 1;
      String provider = a.get(first).value().toLowerCase(Locale.ROOT);
      List<String> args = new ArrayList<>();
      if (provider.equals("expr")) {
        // The expression is the rest of the line as written, quotes and all.
        String raw = g.rawArguments() == null ? "" : g.rawArguments();
        args.add(NOT_AND_PROVIDER.matcher(raw).replaceFirst("").strip());
      } else {
        for (int i = first + 1; i < a.size(); i++) {
          args.add(a.get(i).value());
        }
      }
      out.add(new Leaf(negated, provider, args, methodApplies, g.span()));
    }
  }

  private static void addHosts(List<Argument> a, List<String> list) {
    // "Allow from host ..." : the first word is "from".
    for (int i = 1; i < a.size(); i++) {
      list.add(a.get(i).value());
    }
  }

  /** mod_access_compat's check_dir_access: whether Order/Allow/Deny let the client in. */
  boolean hostsAllow(String remoteAddr, Function<String, String> env) {
    if (!hasHostRules()) {
      return true;
    }
    boolean allowed = matches(allow, remoteAddr, env);
    boolean denied = matches(deny, remoteAddr, env);
    String o = order == null ? "deny,allow" : order;
    if (o.startsWith("allow") || o.startsWith("mutual")) {
      // Allow,Deny (and Mutual-failure): allowed only when an Allow matches and no Deny does.
      return allowed && !denied;
    }
    // Deny,Allow: allowed unless a Deny matches without an Allow.
    return !denied || allowed;
  }

  private static boolean matches(
      List<String> hosts, String remoteAddr, Function<String, String> env) {
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
}
