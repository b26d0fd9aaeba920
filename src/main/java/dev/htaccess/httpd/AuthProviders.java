package dev.htaccess.httpd;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The providers the authentication and authorization modules register, by the module (canonical
 * name, see {@link ModuleNames}) that registers each: a {@code Require} or {@code
 * AuthBasicProvider} naming a provider whose module is not loaded is an error of the file ("Unknown
 * Authz provider", "Unknown Authn provider").
 */
public final class AuthProviders {

  private AuthProviders() {}

  /** {@code Require} providers (ap_register_auth_provider in AUTHZ_PROVIDER_GROUP). */
  private static final Map<String, String> AUTHZ =
      Map.ofEntries(
          Map.entry("all", "authz_core"),
          Map.entry("env", "authz_core"),
          Map.entry("expr", "authz_core"),
          Map.entry("method", "authz_core"),
          Map.entry("user", "authz_user"),
          Map.entry("valid-user", "authz_user"),
          Map.entry("group", "authz_groupfile"),
          Map.entry("file-group", "authz_groupfile"),
          Map.entry("file-owner", "authz_owner"),
          Map.entry("ip", "authz_host"),
          Map.entry("host", "authz_host"),
          Map.entry("local", "authz_host"),
          Map.entry("forward-dns", "authz_host"),
          Map.entry("dbm-group", "authz_dbm"),
          Map.entry("dbm-file-group", "authz_dbm"),
          Map.entry("dbd-group", "authz_dbd"),
          Map.entry("dbd-login", "authz_dbd"),
          Map.entry("dbd-logout", "authz_dbd"),
          Map.entry("ldap-user", "authnz_ldap"),
          Map.entry("ldap-group", "authnz_ldap"),
          Map.entry("ldap-dn", "authnz_ldap"),
          Map.entry("ldap-attribute", "authnz_ldap"),
          Map.entry("ldap-filter", "authnz_ldap"),
          Map.entry("ldap-search", "authnz_ldap"),
          Map.entry("ssl", "ssl"),
          Map.entry("ssl-verify-client", "ssl"));

  /** {@code AuthBasicProvider}/{@code AuthDigestProvider} providers (AUTHN_PROVIDER_GROUP). */
  private static final Map<String, String> AUTHN =
      Map.of(
          "file", "authn_file",
          "dbm", "authn_dbm",
          "anon", "authn_anon",
          "dbd", "authn_dbd",
          "socache", "authn_socache",
          "ldap", "authnz_ldap");

  /** The module registering a {@code Require} provider, if any module does. */
  public static Optional<String> authzModule(String provider) {
    return Optional.ofNullable(AUTHZ.get(provider.toLowerCase(Locale.ROOT)));
  }

  /** The module registering an authentication provider, if any module does. */
  public static Optional<String> authnModule(String provider) {
    return Optional.ofNullable(AUTHN.get(provider.toLowerCase(Locale.ROOT)));
  }

  /** Whether some module registers this {@code Require} provider. */
  public static boolean knownAuthz(String provider) {
    return AUTHZ.containsKey(provider.toLowerCase(Locale.ROOT));
  }
}
