package dev.htaccess.httpd;

/**
 * How mod_authz_host ({@code Require ip}), mod_access_compat ({@code Allow from}) and ap_expr's
 * {@code -ipmatch} match a client address: an address, a partial address ({@code 10.1}), or an IPv4
 * network in CIDR or netmask form.
 */
public final class IpMatch {

  private IpMatch() {}

  /** An address, a partial address ("10.1"), or a network in CIDR or netmask form. */
  public static boolean matches(String spec, String addr) {
    try {
      return IpSubnet.parse(spec).contains(addr);
    } catch (IpSubnet.Invalid e) {
      return false;
    }
  }
}
