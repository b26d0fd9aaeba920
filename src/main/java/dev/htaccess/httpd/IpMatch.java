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
    if (spec.contains("/")) {
      String[] parts = spec.split("/", 2);
      long net = ipv4(parts[0]);
      long a = ipv4(addr);
      if (net < 0 || a < 0) {
        return false;
      }
      long mask;
      if (parts[1].contains(".")) {
        mask = ipv4(parts[1]);
      } else {
        int bits = CNumbers.atoi(parts[1]);
        mask = bits <= 0 ? 0 : (0xffffffffL << (32 - Math.min(32, bits))) & 0xffffffffL;
      }
      return (net & mask) == (a & mask);
    }
    if (spec.equals(addr)) {
      return true;
    }
    if (spec.matches("[0-9.]+") && !spec.isEmpty()) {
      String prefix = spec.endsWith(".") ? spec : spec + ".";
      return addr.startsWith(prefix) && spec.split("\\.").length < 4;
    }
    return false;
  }

  private static long ipv4(String s) {
    String[] p = s.split("\\.");
    if (p.length != 4) {
      return -1;
    }
    long v = 0;
    for (String x : p) {
      try {
        int n = Integer.parseInt(x);
        if (n < 0 || n > 255) {
          return -1;
        }
        v = (v << 8) | n;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return v;
  }
}
