package dev.htaccess.validate;

import dev.htaccess.httpd.AuthProviders;
import dev.htaccess.httpd.HttpMethods;
import dev.htaccess.httpd.IpSubnet;
import dev.htaccess.model.Argument;
import dev.htaccess.model.GenericDirective;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What mod_authz_core (with the providers of mod_authz_host and mod_authz_user), mod_authn_core,
 * mod_auth_basic and mod_access_compat refuse as they read their directives, on top of the argument
 * counts every directive gets. Some answers depend on the loaded modules (a provider no loaded
 * module registers) and on the enclosing container (a negated Require in an OR container), so the
 * caller says both. Shared by the linter and the dry run.
 */
public final class AuthDirectives {

  private AuthDirectives() {}

  /**
   * The index of a Require line's provider: after {@code not} (any case), if the line is negated;
   * -1 when the line names none.
   */
  public static int providerIndex(List<Argument> args) {
    int first = !args.isEmpty() && args.get(0).value().equalsIgnoreCase("not") ? 1 : 0;
    return args.size() > first ? first : -1;
  }

  /**
   * Apache's complaint about an authentication or authorization directive, or null.
   *
   * @param loaded whether a module (canonical name, see ModuleNames) is loaded
   * @param inOrContainer the line stands in a level's implicit container, a RequireAny or a
   *     RequireNone
   */
  public static String problem(
      GenericDirective g, Predicate<String> loaded, boolean inOrContainer) {
    List<Argument> a = g.arguments();
    String first = a.isEmpty() ? "" : a.get(0).value();
    return switch (g.key()) {
      case "require" -> require(a, loaded, inOrContainer);
      case "authname", "authtype" -> stringExpression(g.name(), first);
      case "authbasicprovider" -> {
        for (Argument arg : a) {
          if (!AuthProviders.authnModule(arg.value()).map(loaded::test).orElse(false)) {
            yield "Unknown Authn provider: " + arg.value();
          }
        }
        yield null;
      }
      case "authmerging" ->
          a.size() == 1 && List.of("off", "and", "or").contains(first.toLowerCase(Locale.ROOT))
              ? null
              : "AuthMerging must be one of: Off | And | Or";
      case "order" ->
          a.size() != 1
                  || List.of("allow,deny", "deny,allow", "mutual-failure")
                      .contains(first.toLowerCase(Locale.ROOT))
              ? null
              : "unknown order";
      case "satisfy" ->
          a.size() != 1 || first.equalsIgnoreCase("all") || first.equalsIgnoreCase("any")
              ? null
              : "Satisfy either 'any' or 'all'.";
      case "allow", "deny" -> allowFrom(a);
      default -> null;
    };
  }

  /** add_authz_provider: the provider (case matters), its own parse of the line, then negation. */
  static String require(List<Argument> a, Predicate<String> loaded, boolean inOrContainer) {
    int at = providerIndex(a);
    String provider = at < 0 ? "" : a.get(at).value();
    boolean known =
        AuthProviders.authzModule(provider).map(loaded::test).orElse(false)
            && provider.equals(provider.toLowerCase(Locale.ROOT));
    if (!known) {
      return "Unknown Authz provider: " + provider;
    }
    List<Argument> rest = a.subList(at + 1, a.size());
    String line = rest.stream().map(Argument::raw).collect(Collectors.joining(" "));
    String parsed =
        switch (provider) {
          case "all" ->
              line.equalsIgnoreCase("granted") || line.equalsIgnoreCase("denied")
                  ? null
                  : "Argument for 'Require all' must be 'granted' or 'denied'";
          case "ip" -> requireIp(rest);
          case "method" ->
              rest.stream()
                  .map(Argument::value)
                  .filter(m -> !HttpMethods.REGISTERED.contains(m))
                  .findFirst()
                  .map(m -> "Invalid Method '" + m + "'")
                  .orElse(null);
          case "host", "forward-dns" -> requireExpression(line, true);
          case "expr" -> {
            String text =
                line.length() > 1 && line.startsWith("\"") && line.endsWith("\"")
                    ? line.substring(1, line.length() - 1)
                    : line;
            yield requireExpression(text, false);
          }
          default -> null;
        };
    if (parsed != null) {
      return parsed;
    }
    if (at == 1 && inOrContainer) {
      return "negative Require directive has no effect in <RequireAny> directive";
    }
    return null;
  }

  private static String requireIp(List<Argument> rest) {
    if (rest.isEmpty()) {
      return "'require ip' requires an argument";
    }
    for (Argument w : rest) {
      try {
        IpSubnet.parse(w.value());
      } catch (IpSubnet.Invalid e) {
        return "ip address '"
            + w.value()
            + "' appears to be invalid"
            + (e.notAnAddress ? "" : ": " + e.getMessage());
      }
    }
    return null;
  }

  private static String requireExpression(String text, boolean stringResult) {
    String err = Expressions.error(text, stringResult);
    return err == null ? null : "Cannot parse expression in require line: " + err;
  }

  private static String stringExpression(String directive, String value) {
    String err = Expressions.error(value, true);
    return err == null
        ? null
        : "Cannot parse expression '" + value + "' in " + directive + ": " + err;
  }

  /** mod_access_compat's allow_cmd, for each address after {@code from}. */
  private static String allowFrom(List<Argument> a) {
    if (a.size() < 2) {
      return null; // the count check answers
    }
    if (!a.get(0).value().equalsIgnoreCase("from")) {
      return "allow and deny must be followed by 'from'";
    }
    for (Argument arg : a.subList(1, a.size())) {
      String where = arg.value();
      String lower = where.toLowerCase(Locale.ROOT);
      if (lower.startsWith("env=") || lower.equals("all")) {
        continue;
      }
      int slash = where.indexOf('/');
      try {
        IpSubnet.create(
            slash < 0 ? where : where.substring(0, slash),
            slash < 0 ? null : where.substring(slash + 1));
      } catch (IpSubnet.Invalid e) {
        if (slash >= 0 && e.notAnAddress) {
          return "An IP address was expected";
        }
        if (!e.notAnAddress) {
          return e.getMessage();
        }
        if (where.indexOf('#') >= 0) {
          return "No comments are allowed here";
        }
      }
    }
    return null;
  }
}
