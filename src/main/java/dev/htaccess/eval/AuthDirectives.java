package dev.htaccess.eval;

import dev.htaccess.expr.ApExpression;
import dev.htaccess.httpd.AuthProviders;
import dev.htaccess.httpd.ModuleSet;
import dev.htaccess.model.Argument;
import dev.htaccess.model.GenericDirective;
import dev.htaccess.regex.PcreSyntaxException;
import java.util.List;

/**
 * What mod_authz_core, mod_authn_core and mod_auth_basic refuse as they read their directives, on
 * top of the argument checks every directive gets: a provider no loaded module registers, a negated
 * Require in an OR container, an AuthName or AuthType that is no string expression.
 */
final class AuthDirectives {

  private AuthDirectives() {}

  /**
   * The index of a Require line's provider: after {@code not}, if the line is negated; -1 when the
   * line names none.
   */
  static int providerIndex(List<Argument> args) {
    int first = !args.isEmpty() && args.get(0).value().equalsIgnoreCase("not") ? 1 : 0;
    return args.size() > first ? first : -1;
  }

  /**
   * Apache's complaint about an authentication or authorization directive, or null.
   *
   * @param inOrContainer the line stands in a level's implicit container, a RequireAny or a
   *     RequireNone
   */
  static String problem(GenericDirective g, ModuleSet modules, boolean inOrContainer) {
    List<Argument> a = g.arguments();
    switch (g.key()) {
      case "require" -> {
        int at = providerIndex(a);
        if (at < 0) {
          return null;
        }
        String provider = a.get(at).value();
        boolean loaded = AuthProviders.authzModule(provider).map(modules::loaded).orElse(false);
        if (!loaded) {
          return "Unknown Authz provider: " + provider;
        }
        if (at == 1 && inOrContainer) {
          return "negative Require directive has no effect in <RequireAny> directive";
        }
        return null;
      }
      case "authname", "authtype" -> {
        // Both are string expressions, parsed when the file is read.
        try {
          ApExpression.parseString(a.isEmpty() ? "" : a.get(0).value());
          return null;
        } catch (ApExpression.ExprException | PcreSyntaxException e) {
          return "Cannot parse expression '"
              + a.get(0).value()
              + "' in "
              + g.name()
              + ": "
              + e.getMessage();
        }
      }
      case "authbasicprovider" -> {
        for (Argument arg : a) {
          boolean loaded =
              AuthProviders.authnModule(arg.value()).map(modules::loaded).orElse(false);
          if (!loaded) {
            return "Unknown Authn provider: " + arg.value();
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }
}
