package dev.htaccess.httpd;

/**
 * Address literals as the C library reads them ({@code inet_pton}), which is what APR's address
 * parsing and so mod_proxy's URL parsing accept.
 */
public final class InetLiterals {

  private InetLiterals() {}

  /**
   * {@code inet_pton(AF_INET6)}: eight groups of one to four hex digits, one {@code ::} standing
   * for one or more zero groups, the last two groups optionally written as an IPv4 address.
   */
  public static boolean isIpv6(String s) {
    int groups = 0;
    boolean compressed = false;
    int i = 0;
    int n = s.length();
    if (n == 0) {
      return false;
    }
    if (s.charAt(0) == ':') {
      if (n < 2 || s.charAt(1) != ':') {
        return false;
      }
      compressed = true;
      i = 2;
      if (i == n) {
        return true;
      }
    }
    while (i < n) {
      int start = i;
      while (i < n
          && i - start < 5
          && Character.digit(s.charAt(i), 16) >= 0
          && s.charAt(i) < 0x80) {
        i++;
      }
      int digits = i - start;
      if (i < n && s.charAt(i) == '.') {
        // the tail as an IPv4 address, worth two groups
        return groups + 2 <= 8 && (compressed || groups + 2 == 8) && isIpv4(s.substring(start));
      }
      if (digits == 0 || digits > 4) {
        return false;
      }
      groups++;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return false; // a trailing single colon
      }
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  /** {@code inet_pton(AF_INET)}: four decimal octets, none above 255 and none with a leading 0. */
  public static boolean isIpv4(String s) {
    int octets = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 255 || (i > start && s.charAt(start) == '0')) {
          return false;
        }
        i++;
      }
      if (i == start) {
        return false;
      }
      octets++;
      if (i < n) {
        if (s.charAt(i) != '.' || octets == 4) {
          return false;
        }
        i++;
        if (i == n) {
          return false;
        }
      }
    }
    return octets == 4;
  }
}
