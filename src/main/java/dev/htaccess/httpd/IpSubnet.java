package dev.htaccess.httpd;

import java.util.Arrays;

/**
 * An address or network as APR's apr_ipsubnet_create reads it for {@code Require ip}, {@code Allow
 * from} and ap_expr's {@code -ipmatch}: an IPv6 or dotted-quad IPv4 address, a legacy partial IPv4
 * network ({@code 10.1} or {@code 10.1.} = 10.1.0.0/16) when no mask follows, and an optional
 * {@code /bits} or IPv4 {@code /netmask}. Matching is apr_ipsubnet_test's: an IPv4 network also
 * matches IPv4-mapped IPv6 clients.
 */
public final class IpSubnet {

  /** Why a text is no subnet, in the words of APR's status codes. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    /** APR_EINVAL: the text looks nothing like an address (callers may try it as a host name). */
    public final boolean notAnAddress;

    Invalid(boolean notAnAddress, String message) {
      super(message, null, false, false);
      this.notAnAddress = notAnAddress;
    }
  }

  private final boolean v6;
  private final byte[] network;
  private final byte[] mask;

  private IpSubnet(boolean v6, byte[] network, byte[] mask) {
    this.v6 = v6;
    this.mask = mask;
    this.network = network.clone();
    for (int i = 0; i < network.length; i++) {
      this.network[i] &= mask[i];
    }
  }

  /** Reads {@code address[/mask]} as mod_authz_host splits it at the first slash. */
  public static IpSubnet parse(String spec) throws Invalid {
    int slash = spec.indexOf('/');
    return slash < 0
        ? create(spec, null)
        : create(spec.substring(0, slash), spec.substring(slash + 1));
  }

  /** apr_ipsubnet_create. */
  public static IpSubnet create(String address, String maskOrBits) throws Invalid {
    if (!looksLikeIp(address)) {
      throw new Invalid(true, "not an IP address");
    }
    byte[] v6addr = ipv6(address);
    boolean v6 = v6addr != null && !v4Mapped(v6addr);
    if (v6addr != null && !v6) {
      throw badIp();
    }
    byte[] net;
    byte[] mask;
    if (v6) {
      net = v6addr;
      mask = filled(16);
    } else {
      net = ipv4(address);
      mask = filled(4);
      if (net == null) {
        if (maskOrBits != null) {
          throw badIp();
        }
        return legacyNetwork(address);
      }
    }
    if (maskOrBits != null) {
      int maxBits = v6 ? 128 : 32;
      long bits = strtolWhole(maskOrBits);
      if (bits > 0 && bits <= maxBits) {
        mask = new byte[mask.length];
        for (int b = 0; b < bits; b++) {
          mask[b / 8] |= (byte) (0x80 >>> (b % 8));
        }
      } else if (!v6 && ipv4(maskOrBits) != null) {
        mask = ipv4(maskOrBits);
      } else {
        throw new Invalid(false, "The specified network mask is invalid.");
      }
    }
    return new IpSubnet(v6, net, mask);
  }

  /** Whether a client address (IPv4 dotted quad or IPv6 text) is in this network. */
  public boolean contains(String client) {
    byte[] a = ipv6(client);
    if (a == null) {
      byte[] v4 = ipv4(client);
      if (v4 == null) {
        return false;
      }
      return !v6 && masked(v4, 0);
    }
    if (v6) {
      return masked(a, 0);
    }
    return v4Mapped(a) && masked(a, 12);
  }

  private boolean masked(byte[] address, int from) {
    for (int i = 0; i < network.length; i++) {
      if ((address[from + i] & mask[i]) != network[i]) {
        return false;
      }
    }
    return true;
  }

  private static Invalid badIp() {
    return new Invalid(false, "The specified IP address is invalid.");
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 0xff);
    return b;
  }

  private static boolean looksLikeIp(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** "a.b.c." is a.b.c.0/24: up to four decimal octets, each ended by a dot or the end. */
  private static IpSubnet legacyNetwork(String s) throws Invalid {
    if (s.length() >= "255.255.255.255".length() + 1) {
      throw badIp();
    }
    byte[] net = new byte[4];
    byte[] mask = new byte[4];
    int i = 0;
    int octet = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      if (i == start || (i < s.length() && s.charAt(i) != '.') || octet > 3) {
        throw badIp();
      }
      int value = CNumbers.atoi(s.substring(start, i));
      if (value > 255) {
        throw badIp();
      }
      net[octet] = (byte) value;
      mask[octet] = (byte) 0xff;
      octet++;
      if (i < s.length()) {
        i++;
      }
    }
    return new IpSubnet(false, net, mask);
  }

  /** strtol over the whole text (base 10, leading white space and a sign allowed), else -1. */
  private static long strtolWhole(String s) {
    int i = 0;
    while (i < s.length() && CNumbers.isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int digits = i;
    long v = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = Math.min(Long.MAX_VALUE / 20, v * 10 + (s.charAt(i) - '0'));
      i++;
    }
    if (i == digits || i != s.length()) {
      return -1;
    }
    return negative ? -v : v;
  }

  /** APR's inet_pton4: exactly four decimal octets of at most 255. */
  static byte[] ipv4(String s) {
    byte[] out = new byte[4];
    int octets = 0;
    int value = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (value < 0) {
          if (++octets > 4) {
            return null;
          }
          value = 0;
        }
        value = value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
        out[octets - 1] = (byte) value;
      } else if (c == '.' && value >= 0) {
        if (octets == 4) {
          return null;
        }
        value = -1;
      } else {
        return null;
      }
    }
    return octets == 4 && value >= 0 ? out : null;
  }

  /** APR's inet_pton6: hex groups of up to four digits, one "::", an optional IPv4 tail. */
  static byte[] ipv6(String s) {
    if (s.indexOf(':') < 0) {
      return null;
    }
    byte[] out = new byte[16];
    int at = 0;
    int gap = -1;
    int i = 0;
    if (s.startsWith(":")) {
      if (!s.startsWith("::")) {
        return null;
      }
      i = 1;
    }
    int groupStart = i;
    int value = 0;
    int digits = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      int hex = Character.digit(c, 16);
      if (hex >= 0 && c < 128) {
        if (++digits > 4) {
          return null;
        }
        value = (value << 4) | hex;
      } else if (c == ':') {
        groupStart = i + 1;
        if (digits == 0) {
          if (gap >= 0) {
            return null;
          }
          gap = at;
          continue;
        }
        if (i + 1 >= s.length() || at + 2 > 16) {
          return null;
        }
        out[at++] = (byte) (value >> 8);
        out[at++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c == '.' && at + 4 <= 16) {
        byte[] v4 = ipv4(s.substring(groupStart));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, at, 4);
        at += 4;
        digits = 0;
        i = s.length();
        break;
      } else {
        return null;
      }
    }
    if (digits > 0) {
      if (at + 2 > 16) {
        return null;
      }
      out[at++] = (byte) (value >> 8);
      out[at++] = (byte) value;
    }
    if (gap >= 0) {
      if (at == 16) {
        return null;
      }
      int tail = at - gap;
      System.arraycopy(out, gap, out, 16 - tail, tail);
      Arrays.fill(out, gap, 16 - tail, (byte) 0);
      at = 16;
    }
    return at == 16 ? out : null;
  }

  private static boolean v4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }
}
